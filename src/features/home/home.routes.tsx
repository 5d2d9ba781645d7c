import { escapeHtml } from '@kitajs/html';
/** The home page for each kind of user, and the service's information pages. */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows } from '../../db/client.ts';
import type { ReturnStatus } from '../../db/schema.ts';
import { formatDayAndTime } from '../../lib/dates.ts';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout } from '../../views/layout.tsx';
import { SIGN_IN_LINK_MINUTES } from '../auth/sign-in.service.ts';
import { WaitingInvitations, YourRoles } from '../people/invitations.view.tsx';
import { invitationsFor } from '../people/memberships.repository.ts';
import { PrivacyNoticePage } from '../privacy/privacy-notice.view.tsx';
import { RETURN_STATUS_TAGS } from '../returns/return-presenters.ts';

interface CycleReturnRow {
  cycle_id: string;
  cycle_name: string;
  closes_at: string | Date;
  partnership_name: string;
  /** Whether one of the person's partnerships runs it (not only a joint partner). */
  runs: boolean;
  return_id: string;
  agency_name: string;
  status: ReturnStatus;
  reference: string | null;
}

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get<{ Querystring: { done?: string } }>('/', async (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in', 303);
    const partnershipIds = user.partnerships.map((p) => p.partnershipId);
    const invitations = await invitationsFor(db, user.id);
    // Someone working for one agency only goes straight to its returns, unless an invitation waits.
    if (
      partnershipIds.length === 0 &&
      user.agencies.length === 1 &&
      invitations.length === 0 &&
      !request.query.done
    )
      return reply.redirect('/returns', 303);
    const mine = sql.join(
      partnershipIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const rows =
      partnershipIds.length === 0
        ? []
        : await queryRows<CycleReturnRow>(
            db,
            // The cycles of the person's partnerships with all their returns, and the joint cycles
            // they are partners in with the returns of their own member agencies.
            sql`select c.id as cycle_id, c.name as cycle_name, c.closes_at, p.name as partnership_name,
                  c.partnership_id in (${mine}) as runs,
                  r.id as return_id, a.name as agency_name, r.status, r.reference
                from cycles c join partnerships p on p.id = c.partnership_id
                  join returns r on r.cycle_id = c.id and r.partnership_id = c.partnership_id
                  join agencies a on a.id = r.agency_id
                where c.partnership_id in (${mine})
                  or exists (select 1 from cycle_partnerships cp
                               join agency_memberships am on am.partnership_id = cp.partnership_id and am.agency_id = r.agency_id
                             where cp.cycle_id = c.id and cp.partnership_id in (${mine}))
                order by c.closes_at desc, a.name`,
          );
    const cycles = new Map<
      string,
      {
        id: string;
        name: string;
        closesAt: Date;
        partnershipName: string;
        runs: boolean;
        returns: CycleReturnRow[];
      }
    >();
    for (const row of rows) {
      const cycle = cycles.get(row.cycle_id) ?? {
        id: row.cycle_id,
        name: row.cycle_name,
        closesAt: new Date(row.closes_at),
        partnershipName: row.partnership_name,
        runs: row.runs,
        returns: [],
      };
      cycle.returns.push(row);
      cycles.set(row.cycle_id, cycle);
    }
    return reply.html(
      <Layout title="Home" {...(await request.chrome(reply))}>
        {request.query.done === 'accepted' || request.query.done === 'declined' ? (
          <NotificationBanner
            type="success"
            text={request.query.done === 'accepted' ? 'Invitation accepted' : 'Invitation declined'}
          />
        ) : (
          ''
        )}
        <h1 class="govuk-heading-l" safe>
          {`Welcome, ${user.name}`}
        </h1>
        <WaitingInvitations
          invitations={invitations}
          csrfToken={await app.sessions.csrfToken(request, reply)}
        />
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
        {[...cycles.values()].map((cycle) => {
          const submitted = cycle.returns.filter((r) => r.reference).length;
          return (
            <>
              <h2 class="govuk-heading-m">
                <a class="govuk-link" href={`/cycles/${cycle.id}`} safe>
                  {cycle.name}
                </a>
              </h2>
              <p class="govuk-body">
                {escapeHtml(
                  `${cycle.runs ? cycle.partnershipName : `Joint audit run by ${cycle.partnershipName}`} · closes on ${formatDayAndTime(cycle.closesAt)} · ${submitted} of ${cycle.returns.length} returns submitted`,
                )}
              </p>
              <table class="govuk-table">
                <caption
                  class="govuk-table__caption govuk-visually-hidden"
                  safe
                >{`Returns in ${cycle.name}`}</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      Agency
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Reference
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {cycle.returns.map((r) => (
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell">
                        <a class="govuk-link" href={`/returns/${r.return_id}`} safe>
                          {r.agency_name}
                        </a>
                      </td>
                      <td class="govuk-table__cell" safe>
                        {r.reference ?? '–'}
                      </td>
                      <td class="govuk-table__cell">
                        <Tag {...RETURN_STATUS_TAGS[r.status]} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        })}
        {cycles.size === 0 &&
        user.agencies.length === 0 &&
        !user.isPlatformAdmin &&
        invitations.length === 0 ? (
          <p class="govuk-body">There is nothing for you to do yet.</p>
        ) : (
          ''
        )}
      </Layout>,
    );
  });

  app.get('/privacy', async (request, reply) => {
    // Who to ask: the partnerships of the person signed in (their own roles and their agencies').
    const contacts = request.user
      ? await queryRows<{ name: string; contact_email: string; retention_years: number }>(
          app.deps.database.db,
          sql`select p.name, p.contact_email, p.retention_years from partnerships p
              where p.id in (select partnership_id from partnership_roles where user_id = ${request.user.id})
                 or p.id in (select m.partnership_id from agency_memberships m
                             join agency_users au on au.agency_id = m.agency_id
                             where au.user_id = ${request.user.id} and m.archived_at is null)
              order by p.name`,
        )
      : [];
    return reply.html(
      PrivacyNoticePage({
        chrome: await request.chrome(reply),
        contacts: contacts.map((c) => ({
          name: c.name,
          contactEmail: c.contact_email,
          retentionYears: c.retention_years,
        })),
        signInLinkMinutes: SIGN_IN_LINK_MINUTES,
        sessionIdleMinutes: app.deps.config.sessionIdleMinutes,
      }),
    );
  });
}
