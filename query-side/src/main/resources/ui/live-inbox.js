// The inbox, live: listens to the signed-in user's inbox updates (server-sent events on the session, no token here)
// and, when a referral arrives or changes, fetches a fresh copy of this very page (same filters, same page) and swaps
// in its list of referrals, leaving the filters and everything else as they are. What changed is said in a GOV.UK
// notification banner inside a polite live region, so screen readers hear it too.

// Changes that bring a referral into the inbox; every other change is to a referral already there.
const ARRIVALS = new Set(['RAISED', 'REDIRECTED']);
// Changes arriving close together are read in one go.
const SETTLE_MS = 300;
// When the server refuses the stream (signed out, session over) the browser gives up: try again, less and less often.
const RETRY_MS = [5000, 30000, 120000, 300000];

/**
 * Starts the live updates for the list element, which names its stream in data-live-inbox.
 *
 * @param {HTMLElement} list the element whose contents are the page's referrals, with an id the fresh page has too
 */
export function start(list) {
  const status = document.createElement('div');
  status.id = 'live-inbox-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-atomic', 'true');
  list.before(status);

  let arrived = new Set();
  let changed = new Set();
  let settling = null;
  let refreshing = false;
  let failures = 0;
  let snapshots = 0;

  function connect() {
    const events = new EventSource(list.dataset.liveInbox);
    events.addEventListener('inbox', () => {
      failures = 0;
      // Says the page is listening (for the end-to-end tests, which change the inbox only then).
      list.dataset.liveInboxConnected = 'true';
      // Every (re)connection starts with the inbox as it stands; after the first, what changed meanwhile is not
      // replayed, so read the list again.
      snapshots += 1;
      if (snapshots > 1) {
        settle();
      }
    });
    events.addEventListener('inbox-changed', (event) => {
      const change = JSON.parse(event.data);
      if (ARRIVALS.has(change.change)) {
        arrived.add(change.referralId);
      } else if (change.change !== 'REDIRECTED_AWAY') {
        changed.add(change.referralId);
      }
      settle();
    });
    events.addEventListener('error', () => {
      // A dropped connection is retried by the browser itself; a refused one (CLOSED) is not.
      if (events.readyState === EventSource.CLOSED) {
        const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
        failures += 1;
        setTimeout(connect, wait);
      }
    });
  }

  function settle() {
    clearTimeout(settling);
    settling = setTimeout(refresh, SETTLE_MS);
  }

  async function refresh() {
    if (refreshing) {
      settle();
      return;
    }
    refreshing = true;
    const newOnes = arrived;
    const changedOnes = changed;
    arrived = new Set();
    changed = new Set();
    try {
      // No redirects: a session that ended would send us to the sign-in page, and the page stays as it is instead.
      const response = await fetch(window.location.href, {
        headers: { Accept: 'text/html' },
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'manual'
      });
      if (!response.ok) {
        return;
      }
      const fresh = new DOMParser()
        .parseFromString(await response.text(), 'text/html')
        .getElementById(list.id);
      if (!fresh) {
        return;
      }
      list.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
      announce(newOnes, changedOnes);
    } catch (failed) {
      // Offline for a moment: the next change or reconnection reads the list again.
    } finally {
      refreshing = false;
    }
  }

  function announce(newOnes, changedOnes) {
    const parts = [];
    if (newOnes.size > 0) {
      const hidden = [...newOnes].filter((id) => !list.querySelector(`tr[data-referral-id="${CSS.escape(id)}"]`));
      let sentence = `${newOnes.size} new ${newOnes.size === 1 ? 'referral' : 'referrals'}`;
      if (hidden.length > 0) {
        sentence += hidden.length === newOnes.size
          ? ', not shown with these filters or on this page'
          : ` (${hidden.length} not shown with these filters or on this page)`;
      }
      parts.push(sentence);
    }
    const updated = [...changedOnes].filter((id) => !newOnes.has(id)).length;
    if (updated > 0) {
      parts.push(`${updated} ${updated === 1 ? 'referral' : 'referrals'} updated`);
    }
    if (parts.length === 0) {
      return;
    }
    const banner = document.createElement('div');
    banner.className = 'govuk-notification-banner';
    banner.setAttribute('role', 'region');
    banner.setAttribute('aria-labelledby', 'live-inbox-title');
    const header = document.createElement('div');
    header.className = 'govuk-notification-banner__header';
    const title = document.createElement('h2');
    title.className = 'govuk-notification-banner__title';
    title.id = 'live-inbox-title';
    title.textContent = 'Your inbox changed';
    header.append(title);
    const content = document.createElement('div');
    content.className = 'govuk-notification-banner__content';
    const heading = document.createElement('p');
    heading.className = 'govuk-notification-banner__heading';
    heading.id = 'live-inbox-message';
    heading.textContent = parts.join('; ');
    content.append(heading);
    banner.append(header, content);
    status.replaceChildren(banner);
  }

  connect();
}
