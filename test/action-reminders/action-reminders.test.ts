/**
 * Reminder emails to action owners: the partnership's schedule, due-soon and overdue reminders each
 * sent once (even with two runs at once), never for completed actions or returns never submitted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { actions, returns, templateThemes } from '../../src/db/schema.ts';
import { runActionReminders } from '../../src/features/action-reminders/action-reminders.service.ts';
import { londonDate } from '../../src/lib/dates.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const DAY_MS = 24 * 60 * 60 * 1000;

describe('reminders to action owners', () => {
  let t: TestApp;
  let admin: TestClient;
  let path: string;
  const run = () =>
    runActionReminders(
      {
        db: t.database.db,
        mailer: createMailer(t.database.db, t.clock, null),
        baseUrl: 'http://localhost:3000',
      },
      t.clock.now(),
    );
  const dayFromNow = (days: number) => londonDate(new Date(t.clock.now().getTime() + days * DAY_MS));
  const subjects = async (email: string) => (await t.mailTo(email)).map((m) => m.subject);
  const reminders = async (email: string) =>
    (await t.mailTo(email)).filter((m) => /action plan is (due|overdue)/.test(m.subject));

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    path = `/partnerships/${t.ids.partnershipId}/action-reminders`;
    const db = t.database.db;
    const themes = await db
      .select({ id: templateThemes.id })
      .from(templateThemes)
      .where(eq(templateThemes.templateVersionId, t.ids.templateVersionId));
    const council = t.ids.returnIds.council!;
    await db
      .update(returns)
      .set({ status: 'submitted', submittedAt: t.clock.now(), reference: 'S11-TEST-1' })
      .where(eq(returns.id, council));
    let n = 0;
    // One action per theme (an action without a question is its theme's rating action).
    const action = (
      returnId: string,
      description: string,
      days: number,
      status = 'not_started' as const,
    ) => ({
      partnershipId: t.ids.partnershipId,
      returnId,
      themeId: themes[n++ % 4]!.id,
      description,
      targetDate: dayFromNow(days),
      status,
    });
    await db.insert(actions).values([
      action(council, 'SECRET-DUE-SOON refresh the safer recruitment policy', 10),
      action(council, 'SECRET-OVERDUE train the duty team', -3),
      action(council, 'Later action', 30),
      { ...action(council, 'Completed action', -3), status: 'completed' },
      // The police return was never submitted: no plan to keep to yet.
      action(t.ids.returnIds.police!, 'Draft action', -3),
    ]);
  });
  after(async () => t.close());

  it('is off by default, and only sent once the admin switches it on', async () => {
    assert.equal(await run(), 0);
    assert.equal((await reminders(COUNCIL_LEAD)).length, 0);

    const form = await admin.get(path);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="no" checked/);
    const bad = await admin.post(path, { enabled: 'maybe', overdueReminderDays: '3' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /href="#enabled" ?>Select whether to send reminders/);
    assert.match(bad.body, /href="#overdueReminderDays" ?>Select how often/);
    const saved = await admin.post(path, { enabled: 'yes', overdueReminderDays: '7' });
    assert.equal(saved.status, 303);
    assert.match((await admin.get(saved.location!)).body, /value="yes" checked/);
  });

  it('reminds the owners of an action due within 14 days and of an overdue one, once each, never with the action’s text', async () => {
    // Two runs at once, as two app instances would: each step is still sent once.
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a + b, 2);
    const sent = await reminders(COUNCIL_LEAD);
    assert.equal(sent.length, 2);
    assert.ok(sent.some((m) => /is due on/.test(m.subject)));
    assert.ok(sent.some((m) => /is overdue/.test(m.subject)));
    for (const m of sent) {
      assert.match(m.bodyText, new RegExp(`/returns/${t.ids.returnIds.council}/actions`));
      assert.doesNotMatch(m.bodyText, /SECRET|safer recruitment|duty team/);
    }
    assert.equal((await reminders(POLICE_LEAD)).length, 0, 'a return never submitted');
    assert.equal(await run(), 0, 'not again');
    assert.equal((await reminders(COUNCIL_LEAD)).length, 2);
  });

  it('repeats overdue reminders on the partnership’s schedule', async () => {
    t.clock.advance(3 * DAY_MS); // the overdue action is 6 days late: within its first week
    assert.equal(await run(), 0);
    t.clock.advance(2 * DAY_MS); // 8 days late: its second weekly reminder
    assert.equal(await run(), 1);
    assert.equal((await subjects(COUNCIL_LEAD)).filter((s) => /is overdue/.test(s)).length, 2);

    admin = await t.signIn(ADMIN); // days have passed: the session has ended
    await admin.get(path);
    assert.equal((await admin.post(path, { enabled: 'no', overdueReminderDays: '7' })).status, 303);
    t.clock.advance(14 * DAY_MS);
    assert.equal(await run(), 0, 'switched off');

    admin = await t.signIn(ADMIN);
    await admin.get(path);
    assert.equal((await admin.post(path, { enabled: 'yes', overdueReminderDays: '0' })).status, 303);
    // The action due soon is now overdue (its first), and the later one due within 14 days.
    assert.equal(await run(), 2);
    t.clock.advance(7 * DAY_MS);
    assert.equal(await run(), 0, 'once only: no weekly repeat');
    assert.equal((await subjects(COUNCIL_LEAD)).filter((s) => /is overdue/.test(s)).length, 3);
  });
});
