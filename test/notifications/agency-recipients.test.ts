/**
 * One rule decides who at an agency is told of each message about its return: a table of every
 * message × every kind of recipient, then the rule at work through the routes and jobs that send
 * them (the deadline change reaching an agency known only by its lead contact, a challenge on a
 * theme reaching that theme's contributor, the scheduled reminder reaching every lead).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { agencyMemberships, agencyUsers, cycles, themeAssignments, users } from '../../src/db/schema.ts';
import { runDueCycleEvents } from '../../src/features/cycles/cycle-events.service.ts';
import { loadAudience } from '../../src/features/notifications/agency-recipients.repository.ts';
import {
  AGENCY_MESSAGES,
  type AgencyAudience,
  type AgencyMessage,
  whoIsTold,
} from '../../src/features/notifications/agency-recipients.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const LEAD = { email: 'lead@agency.example', name: 'Lee Lead' };
const CONTACT = 'contact@agency.example';
const OF_THEME = { email: 'theme.one@agency.example', name: 'Tess One', themeIds: ['t1'] };
const OTHER_THEME = { email: 'theme.two@agency.example', name: 'Tom Two', themeIds: ['t2'] };

/** Who is told, for an agency with a lead user and for one with only a lead contact, of theme t1. */
const EXPECTED: Record<AgencyMessage, { withLead: string[]; contactOnly: string[] }> = {
  invitation: { withLead: [LEAD.email], contactOnly: [CONTACT] },
  reminder: { withLead: [LEAD.email], contactOnly: [CONTACT] },
  deadline_changed: {
    withLead: [LEAD.email, OF_THEME.email, OTHER_THEME.email],
    contactOnly: [CONTACT, OF_THEME.email, OTHER_THEME.email],
  },
  challenge: { withLead: [LEAD.email, OF_THEME.email], contactOnly: [CONTACT, OF_THEME.email] },
  evidence_request: { withLead: [LEAD.email, OF_THEME.email], contactOnly: [CONTACT, OF_THEME.email] },
  returned_for_changes: { withLead: [LEAD.email, OF_THEME.email], contactOnly: [CONTACT, OF_THEME.email] },
  accepted: { withLead: [LEAD.email], contactOnly: [CONTACT] },
  challenge_event: { withLead: [LEAD.email], contactOnly: [CONTACT] },
};

describe('who at an agency is told of each message', () => {
  const withLead: AgencyAudience = {
    leads: [LEAD],
    leadContactEmail: CONTACT,
    contributors: [OF_THEME, OTHER_THEME],
  };
  const contactOnly: AgencyAudience = { ...withLead, leads: [] };

  it('has a row in the table for every message', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...AGENCY_MESSAGES].sort());
  });

  for (const message of AGENCY_MESSAGES) {
    it(`${message}: the leads, or the lead contact where there is no lead, and the contributors it concerns`, () => {
      const emails = (a: AgencyAudience) => whoIsTold(message, a, ['t1']).map((p) => p.email);
      assert.deepEqual(emails(withLead), EXPECTED[message].withLead);
      assert.deepEqual(emails(contactOnly), EXPECTED[message].contactOnly);
    });
  }

  it('tells nobody of an agency with no lead, no contact and no contributor', () => {
    for (const message of AGENCY_MESSAGES)
      assert.deepEqual(
        whoIsTold(message, { leads: [], leadContactEmail: null, contributors: [] }, ['t1']),
        [],
      );
  });

  it('writes to each address once, whatever case it was typed in', () => {
    const told = whoIsTold(
      'challenge',
      {
        leads: [LEAD],
        leadContactEmail: null,
        contributors: [{ ...OF_THEME, email: LEAD.email.toUpperCase() }],
      },
      ['t1'],
    );
    assert.deepEqual(
      told.map((p) => p.email),
      [LEAD.email],
    );
  });
});

describe('the rule at work', () => {
  let t: TestApp;
  const ADMIN = 'business.manager@nrscp.example';
  const PROBATION_CONTACT = 'safeguarding@probation-northshire.example';

  before(async () => {
    t = await startTestApp();
    // Probation has no lead user in the demo: give it only a lead contact address.
    await t.database.db
      .update(agencyMemberships)
      .set({ leadContactEmail: PROBATION_CONTACT })
      .where(
        and(
          eq(agencyMemberships.partnershipId, t.ids.partnershipId),
          eq(agencyMemberships.agencyId, t.ids.agencyIds.probation!),
        ),
      );
  });
  after(async () => t.close());

  it('loads leads, the lead contact and contributors with their themes from the database', async () => {
    // The demo assigns the council's contributor some themes.
    const assigned = await t.database.db
      .select({ themeId: themeAssignments.themeId })
      .from(themeAssignments)
      .where(eq(themeAssignments.returnId, t.ids.returnIds.council!));
    assert.ok(assigned.length > 0);
    const council = await loadAudience(t.database.db, t.ids.partnershipId, t.ids.returnIds.council!);
    assert.deepEqual(
      council.leads.map((p) => p.email),
      ['safeguarding.lead@northshire-council.example'],
    );
    assert.equal(council.contributors.length, 1);
    assert.deepEqual([...council.contributors[0]!.themeIds].sort(), assigned.map((a) => a.themeId).sort());

    const probation = await loadAudience(t.database.db, t.ids.partnershipId, t.ids.returnIds.probation!);
    assert.deepEqual(probation.leads, []);
    assert.equal(probation.leadContactEmail, PROBATION_CONTACT);
  });

  it('tells an agency known only by its lead contact that its deadline has changed', async () => {
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    const until = new Date(cycle!.closesAt.getTime() + 9 * 86_400_000);
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
      .format(until)
      .split('-');
    const admin = await t.signIn(ADMIN);
    const url = `/cycles/${t.ids.cycleId}/returns/${t.ids.returnIds.probation}/extension`;
    await admin.get(url);
    const ok = await admin.post(url, {
      'deadline-day': day!,
      'deadline-month': month!,
      'deadline-year': year!,
      time: '5pm',
      reason: 'Inspection',
    });
    assert.equal(ok.status, 303, ok.body.slice(0, 300));
    const mail = await t.mailTo(PROBATION_CONTACT);
    assert.ok(
      mail.some((m) => m.subject.startsWith('New deadline for your Section 11 return')),
      mail.map((m) => m.subject).join('; '),
    );
  });

  it('sends the scheduled reminder to every lead of an agency, not only the first', async () => {
    const second = 'second.lead@northshire-police.example';
    const [user] = await t.database.db
      .insert(users)
      .values({ email: second, name: 'Aaron Second' })
      .returning();
    await t.database.db
      .insert(agencyUsers)
      .values({ agencyId: t.ids.agencyIds.police!, userId: user!.id, role: 'agency_lead' });
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    // The day before the deadline every reminder is due.
    const now = new Date(cycle!.closesAt.getTime() - 86_400_000);
    await runDueCycleEvents(
      { db: t.database.db, mailer: t.app.deps.mailer, baseUrl: 'http://localhost' },
      now,
    );
    const first = await t.mailTo('public.protection@northshire-police.example');
    const other = await t.mailTo(second);
    assert.ok(
      first.some((m) => m.subject.startsWith('Reminder:')),
      first.map((m) => m.subject).join('; '),
    );
    assert.ok(
      other.some((m) => m.subject.startsWith('Reminder:')),
      other.map((m) => m.subject).join('; '),
    );
  });
});
