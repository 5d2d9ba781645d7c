/** A partnership's people: the list, inviting someone, and changing or removing a person. */
import { escapeHtml } from '@kitajs/html';
import type { PartnershipRole } from '../../db/schema.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { PartnershipPerson } from './people.repository.ts';
import { PeopleTable, signedInText } from './people-table.tsx';
import { PersonFields } from './person-fields.tsx';

export const ROLE_LABELS: Record<PartnershipRole, string> = {
  partnership_admin: 'Partnership admin',
  reviewer: 'Reviewer',
};

const ROLE_HINTS: Record<PartnershipRole, string> = {
  partnership_admin: 'Runs audits: agencies, people, deadlines and templates',
  reviewer: 'Reads returns and monitors audits, for example an independent scrutineer',
};

function RoleRadios(props: { value: string; errors?: FormErrors | undefined }): JSX.Element {
  return (
    <Radios
      name="role"
      fieldset={{ legend: { text: 'Role', classes: 'govuk-fieldset__legend--s' } }}
      value={props.value}
      errorMessage={fieldError(props.errors, 'role')}
      items={(['partnership_admin', 'reviewer'] as const).map((r) => ({
        value: r,
        text: ROLE_LABELS[r],
        hint: { text: ROLE_HINTS[r] },
      }))}
    />
  );
}

export function PeoplePage(m: {
  chrome: PageChrome;
  partnership: { id: string; name: string };
  people: PartnershipPerson[];
  notice?: string | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/people`;
  return (
    <Layout title="People" {...m.chrome} beforeContent={<BackLink href="/" text="Home" />}>
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">People</h1>
      <a href={`${base}/new`} role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Invite someone
      </a>
      <p class="govuk-body">
        Someone who already has an account for another partnership or agency joins once they accept your
        invitation; until then they are listed as invited, with the name you gave.
      </p>
      <PeopleTable
        caption="Admins and reviewers"
        showSignedIn
        rows={m.people.map((p) => ({
          name: p.name,
          email: p.email,
          role: ROLE_LABELS[p.role],
          signedIn: signedInText(p),
          action: (
            <a class="govuk-link" href={`${base}/${p.userId}`}>
              {p.pending ? 'Withdraw' : 'Change'}
              <span class="govuk-visually-hidden" safe>{` ${p.name}`}</span>
            </a>
          ),
        }))}
      />
    </Layout>
  );
}

export function InvitePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  state: { name: string; email: string; role: string };
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/people`;
  return (
    <Layout
      title="Invite someone"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={base} text="People" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Invite someone</h1>
          <p class="govuk-body">We will email them a link to sign in. It works once, for 7 days.</p>
          <form method="post" action={base} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <PersonFields state={m.state} errors={m.errors} />
            <RoleRadios value={m.state.role} errors={m.errors} />
            <Button text="Send invitation" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function PersonPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  person: PartnershipPerson;
  role: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/people`;
  const { person } = m;
  return (
    <Layout
      title={`Change ${person.name}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={base} text="People" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {person.email}
          </span>
          <h1 class="govuk-heading-l" safe>
            {person.name}
          </h1>
          {person.pending ? (
            <>
              <p class="govuk-body" safe>
                {`Invited as ${ROLE_LABELS[person.role].toLowerCase()}. They have an account already, so they join once they accept the invitation.`}
              </p>
              <form method="post" action={`${base}/${person.userId}/remove`} novalidate>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <Button text="Withdraw the invitation" classes="govuk-button--warning" />
              </form>
            </>
          ) : (
            <>
              <form method="post" action={`${base}/${person.userId}`} novalidate>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <RoleRadios value={m.role} errors={m.errors} />
                <Button text="Save role" />
              </form>
              <h2 class="govuk-heading-m">Remove from the partnership</h2>
              <p class="govuk-body">
                {escapeHtml(person.name)} will no longer see this partnership’s audits, from their next page.
                Their past changes stay in the history.
              </p>
              <form method="post" action={`${base}/${person.userId}/remove`} novalidate>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <Button text="Remove" classes="govuk-button--warning" />
              </form>
              <p class="govuk-body">
                <a class="govuk-link" href={`${base}/${person.userId}/anonymise`}>
                  Remove and anonymise them
                </a>{' '}
                – their name and email address replaced everywhere the partnership holds them.
              </p>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
