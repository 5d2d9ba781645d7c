/** The home page: the person's invitations and roles, links to their work, and their audits' returns. */
import { escapeHtml } from '@kitajs/html';
import { formatDayAndTime } from '../../lib/dates.ts';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { ReturnsTable } from '../../views/returns-table.tsx';
import type { CurrentUser } from '../auth/users.repository.ts';
import { WaitingInvitations, YourRoles } from '../people/invitations.view.tsx';
import type { WaitingInvitation } from '../people/memberships.repository.ts';
import type { HomeCycle } from './home.repository.ts';

/** A number as GOV.UK writes it: 1,000. */
const count = (n: number) => n.toLocaleString('en-GB');

export function HomePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  user: CurrentUser;
  invitations: WaitingInvitation[];
  cycles: HomeCycle[];
  done: string | undefined;
}): JSX.Element {
  const { user, invitations, cycles } = m;
  return (
    <Layout title="Home" {...m.chrome}>
      {m.done === 'accepted' || m.done === 'declined' ? (
        <NotificationBanner
          type="success"
          text={m.done === 'accepted' ? 'Invitation accepted' : 'Invitation declined'}
        />
      ) : (
        ''
      )}
      <h1 class="govuk-heading-l" safe>
        {`Welcome, ${user.name}`}
      </h1>
      <WaitingInvitations invitations={invitations} csrfToken={m.csrfToken} />
      <YourRoles user={user} />
      {user.isPlatformAdmin ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/platform/partnerships">
            Partnerships on this service
          </a>
        </p>
      ) : (
        ''
      )}
      {user.agencies.length > 0 ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/returns">
            Your agency's returns
          </a>
        </p>
      ) : (
        ''
      )}
      {user.partnerships.map((p) => (
        <ul class="govuk-list">
          {p.role === 'partnership_admin' ? (
            <li>
              <a class="govuk-link" href={`/partnerships/${p.partnershipId}/cycles/new`}>
                Set up a new audit
                <span class="govuk-visually-hidden" safe>{` for ${p.partnershipName}`}</span>
              </a>
            </li>
          ) : (
            ''
          )}
          {p.role === 'partnership_admin' ? (
            <li>
              <a class="govuk-link" href={`/partnerships/${p.partnershipId}/people`}>
                People<span class="govuk-visually-hidden" safe>{` of ${p.partnershipName}`}</span>
              </a>
            </li>
          ) : (
            ''
          )}
          {p.role === 'partnership_admin' ? (
            <li>
              <a class="govuk-link" href={`/partnerships/${p.partnershipId}/api-tokens`}>
                API tokens
                <span class="govuk-visually-hidden" safe>{` for ${p.partnershipName}`}</span>
              </a>
            </li>
          ) : (
            ''
          )}
          {p.role === 'partnership_admin' ? (
            <li>
              <a class="govuk-link" href={`/partnerships/${p.partnershipId}/settings`}>
                Partnership settings
                <span class="govuk-visually-hidden" safe>{` for ${p.partnershipName}`}</span>
              </a>
            </li>
          ) : (
            ''
          )}
          <li>
            <a class="govuk-link" href={`/partnerships/${p.partnershipId}/agencies`}>
              Agencies<span class="govuk-visually-hidden" safe>{` of ${p.partnershipName}`}</span>
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`/partnerships/${p.partnershipId}/templates`}>
              Templates<span class="govuk-visually-hidden" safe>{` of ${p.partnershipName}`}</span>
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`/partnerships/${p.partnershipId}/enquiries`}>
              Section 11 enquiries
              <span class="govuk-visually-hidden" safe>{` to ${p.partnershipName}`}</span>
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`/partnerships/${p.partnershipId}/guidance`}>
              Guidance<span class="govuk-visually-hidden" safe>{` from ${p.partnershipName}`}</span>
            </a>
            {' and '}
            <a class="govuk-link" href={`/partnerships/${p.partnershipId}/faq`}>
              frequently asked questions
              <span class="govuk-visually-hidden" safe>{` for ${p.partnershipName}`}</span>
            </a>
          </li>
        </ul>
      ))}
      {cycles.map((cycle) => (
        <>
          <h2 class="govuk-heading-m">
            <a class="govuk-link" href={`/cycles/${cycle.id}`} safe>
              {cycle.name}
            </a>
          </h2>
          <p class="govuk-body">
            {escapeHtml(
              `${cycle.runs ? cycle.partnershipName : `Joint audit run by ${cycle.partnershipName}`} · closes on ${formatDayAndTime(cycle.closesAt)} · ${count(cycle.submitted)} of ${count(cycle.total)} returns submitted`,
            )}
          </p>
          <ReturnsTable
            caption={`Returns in ${cycle.name}`}
            captionClasses="govuk-visually-hidden"
            rows={cycle.returns}
            link={{ header: 'Agency', href: (r) => `/returns/${r.return_id}`, text: (r) => r.agency_name }}
            columns={[{ header: 'Reference', text: (r) => r.reference ?? '–' }]}
          />
          {cycle.total > cycle.returns.length ? (
            <p class="govuk-body">
              {escapeHtml(
                `The first ${count(cycle.returns.length)} of ${count(cycle.total)} agencies by name. `,
              )}
              <a class="govuk-link" href={`/cycles/${cycle.id}`}>
                See every return<span class="govuk-visually-hidden" safe>{` in ${cycle.name}`}</span>
              </a>
              , with filters and sorting.
            </p>
          ) : (
            ''
          )}
        </>
      ))}
      {cycles.length === 0 &&
      user.agencies.length === 0 &&
      !user.isPlatformAdmin &&
      invitations.length === 0 ? (
        <p class="govuk-body">There is nothing for you to do yet.</p>
      ) : (
        ''
      )}
    </Layout>
  );
}
