/**
 * Cycles open and close by themselves: the scheduler's one function, run at chosen times with the
 * controllable clock, sends invitations and reminders exactly once each, to the right returns.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { cycles, outgoingMail, returnHistory, returns } from '../../src/db/schema.ts';
import { type CycleEventDeps, runDueCycleEvents } from '../../src/features/cycles/cycle-events.service.ts';
import { DAY_MS } from '../../src/features/cycles/cycle-events.ts';
import { createCycle } from '../../src/features/cycles/cycles.repository.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const YJS_LEAD = 'manager@riverside-yjs.example';

function dateFields(prefix: string, date: Date): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(date)
    .split('-');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
}

describe('the scheduler opens and closes a cycle by itself', () => {
  let t: TestApp;
  let deps: CycleEventDeps;
  let cycleId: string;
  let opensAt: Date;
  let closesAt: Date;
  const returnIds: Record<string, string> = {};

  /** Emails to `to` whose subject starts with `prefix`. */
  const mails = async (to: string, prefix: string) =>
    t.database.db
      .select()
      .from(outgoingMail)
      .where(and(eq(outgoingMail.to, to), like(outgoingMail.subject, `${prefix}%`)));
  const run = async (at: Date) => {
    t.clock.set(at);
    return runDueCycleEvents(deps, at);
  };

  before(async () => {
    t = await startTestApp();
    deps = { db: t.database.db, mailer: t.app.deps.mailer, baseUrl: 'http://localhost:3000' };
    // Only this test's cycle: the demo audit would be reminded at its own times.
    await t.database.db.delete(cycles).where(eq(cycles.id, t.ids.cycleId));
    const now = t.clock.now();
    opensAt = new Date(now.getTime() + 2 * DAY_MS);
    closesAt = new Date(now.getTime() + 40 * DAY_MS);
    ({ cycleId } = await createCycle(
      t.database.db,
      t.ids.partnershipId,
      {
        name: 'Section 11 audit 2027',
        templateVersionId: t.ids.templateVersionId,
        opensAt,
        closesAt,
        localityIds: [t.ids.localityIds.northshire, t.ids.localityIds.riverside],
        sectors: ['la-childrens-services', 'police', 'youth-justice'],
        introduction: '',
        kind: 'annual',
        focusQuestionIds: [],
        carryForward: false,
        jointPartnershipIds: [],
      },
      [t.ids.agencyIds.council!, t.ids.agencyIds.police!, t.ids.agencyIds.yjs!],
      t.ids.userIds.admin!,
      now,
    ));
    for (const r of await t.database.db.select().from(returns).where(eq(returns.cycleId, cycleId))) {
      const key = Object.entries(t.ids.agencyIds).find(([, id]) => id === r.agencyId)![0];
      returnIds[key] = r.id;
    }
  });
  after(async () => t.close());

  it('stores the default reminder schedule on the cycle: 14 and 3 days before, 1 day after', async () => {
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, cycleId));
    assert.deepEqual(cycle!.reminderDaysBefore, [14, 3]);
    assert.deepEqual(cycle!.reminderDaysAfter, [1]);
  });

  it('invites nobody before the cycle opens', async () => {
    assert.deepEqual(await run(new Date(opensAt.getTime() - 60_000)), { invitations: 0, reminders: 0 });
    assert.equal((await mails(COUNCIL_LEAD, 'Section 11 audit open: Section 11 audit 2027')).length, 0);
  });

  it('emails the invitations when the cycle opens, exactly once even when run twice at the same time', async () => {
    t.clock.set(opensAt);
    const [a, b] = await Promise.all([runDueCycleEvents(deps, opensAt), runDueCycleEvents(deps, opensAt)]);
    assert.equal(a!.invitations + b!.invitations, 3);
    assert.deepEqual(await run(new Date(opensAt.getTime() + 60_000)), { invitations: 0, reminders: 0 });
    for (const lead of [COUNCIL_LEAD, POLICE_LEAD, YJS_LEAD]) {
      const sent = await mails(lead, 'Section 11 audit open: Section 11 audit 2027');
      assert.equal(sent.length, 1, `${lead} is invited once`);
    }
    const [invitation] = await mails(COUNCIL_LEAD, 'Section 11 audit open: Section 11 audit 2027');
    assert.ok(invitation!.bodyText.includes(`/returns/${returnIds.council}`));
    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, returnIds.council!), eq(returnHistory.event, 'invitation_sent')));
    assert.equal(history.length, 1);
    assert.equal(history[0]!.newValue, `Sent to ${COUNCIL_LEAD}`);
    assert.equal(history[0]!.userId, null, 'sent by the system');
  });

  it('reminds 14 and 3 days before, once each, not before time and not submitted returns', async () => {
    const at = (days: number, ms = 0) => new Date(closesAt.getTime() + days * DAY_MS + ms);
    assert.equal((await run(at(-14, -60_000))).reminders, 0, 'not before its time');
    assert.equal((await run(at(-14))).reminders, 3);
    assert.equal((await run(at(-14, 3_600_000))).reminders, 0, 'once');
    for (const lead of [COUNCIL_LEAD, POLICE_LEAD, YJS_LEAD])
      assert.equal((await mails(lead, 'Reminder: ')).length, 1);

    await t.database.db
      .update(returns)
      .set({ status: 'submitted', submittedAt: at(-5) })
      .where(eq(returns.id, returnIds.police!));
    assert.equal((await run(at(-3, -60_000))).reminders, 0);
    assert.equal((await run(at(-3))).reminders, 2);
    assert.equal((await run(at(-2))).reminders, 0);
    assert.equal((await mails(COUNCIL_LEAD, 'Reminder: ')).length, 2);
    assert.equal((await mails(POLICE_LEAD, 'Reminder: ')).length, 1, 'a submitted return is not reminded');
    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, returnIds.council!), eq(returnHistory.event, 'reminder_sent')));
    assert.deepEqual(history.map((h) => h.field).sort(), [
      'Automatic reminder, 14 days before the deadline',
      'Automatic reminder, 3 days before the deadline',
    ]);
  });

  it('sends the overdue reminder the day after the deadline, and to an extended return only after its own', async () => {
    const at = (days: number, ms = 0) => new Date(closesAt.getTime() + days * DAY_MS + ms);
    const extendedUntil = at(10);
    await t.database.db
      .update(returns)
      .set({ extendedUntil, extensionReason: 'Inspection' })
      .where(eq(returns.id, returnIds.yjs!));

    assert.equal((await run(at(0))).reminders, 0);
    assert.equal((await run(at(1, -60_000))).reminders, 0);
    assert.equal((await run(at(1))).reminders, 1, 'only the council is overdue');
    assert.equal((await run(at(2))).reminders, 0, 'once');
    assert.equal((await mails(COUNCIL_LEAD, 'Overdue: ')).length, 1);
    assert.equal((await mails(YJS_LEAD, 'Overdue: ')).length, 0, 'the extended return is not overdue');
    assert.equal((await mails(POLICE_LEAD, 'Overdue: ')).length, 0);

    assert.equal((await run(at(11, -60_000))).reminders, 0);
    assert.equal((await run(at(11))).reminders, 1, 'the day after its own deadline');
    assert.equal((await run(at(12))).reminders, 0);
    const [overdue] = await mails(YJS_LEAD, 'Overdue: ');
    assert.ok(overdue, 'the extended return is reminded once its own deadline has passed');
    assert.equal((await mails(COUNCIL_LEAD, 'Overdue: ')).length, 1);
  });
});

describe('setting up an audit and the scheduler invite each agency once', () => {
  let t: TestApp;
  let deps: CycleEventDeps;

  before(async () => {
    t = await startTestApp();
    deps = { db: t.database.db, mailer: t.app.deps.mailer, baseUrl: 'http://localhost:3000' };
  });
  after(async () => t.close());

  async function setUp(name: string, opens: Date, closes: Date): Promise<string> {
    const admin = await t.signIn(ADMIN);
    await admin.get(`/partnerships/${t.ids.partnershipId}/cycles/new`);
    const res = await admin.post(`/partnerships/${t.ids.partnershipId}/cycles`, {
      name,
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', opens),
      opensTime: '9am',
      ...dateFields('closes', closes),
      closesTime: '5pm',
      localities: [t.ids.localityIds.riverside],
      invite: 'sectors',
      kind: 'annual',
      carryForward: 'no',
      sectors: ['youth-justice'],
    });
    assert.equal(res.status, 303, res.body.slice(0, 300));
    return /\/cycles\/([0-9a-f-]+)/.exec(res.location ?? '')![1]!;
  }
  const invitations = async (name: string) =>
    (await t.mailTo(YJS_LEAD)).filter((m) => m.subject === `Section 11 audit open: ${name}`).length;

  it('invites at once to an audit already open, and the scheduler does not invite again', async () => {
    const now = t.clock.now();
    await setUp('Open now', new Date(now.getTime() - DAY_MS), new Date(now.getTime() + 30 * DAY_MS));
    assert.equal(await invitations('Open now'), 1);
    await runDueCycleEvents(deps, now);
    await runDueCycleEvents(deps, new Date(now.getTime() + DAY_MS));
    assert.equal(await invitations('Open now'), 1);
  });

  it('leaves an audit opening later to the scheduler, which invites when it opens', async () => {
    const now = t.clock.now();
    const cycleId = await setUp(
      'Opens later',
      new Date(now.getTime() + 5 * DAY_MS),
      new Date(now.getTime() + 40 * DAY_MS),
    );
    assert.equal(await invitations('Opens later'), 0);
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, cycleId));
    await runDueCycleEvents(deps, new Date(cycle!.opensAt.getTime() - 60_000));
    assert.equal(await invitations('Opens later'), 0);
    await runDueCycleEvents(deps, cycle!.opensAt);
    await runDueCycleEvents(deps, new Date(cycle!.opensAt.getTime() + 60_000));
    assert.equal(await invitations('Opens later'), 1);
  });
});

describe('a partnership admin changes an audit’s automatic reminders', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('shows the schedule, refuses bad days keeping what was typed, and saves good ones', async () => {
    const admin = await t.signIn(ADMIN);
    const url = `/cycles/${t.ids.cycleId}/reminder-schedule`;
    const monitoring = await admin.get(`/cycles/${t.ids.cycleId}`);
    assert.ok(monitoring.body.includes(url));
    const form = await admin.get(url);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="14, 3"/);
    assert.match(form.body, /Reminders now: 14 and 3 days before the deadline; 1 day after it/);
    assert.match(form.body, /name="after"[^>]*value="1"/);

    const bad = await admin.post(url, { before: '14, soon', after: '0' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /Enter whole numbers of days separated by commas, like 14, 3/);
    assert.match(bad.body, /Each number of days must be between 1 and 365/);
    assert.match(bad.body, /value="14, soon"/);

    const ok = await admin.post(url, { before: '7', after: '' });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `/cycles/${t.ids.cycleId}?done=reminder-schedule`);
    assert.match((await admin.get(ok.location!)).body, /The automatic reminders have been changed/);
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    assert.deepEqual(cycle!.reminderDaysBefore, [7]);
    assert.deepEqual(cycle!.reminderDaysAfter, []);

    // The scheduler follows the new schedule.
    const deps = { db: t.database.db, mailer: t.app.deps.mailer, baseUrl: 'http://localhost:3000' };
    const at = (days: number) => new Date(cycle!.closesAt.getTime() + days * DAY_MS);
    assert.equal((await runDueCycleEvents(deps, at(-14))).reminders, 0, 'no 14-day reminder any more');
    assert.ok((await runDueCycleEvents(deps, at(-7))).reminders > 0);
    assert.equal((await runDueCycleEvents(deps, at(2))).reminders, 0, 'no overdue reminder');
  });

  it('is for partnership admins only', async () => {
    const reviewer = await t.signIn('scrutineer@nrscp.example');
    const url = `/cycles/${t.ids.cycleId}/reminder-schedule`;
    assert.equal((await reviewer.get(url)).status, 403);
    await reviewer.get(`/cycles/${t.ids.cycleId}`);
    assert.equal((await reviewer.post(url, { before: '1', after: '' })).status, 403);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(url)).status, 404);
    const admin = await t.signIn(ADMIN);
    assert.equal((await admin.get('/cycles/not-a-uuid/reminder-schedule')).status, 404);
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    assert.deepEqual(cycle!.reminderDaysBefore, [7], 'unchanged by the reviewer');
  });
});
