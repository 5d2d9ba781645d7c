import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { cycles, returnHistory, returns } from '../../src/db/schema.ts';
import { assertCharacterCount } from '../helpers/character-count.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';

describe('the partnership moves deadlines', () => {
  let t: TestApp;
  let cycleUrl: string;
  let closesAt: Date;

  before(async () => {
    t = await startTestApp();
    cycleUrl = `/cycles/${t.ids.cycleId}`;
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    closesAt = cycle!.closesAt;
  });
  after(async () => t.close());

  it('gives one agency more time after the audit has closed, with a reason kept in its history', async () => {
    // Two days after closing: returns are overdue and cannot be changed.
    t.clock.set(new Date(closesAt.getTime() + 2 * 86_400_000));
    const [theme] = await themesFor(t, 'council');
    const themeUrl = `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`;
    const lead = await t.signIn(COUNCIL_LEAD);
    await lead.get(themeUrl);
    assert.equal((await lead.post(themeUrl, completeThemeFields(theme!))).status, 409);

    const admin = await t.signIn(ADMIN);
    const extensionUrl = `${cycleUrl}/returns/${t.ids.returnIds.council}/extension`;
    const form = await admin.get(extensionUrl);
    assert.equal(form.status, 200);
    assert.match(form.body, /Give Northshire County Council Children’s Services more time/);
    assertCharacterCount(form.body, 'reason', 1000);

    const bad = await admin.post(extensionUrl, {
      'deadline-day': '1',
      'deadline-month': '1',
      'deadline-year': '2026',
      time: '25:00',
      reason: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /The new deadline must be later than/);
    assert.match(bad.body, /Enter a time, like 5pm or 17:00/);
    assert.match(bad.body, /Enter the reason for the new deadline/);
    assert.match(bad.body, /value="25:00"/);

    const until = new Date(closesAt.getTime() + 9 * 86_400_000);
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
      .format(until)
      .split('-');
    const ok = await admin.post(extensionUrl, {
      'deadline-day': day!,
      'deadline-month': month!,
      'deadline-year': year!,
      time: '5pm',
      reason: 'Ofsted inspection during the audit window',
    });
    assert.equal(ok.status, 303, ok.body.slice(0, 500));
    assert.equal(ok.location, `${cycleUrl}?done=extension`);

    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, t.ids.returnIds.council!));
    assert.ok(row!.extendedUntil && row!.extendedUntil > closesAt);
    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(
        and(
          eq(returnHistory.returnId, t.ids.returnIds.council!),
          eq(returnHistory.event, 'deadline_extended'),
        ),
      );
    assert.equal(history.length, 1);
    assert.equal(history[0]!.note, 'Ofsted inspection during the audit window');
    assert.match((await t.mailTo(COUNCIL_LEAD))[0]!.subject, /New deadline for your Section 11 return/);

    // The council can work again; the police cannot.
    await lead.get(themeUrl);
    assert.equal((await lead.post(themeUrl, completeThemeFields(theme!))).status, 303);
    const police = await t.signIn(POLICE_LEAD);
    const [policeTheme] = await themesFor(t, 'police');
    const policeUrl = `/returns/${t.ids.returnIds.police}/themes/${policeTheme!.id}`;
    await police.get(policeUrl);
    assert.equal((await police.post(policeUrl, completeThemeFields(policeTheme!))).status, 409);

    const monitoring = await admin.get(`${cycleUrl}?done=extension`);
    assert.match(monitoring.body, /The agency has been given more time/);
    assert.match(monitoring.body, /app-counts__number">1<\/span><span class="govuk-body-s">extended/);
    assert.match(monitoring.body, /app-counts__number">8<\/span><span class="govuk-body-s">overdue/);
    const taskList = await lead.get(`/returns/${t.ids.returnIds.council}`);
    assert.match(taskList.body, /your partnership has given you more time/);
    const historyPage = await lead.get(`/returns/${t.ids.returnIds.council}/history`);
    assert.match(historyPage.body, /reason: Ofsted inspection during the audit window/);
  });

  it('moves the deadline for everyone, keeping a later extension of one agency', async () => {
    const admin = await t.signIn(ADMIN);
    const [council] = await t.database.db
      .select()
      .from(returns)
      .where(eq(returns.id, t.ids.returnIds.council!));
    const newClose = new Date(closesAt.getTime() + 5 * 86_400_000);
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
      .format(newClose)
      .split('-');
    await admin.get(`${cycleUrl}/deadline`);
    const res = await admin.post(`${cycleUrl}/deadline`, {
      'deadline-day': day!,
      'deadline-month': month!,
      'deadline-year': year!,
      time: '',
      reason: 'Christmas closures across the partnership',
    });
    assert.equal(res.status, 303, res.body.slice(0, 500));
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    assert.ok(cycle!.closesAt > closesAt);
    const policeHistory = await t.database.db
      .select()
      .from(returnHistory)
      .where(
        and(eq(returnHistory.returnId, t.ids.returnIds.police!), eq(returnHistory.event, 'deadline_changed')),
      );
    assert.equal(policeHistory.length, 1);
    assert.equal(policeHistory[0]!.note, 'Christmas closures across the partnership');
    const councilHistory = await t.database.db
      .select()
      .from(returnHistory)
      .where(
        and(
          eq(returnHistory.returnId, t.ids.returnIds.council!),
          eq(returnHistory.event, 'deadline_changed'),
        ),
      );
    assert.equal(councilHistory.length, 0, 'the council keeps its later deadline');
    const [councilAfter] = await t.database.db
      .select()
      .from(returns)
      .where(eq(returns.id, t.ids.returnIds.council!));
    assert.deepEqual(councilAfter!.extendedUntil, council!.extendedUntil);
    // The police can work again until the new closing time.
    const police = await t.signIn(POLICE_LEAD);
    const [policeTheme] = await themesFor(t, 'police');
    const policeUrl = `/returns/${t.ids.returnIds.police}/themes/${policeTheme!.id}`;
    await police.get(policeUrl);
    assert.equal((await police.post(policeUrl, completeThemeFields(policeTheme!))).status, 303);
  });

  it('is for partnership admins only', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`${cycleUrl}/deadline`)).status, 403);
    assert.equal(
      (await reviewer.get(`${cycleUrl}/returns/${t.ids.returnIds.council}/extension`)).status,
      403,
    );
    const monitoring = await reviewer.get(cycleUrl);
    assert.doesNotMatch(monitoring.body, /Give more time/);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(`${cycleUrl}/deadline`)).status, 404);
    const admin = await t.signIn(ADMIN);
    assert.equal((await admin.get(`${cycleUrl}/returns/not-a-uuid/extension`)).status, 404);
  });
});
