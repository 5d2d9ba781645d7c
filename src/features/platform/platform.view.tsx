/** The platform admin's pages: every partnership of the deployment, and creating one. */
import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Fieldset } from '../../views/govuk/fieldset.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { type PageParts, partsAround } from '../../views/page-parts.ts';
import { toHtml } from '../../views/render.ts';
import { PartnershipIdentityFields } from '../partnerships/partnership-fields.tsx';
import type { PartnershipSummary } from '../partnerships/partnerships.repository.ts';
import type { NewPartnershipState } from './new-partnership-form.ts';

export const PLATFORM_BASE = '/platform/partnerships';

export function PartnershipsPage(m: {
  chrome: PageChrome;
  partnerships: PartnershipSummary[];
  notice?: string | undefined;
}): PageParts {
  // Sent in parts (src/views/page-parts.ts): a row a part, as 150 partnerships are over 80 KB.
  return partsAround(
    (safeSlot) => (
      <Layout title="Partnerships" {...m.chrome} beforeContent={<BackLink href="/" text="Home" />}>
        {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
        <h1 class="govuk-heading-l">Partnerships</h1>
        <p class="govuk-body">
          Every safeguarding partnership using this service. Each runs its own audits: as the platform admin
          you create partnerships and their first admin, but do not see their agencies’ returns.
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href="/platform/sign-in">
            Sign-in with your organisation’s accounts
          </a>
        </p>
        <a
          href={`${PLATFORM_BASE}/new`}
          role="button"
          draggable="false"
          class="govuk-button"
          data-module="govuk-button"
        >
          Create a partnership
        </a>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {`${m.partnerships.length} partnership${m.partnerships.length === 1 ? '' : 's'}`}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Partnership
              </th>
              <th scope="col" class="govuk-table__header">
                Short name
              </th>
              <th scope="col" class="govuk-table__header">
                Localities
              </th>
              <th scope="col" class="govuk-table__header">
                Contact
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Admins
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">{safeSlot}</tbody>
        </table>
      </Layout>
    ),
    m.partnerships.map((p) => toHtml(<PartnershipRow p={p} />)),
  );
}

function PartnershipRow({ p }: { p: PartnershipSummary }): JSX.Element {
  return (
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">
        {escapeHtml(p.name)}
        <span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular" safe>
          {`Created ${formatDate(p.createdAt)}`}
        </span>
      </th>
      <td class="govuk-table__cell govuk-body-s" safe>
        {p.shortName}
      </td>
      <td class="govuk-table__cell govuk-body-s" safe>
        {p.localityNames.join(', ')}
      </td>
      <td class="govuk-table__cell govuk-body-s app-break-word" safe>
        {p.contactEmail}
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric" safe>
        {String(p.adminCount)}
      </td>
    </tr>
  );
}

export function NewPartnershipPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  state: NewPartnershipState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { state, errors } = m;
  return (
    <Layout
      title="Create a partnership"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={PLATFORM_BASE} text="Partnerships" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Create a partnership</h1>
          <form method="post" action={PLATFORM_BASE} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Fieldset legend={{ text: 'The partnership', classes: 'govuk-fieldset__legend--m' }}>
              <PartnershipIdentityFields
                state={state}
                errors={errors}
                nameHint="For example, Northshire Safeguarding Children Partnership"
                shortNameHint="Used in web addresses: lowercase letters, numbers and hyphens, like north-lscp. No two partnerships can share one."
                contactHint="Where agencies write with questions about their returns"
              />
              <Textarea
                name="localities"
                rows={4}
                label={{ text: 'Localities', classes: 'govuk-label--s' }}
                hint={{
                  text: 'The local authority areas it covers, one on each line. Its admins can add more later.',
                }}
                value={state.localities}
                errorMessage={fieldError(errors, 'localities')}
              />
            </Fieldset>
            <Fieldset legend={{ text: 'Its first admin', classes: 'govuk-fieldset__legend--m' }}>
              <p class="govuk-body">
                We will email them a sign-in link that works for 7 days. They can then invite the
                partnership’s other people.
              </p>
              <Input
                name="adminName"
                autocomplete="off"
                label={{ text: 'Full name', classes: 'govuk-label--s' }}
                value={state.adminName}
                errorMessage={fieldError(errors, 'adminName')}
              />
              <Input
                name="adminEmail"
                type="email"
                autocomplete="off"
                spellcheck={false}
                label={{ text: 'Email address', classes: 'govuk-label--s' }}
                value={state.adminEmail}
                errorMessage={fieldError(errors, 'adminEmail')}
              />
            </Fieldset>
            <Button text="Create partnership" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
