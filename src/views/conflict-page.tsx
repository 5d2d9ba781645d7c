/**
 * The conflict page (issue 10): someone else saved a field this person also changed since their form
 * was shown. It names each such field, who changed it and when, shows both values, and asks which to
 * keep, field by field. Nothing is saved until they choose. Everything the person sent rides along in
 * hidden inputs to the same address, so nothing they typed is lost.
 */
import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../lib/dates.ts';
import { CONFLICTS_FIELD, resolveField, seenField } from '../web/form-version.ts';
import type { FormErrors } from './form-errors.ts';
import { FormErrorBuilder } from './form-errors.ts';
import { renderAttributes } from './govuk/attributes.ts';
import { BackLink } from './govuk/back-link.tsx';
import { Button } from './govuk/button.tsx';
import { Radios } from './govuk/radios.tsx';
import { Layout, type PageChrome } from './layout.tsx';

export interface ConflictField {
  key: string;
  /** What the field is, e.g. "Question 2: comments". */
  label: string;
  /** The other person's value, as saved now, and this person's, as words ("" for nothing). */
  theirs: string;
  mine: string;
  /** Fingerprint of the saved value: the choice counts only while it is still the one shown. */
  fingerprintTheirs: string;
  changedBy: string | null;
  changedAt: Date | null;
  /** The page was shown for this value and the person sent it without choosing. */
  unanswered: boolean;
}

export interface ConflictPageModel {
  chrome: PageChrome;
  csrfToken: string;
  /** What the record is, e.g. "Safer recruitment" (used in the title). */
  recordName: string;
  /** Where the form posts: the page it came from. */
  action: string;
  backHref: string;
  /** What the person sent (every field but the token and earlier choices). */
  body: Record<string, unknown>;
  conflicts: ConflictField[];
}

export const CONFLICT_TITLE = 'Someone else changed this while you were editing it';

const NOTHING = '(left blank)';

/** The hidden inputs that carry what was sent, safely escaped. */
function hiddenInputs(body: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [name, raw] of Object.entries(body)) {
    if (name === '_csrf' || name === CONFLICTS_FIELD || /^(resolve|seen)-/.test(name)) continue;
    for (const value of Array.isArray(raw) ? raw : [raw])
      if (typeof value === 'string') out.push(`<input type="hidden"${renderAttributes({ name, value })}>`);
  }
  return out.join('');
}

export function conflictErrors(conflicts: ConflictField[]): FormErrors {
  const errors = new FormErrorBuilder();
  for (const c of conflicts)
    if (c.unanswered)
      errors.add(resolveField(c.key), `Select which version of ${lowerFirst(c.label)} to keep`);
  return errors.build();
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function ConflictPage(m: ConflictPageModel): JSX.Element {
  const errors = conflictErrors(m.conflicts);
  const safeHidden = hiddenInputs(m.body);
  const parts = m.conflicts.length === 1 ? 'one part' : `${m.conflicts.length} parts`;
  return (
    <Layout
      title={`${CONFLICT_TITLE} – ${m.recordName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={m.backHref} text="Back without saving" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.recordName}
          </span>
          <h1 class="govuk-heading-l">{CONFLICT_TITLE}</h1>
          <p class="govuk-body">
            Your changes have not been saved yet. Since you opened the page, someone else saved a different
            version of <span safe>{parts}</span> you also changed. For each one, choose which version to keep.
          </p>
          <p class="govuk-body">Everything else you changed will be saved when you continue.</p>
          <form method="post" action={m.action} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            {safeHidden}
            <input type="hidden" name={CONFLICTS_FIELD} value={m.conflicts.map((c) => c.key).join(',')} />
            {m.conflicts.map((c) => {
              const who = c.changedBy ?? 'Someone else';
              const when = c.changedAt ? ` at ${formatDateTime(c.changedAt)}` : '';
              return (
                <>
                  <input type="hidden" name={seenField(c.key)} value={c.fingerprintTheirs} />
                  {Radios({
                    name: resolveField(c.key),
                    fieldset: { legend: { text: c.label, classes: 'govuk-fieldset__legend--m' } },
                    hint: { text: `Changed by ${who}${when}` },
                    errorMessage: errors.byField[resolveField(c.key)]
                      ? { text: errors.byField[resolveField(c.key)]! }
                      : false,
                    items: [
                      {
                        value: 'theirs',
                        html: `Keep ${escapeHtml(who)}’s version`,
                        hint: { text: c.theirs || NOTHING },
                      },
                      { value: 'mine', text: 'Use your version', hint: { text: c.mine || NOTHING } },
                    ],
                  })}
                </>
              );
            })}
            {Button({ text: 'Save my choices', preventDoubleClick: true })}
          </form>
        </div>
      </div>
    </Layout>
  );
}
