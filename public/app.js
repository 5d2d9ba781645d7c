// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

// Areas for development: without JavaScript they are always shown, under "If you answered …".
// With it, each is shown only when the chosen answer needs one, or when it already holds text
// or an error, so nothing typed is ever hidden.
for (const block of document.querySelectorAll('[data-app-reveal-for]')) {
  const name = block.getAttribute('data-app-reveal-for');
  const when = (block.getAttribute('data-app-reveal-when') || '').split(' ');
  const radios = document.querySelectorAll(`input[type="radio"][name="${CSS.escape(name)}"]`);
  const hasContent = () =>
    block.querySelector('.govuk-form-group--error') !== null ||
    Array.from(block.querySelectorAll('input, textarea')).some((field) => field.value.trim() !== '');
  const update = () => {
    const checked = Array.from(radios).find((radio) => radio.checked);
    const show = (checked && when.includes(checked.value)) || hasContent();
    block.classList.toggle('govuk-!-display-none', !show);
  };
  for (const radio of radios) radio.addEventListener('change', update);
  update();
}

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
