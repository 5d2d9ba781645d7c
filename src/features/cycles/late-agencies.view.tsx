/** Adding agencies to an audit already set up: which ones, and their deadline. */
import type { AgencySector } from '../../db/schema.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import { DeadlineFields } from './deadline-fields.tsx';
import type { LateAgenciesState } from './late-agencies.ts';

export function LateAgenciesPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: CycleInfo;
  agencies: Array<{ id: string; name: string; sector: AgencySector }>;
  now: Date;
  state: LateAgenciesState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, state, errors } = m;
  const base = `/cycles/${cycle.id}`;
  const closed = cycle.closesAt <= m.now;
  const ownDeadline = toHtml(<DeadlineFields legend="Their deadline" state={state} errors={errors} />);
  return (
    <Layout
      title="Add agencies to this audit"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={base} text="Back to the audit" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {cycle.name}
          </span>
          <h1 class="govuk-heading-l">Add agencies to this audit</h1>
          <p class="govuk-body">
            For an agency that joins late, or a voluntary organisation you have just approved. Each agency
            gets its return at once
            {cycle.carryForward ? ', pre-filled from its last audit as the others were,' : ''} and its agency
            lead is emailed the invitation
            {m.now < cycle.opensAt ? ' when the audit opens' : ' now'}.
          </p>
          {m.agencies.length === 0 ? (
            <p class="govuk-body">
              Every agency of the partnership is already in this audit.{' '}
              <a class="govuk-link" href={`/partnerships/${cycle.partnershipId}/agencies/new`}>
                Add an agency to the partnership
              </a>{' '}
              first.
            </p>
          ) : (
            <form method="post" action={`${base}/agencies`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Checkboxes
                name="agencyIds"
                idPrefix="agencyIds"
                fieldset={{
                  legend: { text: 'Agencies not yet in the audit', classes: 'govuk-fieldset__legend--s' },
                }}
                errorMessage={fieldError(errors, 'agencyIds')}
                items={m.agencies.map((a) => ({
                  value: a.id,
                  text: a.name,
                  hint: { text: SECTOR_LABELS[a.sector] },
                  checked: state.agencyIds.includes(a.id),
                }))}
              />
              <Radios
                name="deadlineChoice"
                idPrefix="deadlineChoice"
                fieldset={{ legend: { text: 'Their deadline', classes: 'govuk-fieldset__legend--s' } }}
                errorMessage={fieldError(errors, 'deadlineChoice')}
                value={state.deadline}
                items={[
                  {
                    value: 'cycle',
                    text: `The audit’s deadline: ${formatDateTime(cycle.closesAt)}`,
                    hint: closed
                      ? { text: 'The audit has closed, so this is no longer possible.' }
                      : undefined,
                  },
                  {
                    value: 'own',
                    text: 'A later deadline of their own',
                    conditional: { html: ownDeadline },
                  },
                ]}
              />
              <Button text="Add agencies" attributes={{ 'data-prevent-double-click': 'true' }} />
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}
