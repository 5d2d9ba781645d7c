/** An agency's people, for a partnership admin: who can sign in for it, and appointing more. */
import type { FormErrors } from '../../views/form-errors.ts';
import { fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { ROLE_NAMES } from './invitations.view.tsx';
import type { AgencyPerson } from './memberships.repository.ts';
import { PeopleTable, signedInText } from './people-table.tsx';
import { PersonFields } from './person-fields.tsx';

export interface AppointState {
  name: string;
  email: string;
  role: string;
}

export function AgencyPeoplePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  agency: { id: string; name: string; leadContactEmail: string | null };
  people: AgencyPerson[];
  state: AppointState;
  errors?: FormErrors | undefined;
  /** The lead contact has just changed and cannot sign in for the agency yet. */
  offerLeadContact: boolean;
  notice?: string | undefined;
}): JSX.Element {
  const agencies = `/partnerships/${m.partnership.id}/agencies`;
  const base = `${agencies}/${m.agency.id}/people`;
  return (
    <Layout
      title={`People – ${m.agency.name}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`${agencies}/${m.agency.id}`} text="Back to the agency" />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      {m.offerLeadContact ? (
        <NotificationBanner
          type="success"
          text={`Changes saved. The new lead contact, ${m.agency.leadContactEmail ?? ''}, cannot sign in for the agency yet: invite them below as its agency lead.`}
        />
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>
        {m.agency.name}
      </span>
      <h1 class="govuk-heading-l">People who can sign in for the agency</h1>
      <p class="govuk-body">
        Agency leads complete, sign off and submit the agency’s returns and invite colleagues as contributors;
        contributors answer the themes their lead assigns them. Removing someone ends their access to this
        agency only, from their next page.
      </p>
      {m.people.length === 0 ? (
        <p class="govuk-body">Nobody can sign in for this agency yet. Appoint its agency lead below.</p>
      ) : (
        <PeopleTable
          caption="Leads and contributors"
          showSignedIn
          rows={m.people.map((p) => ({
            name: p.name,
            email: p.email,
            role: ROLE_NAMES[p.role],
            signedIn: signedInText(p),
            action: (
              <div class="govuk-button-group govuk-!-margin-bottom-0">
                <form method="post" action={`${base}/${p.userId}/reinvite`} class="app-inline-form">
                  <input type="hidden" name="_csrf" value={m.csrfToken} />
                  <button
                    type="submit"
                    class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    data-module="govuk-button"
                  >
                    Invite again<span class="govuk-visually-hidden" safe>{` ${p.name}`}</span>
                  </button>
                </form>
                <form method="post" action={`${base}/${p.userId}/remove`} class="app-inline-form">
                  <input type="hidden" name="_csrf" value={m.csrfToken} />
                  <button
                    type="submit"
                    class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                    data-module="govuk-button"
                  >
                    Remove<span class="govuk-visually-hidden" safe>{` ${p.name}`}</span>
                  </button>
                </form>
                {p.pending ? (
                  ''
                ) : (
                  <a class="govuk-link" href={`${base}/${p.userId}/anonymise`}>
                    Remove and anonymise<span class="govuk-visually-hidden" safe>{` ${p.name}`}</span>
                  </a>
                )}
              </div>
            ),
          }))}
        />
      )}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">Appoint someone</h2>
          <p class="govuk-body">We will email them a link to sign in. It works once, for 7 days.</p>
          <form method="post" action={base} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <PersonFields state={m.state} errors={m.errors} />
            <Radios
              name="role"
              fieldset={{ legend: { text: 'Role', classes: 'govuk-fieldset__legend--s' } }}
              value={m.state.role}
              errorMessage={fieldError(m.errors, 'role')}
              items={[
                {
                  value: 'agency_lead',
                  text: ROLE_NAMES.agency_lead,
                  hint: {
                    text: 'Owns the return: completes, signs off and submits it, and invites colleagues',
                  },
                },
                {
                  value: 'contributor',
                  text: ROLE_NAMES.contributor,
                  hint: { text: 'Answers the themes an agency lead assigns to them' },
                },
              ]}
            />
            <Button text="Send invitation" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
