// Follows a verified replay on its progress page (audit/replay-run.html) without reloading it: polls the run's
// progress every second, moves the bar and the words (a polite live region), and once the run has ended reloads the
// page, which then shows the report. Without JavaScript the page's "Check progress" button does the same by hand.
const panel = document.querySelector('[data-replay-progress]');

if (panel) {
  const url = panel.dataset.replayProgress;
  const bar = panel.querySelector('progress');
  const text = panel.querySelector('[aria-live]');
  const number = new Intl.NumberFormat('en-GB');

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (response.ok) {
        const run = await response.json();
        if (run.state !== 'RUNNING') {
          window.location.reload();
          return;
        }
        bar.value = run.percent;
        bar.textContent = `${run.percent}%`;
        text.textContent = `${number.format(run.eventsReplayed)} of ${number.format(run.eventsToReplay)} events replayed`;
      }
    } catch {
      // A network blip: the next poll tries again.
    }
    window.setTimeout(poll, 1000);
  };

  window.setTimeout(poll, 1000);
}
