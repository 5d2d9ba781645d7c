/** A partnership's agencies: the list, the add and change form, and archiving. */
import { escapeHtml } from '@kitajs/html';
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { formatDate } from '../../lib/dates.ts';
import { agreeing, plural } from '../../lib/words.ts';
import { ArchiveToggleForm } from '../../views/archive-toggle-form.tsx';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { InsetText } from '../../views/govuk/inset-text.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { AgencyListItem } from './agencies.repository.ts';
import { LeadContactEmailField, LocalityFields } from './agency-fields.view.tsx';
import type { AgencyFormState } from './agency-form.ts';
import { OrganisationCodeFields } from './organisation-codes.view.tsx';
import { SECTOR_LABELS } from './sectors.ts';

export interface PartnershipRef {
  id: string;
  name: string;
}

export function AgenciesPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  agencies: AgencyListItem[];
  canManage: boolean;
  /** Requests to take part waiting for an admin's decision. */
  pendingJoinRequests: number;
  /** Other partnerships' requests to share one of its agencies, waiting for an answer. */
  waitingShareRequests: number;
  notice?: string | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/agencies`;
  const active = m.agencies.filter((a) => !a.archivedAt);
  const archived = m.agencies.filter((a) => a.archivedAt);
  const table = (items: AgencyListItem[], caption: string) => (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Agency
          </th>
          <th scope="col" class="govuk-table__header">
            Sector
          </th>
          <th scope="col" class="govuk-table__header">
            Localities
          </th>
          <th scope="col" class="govuk-table__header">
            Lead contact
          </th>
          {m.canManage ? (
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">Actions</span>
            </th>
          ) : (
            ''
          )}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {items.map((a) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {escapeHtml(a.name)}
              {a.basis === 'voluntary' ? (
                <>
                  {' '}
                  <Tag text="Voluntary" classes="govuk-tag--grey" />
                </>
              ) : (
                ''
              )}
              {a.archivedAt ? (
                <span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular" safe>
                  {`Archived ${formatDate(a.archivedAt)}`}
                </span>
              ) : (
                ''
              )}
            </th>
            <td class="govuk-table__cell govuk-body-s" safe>
              {SECTOR_LABELS[a.sector]}
            </td>
            <td class="govuk-table__cell govuk-body-s" safe>
              {a.localityNames.join(', ')}
            </td>
            <td class="govuk-table__cell govuk-body-s app-break-word" safe>
              {a.leadContactEmail ?? 'Not given'}
            </td>
            {m.canManage ? (
              <td class="govuk-table__cell govuk-body-s">
                <a class="govuk-link" href={`${base}/${a.id}`}>
                  Change<span class="govuk-visually-hidden" safe>{` ${a.name}`}</span>
                </a>
              </td>
            ) : (
              ''
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Layout title="Agencies" {...m.chrome} beforeContent={<BackLink href="/" text="Home" />}>
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Agencies</h1>
      <p class="govuk-body" safe>
        {`${plural(active.length, 'agency', 'agencies')} ${agreeing(active.length, 'takes', 'take')} part in this partnership’s audits.`}
      </p>
      {m.canManage ? (
        <div class="govuk-button-group">
          <a
            href={`${base}/new`}
            role="button"
            draggable="false"
            class="govuk-button"
            data-module="govuk-button"
          >
            Add an agency
          </a>
          <a
            href={`${base}/import`}
            role="button"
            draggable="false"
            class="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            Import agencies from a spreadsheet
          </a>
        </div>
      ) : (
        ''
      )}
      {m.canManage ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/partnerships/${m.partnership.id}/join-requests`} safe>
            {m.pendingJoinRequests === 0
              ? 'Requests to take part (none waiting)'
              : `Requests to take part (${m.pendingJoinRequests} waiting for a decision)`}
          </a>
          <br />
          <a class="govuk-link" href={`/partnerships/${m.partnership.id}/agency-shares`} safe>
            {m.waitingShareRequests === 0
              ? 'Agencies shared with other partnerships (no requests waiting)'
              : `Agencies shared with other partnerships (${m.waitingShareRequests} waiting for your answer)`}
          </a>
        </p>
      ) : (
        ''
      )}
      {active.length ? table(active, 'Taking part') : <p class="govuk-body">No agencies yet.</p>}
      {archived.length ? table(archived, 'Archived') : ''}
    </Layout>
  );
}

export function AgencyFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  agency: AgencyListItem | null;
  localities: Array<{ id: string; name: string }>;
  state: AgencyFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/agencies`;
  const { state, errors, agency } = m;
  const shared = agency !== null && agency.partnershipCount > 1;
  const title = agency ? `Change ${agency.name}` : 'Add an agency';
  return (
    <Layout
      title={title}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={base} text="Agencies" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          {agency ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base}/${agency.id}/people`}>
                People who can sign in for this agency
              </a>
            </p>
          ) : (
            ''
          )}
          {shared ? (
            <InsetText text="This agency also belongs to another partnership, so its name, sector and legal basis can only be changed by contacting the service’s administrators. You can change the localities it serves here and its lead contact." />
          ) : (
            ''
          )}
          {agency ? (
            ''
          ) : (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base}/find`}>
                Is the agency already in a neighbouring partnership? Find it and ask to share it
              </a>
            </p>
          )}
          <form method="post" action={agency ? `${base}/${agency.id}` : base} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              name="name"
              label={{ text: 'Name', classes: 'govuk-label--s' }}
              value={state.name}
              disabled={shared}
              errorMessage={fieldError(errors, 'name')}
            />
            <Select
              name="sector"
              label={{ text: 'Sector', classes: 'govuk-label--s' }}
              value={state.sector}
              disabled={shared}
              errorMessage={fieldError(errors, 'sector')}
              items={[
                { value: '', text: 'Choose a sector' },
                ...AGENCY_SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s] })),
              ]}
            />
            <Radios
              name="basis"
              fieldset={{
                legend: {
                  text: 'Does Section 11 apply to this agency by law?',
                  classes: 'govuk-fieldset__legend--s',
                },
              }}
              hint={{
                text: 'Voluntary, community and faith organisations and commissioned providers can take part voluntarily.',
              }}
              value={state.basis}
              errorMessage={fieldError(errors, 'basis')}
              items={[
                { value: 'statutory', text: 'Yes, it is bound by Section 11', disabled: shared },
                { value: 'voluntary', text: 'No, it takes part voluntarily', disabled: shared },
              ]}
            />
            <OrganisationCodeFields typed={state.codes} errors={errors} />
            <LocalityFields
              legend="Localities it serves"
              localities={m.localities}
              checked={state.localityIds}
              errors={errors}
            />
            <LeadContactEmailField
              label="Lead contact’s email address (optional)"
              hint="Where the partnership writes about this agency’s returns. A new agency’s lead contact is invited to sign in as its agency lead."
              value={state.leadContactEmail}
              errors={errors}
            />
            {shared ? (
              <>
                <input type="hidden" name="name" value={state.name} />
                <input type="hidden" name="sector" value={state.sector} />
                <input type="hidden" name="basis" value={state.basis} />
              </>
            ) : (
              ''
            )}
            <Button
              text={agency ? 'Save changes' : 'Add agency'}
              attributes={{ 'data-prevent-double-click': 'true' }}
            />
          </form>
          {agency ? (
            <ArchiveToggleForm
              href={`${base}/${agency.id}`}
              csrfToken={m.csrfToken}
              archived={agency.archivedAt !== null}
              actions={['archive', 'restore']}
              heading={['Archive this agency', 'Restore this agency']}
              explanation={[
                'It will not be invited to new audits. Its returns and history are kept.',
                'It will be invited to this partnership’s new audits again.',
              ]}
              button={['Archive agency', 'Restore agency']}
            />
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
