// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

/** The values chosen in the radios or checkboxes called `name`. */
const chosen = (name) =>
  Array.from(document.querySelectorAll(`input[name="${CSS.escape(name)}"]`))
    .filter((input) => (input.type === 'radio' || input.type === 'checkbox') && input.checked)
    .map((input) => input.value);

/** Calls `update` now and whenever a radio or checkbox called `name` changes. */
const follow = (name, update) => {
  for (const input of document.querySelectorAll(`input[name="${CSS.escape(name)}"]`))
    input.addEventListener('change', update);
  update();
};

// Areas for development: without JavaScript they are always shown, under "If you answered …".
// With it, each is shown only when the chosen answer needs one, or when it already holds text
// or an error, so nothing typed is ever hidden.
for (const block of document.querySelectorAll('[data-app-reveal-for]')) {
  const name = block.getAttribute('data-app-reveal-for');
  const when = (block.getAttribute('data-app-reveal-when') || '').split(' ');
  const hasContent = () =>
    block.querySelector('.govuk-form-group--error') !== null ||
    Array.from(block.querySelectorAll('input, textarea')).some((field) => field.value.trim() !== '');
  follow(name, () => {
    const show = chosen(name).some((value) => when.includes(value)) || hasContent();
    block.classList.toggle('govuk-!-display-none', !show);
  });
}

// Conditional questions: the server shows a question only when the earlier answer it depends on
// was saved (without JavaScript it appears after "Save and continue"). With JavaScript it appears
// and disappears as that answer changes. A question inside a hidden one's block stays hidden too.
const conditional = Array.from(document.querySelectorAll('[data-app-show-for]'));
const updateConditional = () => {
  for (const block of conditional) {
    const name = block.getAttribute('data-app-show-for');
    const when = (block.getAttribute('data-app-show-when') || '').split(' ');
    const source = document.querySelector(`input[name="${CSS.escape(name)}"]`);
    const sourceHidden = source?.closest('[data-app-show-for]')?.hidden === true;
    const hasError = block.querySelector('.govuk-form-group--error') !== null;
    block.hidden = !hasError && (sourceHidden || !chosen(name).some((value) => when.includes(value)));
  }
};
for (const name of new Set(conditional.map((block) => block.getAttribute('data-app-show-for'))))
  follow(name, updateConditional);

// An export being prepared: say how far it has got (politely, to screen readers) and show the
// finished page when it is ready. Without JavaScript, the page's "Check progress again" link does it.
for (const block of document.querySelectorAll('[data-app-export-status]')) {
  const url = block.getAttribute('data-app-export-status');
  const live = block.querySelector('[data-app-export-progress]');
  if (!document.querySelector('[data-app-export-refresh]')) continue;
  const check = async () => {
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!response.ok) return;
      const { status, progress } = await response.json();
      if (status === 'done' || status === 'failed') {
        window.location.reload();
        return;
      }
      if (live) live.textContent = progress;
    } catch {
      // Offline for a moment: try again at the next tick.
    }
    window.setTimeout(check, 3000);
  };
  window.setTimeout(check, 3000);
}
