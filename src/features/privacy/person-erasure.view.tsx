/** The confirmation before removing someone and anonymising them everywhere the partnership holds them. */
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { WarningText } from '../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';

export interface AnonymiseConfirmModel {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  person: { name: string; email: string };
  /** "the partnership" or the agency's name. */
  from: string;
  /** How many other partnerships their agency works with, whose records are anonymised too. */
  otherPartnerships?: number | undefined;
  action: string;
  back: { href: string; text: string };
  /** Why it cannot be done, when it cannot. */
  refusal?: string | undefined;
  errors?: FormErrors | undefined;
}

export function AnonymiseConfirmPage(m: AnonymiseConfirmModel): JSX.Element {
  return (
    <Layout
      title={`Remove and anonymise ${m.person.name}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={m.back.href} text={m.back.text} />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Remove and anonymise this person</h1>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Name</dt>
              <dd class="govuk-summary-list__value" safe>
                {m.person.name}
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Email address</dt>
              <dd class="govuk-summary-list__value" safe>
                {m.person.email}
              </dd>
            </div>
          </dl>
          <p class="govuk-body" safe>
            {`They will be removed from ${m.from}, and then:`}
          </p>
          <ul class="govuk-list govuk-list--bullet">
            <li>
              their name and email address are replaced with “Removed person” in the change history, returns,
              action plans, enquiries, challenge events and the record of emails sent
              {m.otherPartnerships
                ? ` here and in the ${m.otherPartnerships === 1 ? 'other partnership' : `${m.otherPartnerships} other partnerships`} the agency works with`
                : ''}
            </li>
            <li>
              they are signed out, and their sign-in links, invitations and the API tokens they made stop
              working
            </li>
            <li>answers, grades and figures stay as they are</li>
          </ul>
          {m.refusal ? (
            <div class="govuk-inset-text" safe>
              {m.refusal}
            </div>
          ) : (
            <>
              <WarningText text="This cannot be undone." />
              <form method="post" action={m.action} novalidate>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <Checkboxes
                  name="confirm"
                  idPrefix="confirm"
                  fieldset={{
                    legend: { text: 'Confirm', classes: 'govuk-fieldset__legend--s' },
                  }}
                  errorMessage={fieldError(m.errors, 'confirm')}
                  items={[{ value: 'yes', text: 'I understand that their details cannot be recovered' }]}
                />
                <Button text="Remove and anonymise" classes="govuk-button--warning" />
              </form>
            </>
          )}
          <p class="govuk-body">
            <a class="govuk-link" href={m.back.href}>
              Cancel
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** Why someone cannot be anonymised from here, or undefined when they can. */
export function anonymiseRefusal(isSelf: boolean, holdsOther: boolean): string | undefined {
  if (isSelf) return 'You cannot anonymise yourself. Ask another partnership admin.';
  if (holdsOther)
    return 'They also have a role in another partnership or agency, or run the service, so their account is still in use. You can remove them, but not anonymise them.';
  return undefined;
}
