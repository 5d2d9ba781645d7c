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

// Work in the background a page waits for: ask `url` every 3 s, say how far it has got in `live`
// (politely, to screen readers), and show the page itself once `done(answer)`. Stops if the answer
// is refused (the export gone, the person signed out).
const followProgress = (url, live, done) => {
  const check = async () => {
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!response.ok) return;
      const answer = await response.json();
      if (done(answer)) {
        window.location.reload();
        return;
      }
      if (live && answer.progress) live.textContent = answer.progress;
    } catch {
      // Offline for a moment: try again at the next tick.
    }
    window.setTimeout(check, 3000);
  };
  window.setTimeout(check, 3000);
};

// An export being prepared, shown finished (or failed) once it is. Without JavaScript, the page's
// "Check progress again" link does it.
for (const block of document.querySelectorAll('[data-app-export-status]')) {
  if (!document.querySelector('[data-app-export-refresh]')) continue;
  followProgress(
    block.getAttribute('data-app-export-status'),
    block.querySelector('[data-app-export-progress]'),
    ({ status }) => status === 'done' || status === 'failed',
  );
}

// A page waiting for the grades of a large audit, shown once they are kept. Without JavaScript, the
// page's "Try again" link does it.
for (const block of document.querySelectorAll('[data-app-progress]'))
  followProgress(
    block.getAttribute('data-app-progress'),
    block.querySelector('[data-app-progress-text]'),
    ({ ready }) => ready === true,
  );

// Forms the person has typed in (posted forms only), most recent last: what the idle sign-out keeps.
const changedForms = new Set();
const noteChange = (event) => {
  const form = event.target instanceof Element ? event.target.closest('form') : null;
  if (form?.method !== 'post' || form.closest('[data-app-timeout-dialog]')) return;
  changedForms.delete(form);
  changedForms.add(form);
};
document.addEventListener('input', noteChange);
document.addEventListener('change', noteChange);

// The warning before the idle sign-out (the GOV.UK timeout pattern). Signed-in pages say when the
// session ends and how long before to warn; a modal dialog then offers to stay signed in (Escape
// does too) or to sign out. If the time runs out, the form the person typed in is sent with a
// marker, so the server keeps it (never saves it) and the sign-in page says the session ended.
// Without JavaScript the session ends as before: a form posted after it is kept the same way.
const session = (() => {
  const body = document.body;
  const dialog = document.querySelector('[data-app-timeout-dialog]');
  const given = (name) => Number(body.getAttribute(name));
  if (!dialog || typeof dialog.showModal !== 'function' || !body.hasAttribute('data-app-session-expires-in'))
    return { extended() {} };
  const warnMs = given('data-app-session-warning-seconds') * 1000;
  const countdown = dialog.querySelector('[data-app-timeout-countdown]');
  const stay = dialog.querySelector('[data-app-timeout-stay]');
  const csrf = dialog.querySelector('input[name="_csrf"]')?.value ?? '';
  let endsAt = Date.now() + given('data-app-session-expires-in') * 1000;
  let warnTimer = 0;
  let endTimer = 0;
  let tick = 0;
  let returnFocus = null;

  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds > 60) return `${Math.ceil(seconds / 60)} minutes`;
    if (seconds === 60) return '1 minute';
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  };
  const open = () => {
    if (dialog.open) return;
    returnFocus = document.activeElement;
    countdown.textContent = words(endsAt - Date.now());
    dialog.showModal();
    stay.focus();
    tick = window.setInterval(() => {
      countdown.textContent = words(endsAt - Date.now());
    }, 1000);
  };
  const close = () => {
    window.clearInterval(tick);
    if (dialog.open) dialog.close();
    if (returnFocus instanceof HTMLElement && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  };
  const schedule = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(open, Math.max(0, endsAt - warnMs - Date.now()));
    endTimer = window.setTimeout(timeOut, Math.max(0, endsAt - Date.now()));
  };
  const extended = (seconds) => {
    if (typeof seconds !== 'number') return;
    endsAt = Date.now() + seconds * 1000;
    schedule();
  };
  const timeOut = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    window.clearInterval(tick);
    const form = Array.from(changedForms).pop();
    if (form) {
      for (const [name, value] of [
        ['_timedOut', '1'],
        ['_returnTo', window.location.pathname],
      ]) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      // The prototype's submit: a field named "submit" cannot hide it, and no check stops it.
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?timedOut&next=${encodeURIComponent(here)}`);
  };
  const stayIn = async () => {
    try {
      const response = await fetch('/session/extend', {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams({ _csrf: csrf }),
        credentials: 'same-origin',
      });
      const json = (response.headers.get('content-type') || '').includes('application/json')
        ? await response.json()
        : null;
      if (response.ok && typeof json?.expiresInSeconds === 'number') {
        close();
        extended(json.expiresInSeconds);
        return;
      }
    } catch {
      // Offline: the dialog stays, to try again.
      return;
    }
    // The session had ended already.
    timeOut();
  };

  stay.addEventListener('click', stayIn);
  // Escape means "stay signed in", never a dialog closed with the session still running out.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    stayIn();
  });
  // Focus stays in the dialog: Tab from the last control goes to the first, and back.
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const controls = Array.from(dialog.querySelectorAll('button, a[href], input:not([type="hidden"])'));
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
  schedule();
  return { extended };
})();

// Autosave on a theme page: a moment after typing stops, what the form holds is saved as a draft
// (it never completes the theme), and a polite live region says so. One request at a time, and
// none while nothing changed since the last save. The conflict rule holds: the page's hidden
// "shown" value is updated from each save, and a field someone else changed is never written over
// (the live region says so; "Save and continue" then shows the conflict page).
const AUTOSAVE_DELAY_MS = 2000;
for (const form of document.querySelectorAll('form[data-app-autosave]')) {
  const url = form.getAttribute('data-app-autosave');
  const status = form.querySelector('[data-app-autosave-status]');
  const shownInput = form.querySelector('input[name="_shown"]');
  /** The form's fields as they would be sent, without the values the server sets. */
  const snapshot = () => {
    const fields = new URLSearchParams(new FormData(form));
    fields.delete('_shown');
    return fields.toString();
  };
  let saved = snapshot();
  let timer = 0;
  let busy = false;
  let stopped = false;
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const later = () => {
    window.clearTimeout(timer);
    if (!stopped) timer = window.setTimeout(send, AUTOSAVE_DELAY_MS);
  };
  const send = async () => {
    const sending = snapshot();
    if (busy || stopped || sending === saved) return;
    busy = true;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      });
      const json = (response.headers.get('content-type') || '').includes('application/json')
        ? await response.json()
        : null;
      if (response.ok && json?.status === 'saved') {
        saved = sending;
        if (shownInput && typeof json.shown === 'string') shownInput.value = json.shown;
        if (snapshot() === saved) changedForms.delete(form);
        session.extended(json.expiresInSeconds);
        say(json.message);
      } else if (response.status === 422 && json) {
        say(json.message);
      } else {
        // Someone else changed the theme, the session ended, or the theme cannot be changed now:
        // "Save and continue" shows why, keeping what was typed.
        stopped = true;
        say(json?.message ?? 'Not saved automatically: select “Save and continue” to keep your changes');
      }
    } catch {
      say('Not saved: check your connection. What you typed is still on this page');
    } finally {
      busy = false;
    }
    // Typed while it was saving: saved after the next pause.
    if (!stopped && snapshot() !== saved) later();
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
}
