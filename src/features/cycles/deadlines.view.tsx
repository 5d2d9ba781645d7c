/** The forms that move a deadline: for the whole audit, or for one agency. */

import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { DeadlineFields } from './deadline-fields.tsx';
import { DEADLINE_REASON_MAX, type DeadlineFormState } from './deadlines.ts';

export function DeadlinePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: CycleInfo;
  /** Set when the form gives one agency more time. */
  agencyName?: string | undefined;
  currentDeadline: Date;
  action: string;
  state: DeadlineFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, state, errors } = m;
  const title = m.agencyName ? `Give ${m.agencyName} more time` : 'Change the deadline for every agency';
  return (
    <Layout
      title={title}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`/cycles/${cycle.id}`} text="Back to the audit" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {cycle.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {`The deadline is now ${formatDateTime(m.currentDeadline)}.`}
          </p>
          <p class="govuk-body">
            {m.agencyName
              ? 'Only this agency’s deadline changes. Its agency lead is emailed the new deadline, and the change and its reason are kept in the return’s history.'
              : 'Every agency that has not submitted gets the new deadline, unless it already has a later one of its own. Agency leads are emailed, and the change and its reason are kept in each return’s history.'}
          </p>
          <form method="post" action={m.action} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <DeadlineFields legend="New deadline" state={state} errors={errors} />
            <CharacterCount
              name="reason"
              maxlength={DEADLINE_REASON_MAX}
              label={{ text: 'Reason', classes: 'govuk-label--s' }}
              hint={{ text: 'Why the deadline is changing. The agency sees this in its return’s history.' }}
              rows={3}
              value={state.reason}
              errorMessage={fieldError(errors, 'reason')}
            />
            <Button text="Change the deadline" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
