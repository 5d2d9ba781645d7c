import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { AgencyPartnership } from '../partnerships/agency-partnerships.ts';
import type { ReturnOption } from './enquiries.repository.ts';
import { type EnquiryFormState, recipientValue, SUBJECT_MAX } from './enquiry-form.ts';
import { EnquiryMessage } from './enquiry-message.view.tsx';

export function EnquiryFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  recipients: AgencyPartnership[];
  returns: ReturnOption[];
  state: EnquiryFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { state, errors } = m;
  const severalAgencies = new Set(m.recipients.map((r) => r.agencyId)).size > 1;
  const severalPartnerships = m.recipients.length > 1;
  const only = m.recipients.length === 1 ? m.recipients[0] : undefined;
  const partnershipName = (r: { partnershipId: string }) =>
    m.recipients.find((x) => x.partnershipId === r.partnershipId)?.partnershipName ?? '';
  return (
    <Layout
      title="Send a Section 11 enquiry"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href="/enquiries" text="Section 11 enquiries" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Send a Section 11 enquiry</h1>
          {only ? (
            <p class="govuk-body" safe>
              {`Your enquiry will go to ${only.partnershipName}.`}
            </p>
          ) : (
            ''
          )}
          <form method="post" action="/enquiries/new" novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            {severalPartnerships ? (
              <Radios
                name="recipient"
                idPrefix="recipient"
                fieldset={{
                  legend: {
                    text: 'Which partnership is your enquiry for?',
                    classes: 'govuk-fieldset__legend--s',
                  },
                }}
                hint={{ text: 'Your agency takes part in the audits of more than one partnership.' }}
                value={state.recipient}
                errorMessage={fieldError(errors, 'recipient')}
                items={m.recipients.map((r) => ({
                  value: recipientValue(r),
                  text: severalAgencies ? `${r.partnershipName} (for ${r.agencyName})` : r.partnershipName,
                }))}
              />
            ) : (
              ''
            )}
            {m.returns.length ? (
              <Select
                name="returnId"
                label={{ text: 'Which return is it about? (optional)', classes: 'govuk-label--s' }}
                value={state.returnId}
                errorMessage={fieldError(errors, 'returnId')}
                items={[
                  { value: '', text: 'Not about a particular return' },
                  ...m.returns.map((r) => ({
                    value: r.id,
                    text: severalPartnerships ? `${r.label} – ${partnershipName(r)}` : r.label,
                  })),
                ]}
              />
            ) : (
              ''
            )}
            <Input
              name="subject"
              label={{ text: 'Subject', classes: 'govuk-label--s' }}
              hint={{ text: `A few words about what you are asking, up to ${SUBJECT_MAX} characters.` }}
              value={state.subject}
              errorMessage={fieldError(errors, 'subject')}
            />
            <EnquiryMessage value={state.message} errors={errors} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
