import type { FormErrors } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { PartnershipRef } from './agencies.view.tsx';
import { LeadContactEmailField, LocalityFields } from './agency-fields.view.tsx';
import type { ShareFormState } from './agency-share-form.ts';
import type { AgencyIdentity } from './agency-shares.repository.ts';
import { agenciesBase, identityRows, sharesBase } from './agency-shares.view.tsx';

export function ShareRequestFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  agency: AgencyIdentity;
  localities: Array<{ id: string; name: string }>;
  state: ShareFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { agency, state, errors } = m;
  return (
    <Layout
      title={`Ask to share ${agency.name}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`${agenciesBase(m.partnership.id)}/find`} text="Find an agency" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {`Ask to share ${agency.name}`}
          </h1>
          <SummaryList rows={identityRows(agency)} />
          <p class="govuk-body" safe>
            {`${agency.partnershipName}’s admins are emailed your request. If they accept, the agency becomes one of your agencies too: the same agency, with the same people, taking part in your audits with the localities and lead contact you give here.`}
          </p>
          <form method="post" action={sharesBase(m.partnership.id)} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name="agencyId" value={agency.agencyId} />
            <input type="hidden" name="askedPartnershipId" value={agency.partnershipId} />
            <LocalityFields
              legend="Your localities it serves"
              localities={m.localities}
              checked={state.localityIds}
              errors={errors}
            />
            <LeadContactEmailField
              label="Your lead contact’s email address (optional)"
              hint="Where your partnership writes about this agency’s returns."
              value={state.leadContactEmail}
              errors={errors}
            />
            <Button text="Send request" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
