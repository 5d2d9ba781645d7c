import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Panel } from '../../views/govuk/panel.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { PublicEnquiryFormState } from './enquiry-form.ts';
import { EnquiryMessage } from './enquiry-message.view.tsx';

/** The public enquiry form, for people not signed in, under the partnership's short name. */
export function PublicEnquiryFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { name: string; shortName: string };
  state: PublicEnquiryFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/p/${m.partnership.shortName}`;
  const { state, errors } = m;
  return (
    <Layout
      title="Send the partnership an enquiry"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`${base}/faq`} text="Frequently asked questions" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Send the partnership an enquiry</h1>
          <p class="govuk-body">
            Ask about the partnership's Section 11 audits. The partnership replies by email. If your
            organisation already takes part, its people can sign in and send an enquiry from there.
          </p>
          <form method="post" action={`${base}/enquiries/new`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              name="name"
              label={{ text: 'Your full name', classes: 'govuk-label--s' }}
              autocomplete="name"
              spellcheck={false}
              value={state.name}
              errorMessage={fieldError(errors, 'name')}
            />
            <Input
              name="email"
              type="email"
              label={{ text: 'Your email address', classes: 'govuk-label--s' }}
              hint={{ text: 'The partnership replies to this address.' }}
              autocomplete="email"
              spellcheck={false}
              value={state.email}
              errorMessage={fieldError(errors, 'email')}
            />
            <Input
              name="organisation"
              label={{ text: 'Your organisation (optional)', classes: 'govuk-label--s' }}
              autocomplete="organization"
              value={state.organisation}
              errorMessage={fieldError(errors, 'organisation')}
            />
            <EnquiryMessage value={state.message} errors={errors} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function PublicEnquirySentPage(m: {
  chrome: PageChrome;
  partnership: { name: string; shortName: string };
}): JSX.Element {
  return (
    <Layout title="Enquiry sent" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel titleText="Enquiry sent" text={m.partnership.name} />
          <p class="govuk-body">
            We are emailing you to confirm we received it. The partnership will reply to you by email.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/p/${m.partnership.shortName}/guidance`}>
              Back to the partnership's guidance
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
