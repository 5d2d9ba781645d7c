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
