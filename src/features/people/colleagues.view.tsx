/** The agency lead's page of colleagues: who can work on the agency's returns, and inviting more. */
import type { FormErrors } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { AgencyPerson } from './memberships.repository.ts';
import { PeopleTable, signedInText } from './people-table.tsx';
import { PersonFields } from './person-fields.tsx';

export function ColleaguesPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  agency: { id: string; name: string };
  colleagues: AgencyPerson[];
  state: { name: string; email: string };
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const base = `/agencies/${m.agency.id}/colleagues`;
  return (
    <Layout
      title={`Colleagues – ${m.agency.name}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href="/returns" text="Your returns" />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <span class="govuk-caption-l" safe>
        {m.agency.name}
      </span>
      <h1 class="govuk-heading-l">Colleagues</h1>
      <p class="govuk-body">
        Contributors answer the themes of a return that you assign to them (from “Who is doing what” on the
        return) and keep their actions up to date. Only agency leads can sign off and submit a return.
        Removing a contributor also removes their assignments.
      </p>
      <PeopleTable
        caption="People in your agency"
        showSignedIn
        rows={m.colleagues.map((c) => ({
          name: c.name,
          email: c.email,
          role: c.role === 'agency_lead' ? 'Agency lead' : 'Contributor',
          signedIn: signedInText(c),
          action:
            c.role === 'contributor' ? (
              <form method="post" action={`${base}/${c.userId}/remove`} class="app-inline-form">
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                  Remove<span class="govuk-visually-hidden" safe>{` ${c.name}`}</span>
                </button>
              </form>
            ) : (
              ''
            ),
        }))}
      />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">Invite a contributor</h2>
          <form method="post" action={base} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <PersonFields state={m.state} errors={m.errors} />
            <Button text="Send invitation" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
