// GOV.UK Frontend's start-up, from a file rather than inline, so the content security policy needs no inline script.
// Only browsers that run ES modules get here: they are the ones GOV.UK Frontend's JavaScript supports.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// The inbox updates itself while open (the page works as well without: a reload shows the same).
const liveInbox = document.querySelector('[data-live-inbox]');
if (liveInbox) {
  import('/app/live-inbox.js').then((module) => module.start(liveInbox));
}
