/**
 * Adding agencies to an audit already open (issue 15): a late joiner or a newly approved voluntary
 * organisation gets its return at once (pre-filled as when the audit was set up), is invited at
 * once, with the audit's deadline or its own. Only the running partnership's admins may do it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { returnHistory, returns } from '../../src/db/schema.ts';
import { formatDateTime, londonTime } from '../../src/lib/dates.ts';
import { createOpenAudit, dateFields } from '../helpers/form-fields.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { completeThemeFields, giveDetailsAndSignOff, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const YJS_LEAD = 'manager@riverside-yjs.example';
const AUDIT = 'Police audit 2027';
const DAY = 86_400_000;

describe('adding agencies to an audit that is already open', () => {
  let t: TestApp;
  let admin: TestClient;
  let cycleId: string;
  let url: string;

  const returnOf = async (agencyKey: string) =>
    (
      await t.database.db
        .select()
        .from(returns)
        .where(and(eq(returns.cycleId, cycleId), eq(returns.agencyId, t.ids.agencyIds[agencyKey]!)))
    )[0];

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    // The council submitted last audit's return, which this audit's carry forward starts from.
    const lead = await t.signIn(COUNCIL_LEAD);
    const councilReturn = t.ids.returnIds.council!;
    const [theme] = await themesFor(t, 'council');
    await lead.get(`/returns/${councilReturn}/themes/${theme!.id}`);
    const saved = await lead.post(
      `/returns/${councilReturn}/themes/${theme!.id}`,
      completeThemeFields(theme!),
    );
    assert.equal(saved.status, 303);
    await giveDetailsAndSignOff(lead, councilReturn, COUNCIL_LEAD);
    assert.equal((await lead.post(`/returns/${councilReturn}/submit`)).status, 303);
    // An open audit that invited the police only.
    cycleId = (
      await createOpenAudit(t, admin, {
        name: AUDIT,
        templateVersionId: t.ids.templateVersionId,
        sectors: ['police'],
        carryForward: 'yes',
      })
    ).cycleId;
    url = `/cycles/${cycleId}/agencies`;
  });
  after(async () => t.close());

  it('offers the partnership’s agencies not yet in the audit, from its monitoring page', async () => {
    const monitoring = await admin.get(`/cycles/${cycleId}`);
    assert.ok(monitoring.body.includes(`href="${url}"`));
    const page = await admin.get(url);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(`value="${t.ids.agencyIds.council}"`));
    assert.ok(page.body.includes(`value="${t.ids.agencyIds.yjs}"`));
    assert.ok(!page.body.includes(`value="${t.ids.agencyIds.police}"`), 'already in the audit');
  });

  it('refuses an incomplete or forged form, keeping what was typed', async () => {
    await admin.get(url);
    const empty = await admin.post(url, {});
    assert.equal(empty.status, 422);
    assert.match(empty.body, /href="#agencyIds"[^>]*>Select at least one agency to add/);
    assert.match(empty.body, /Select whether they have the audit’s deadline or one of their own/);
    const forged = await admin.post(url, { agencyIds: [t.ids.agencyIds.police!], deadlineChoice: 'cycle' });
    assert.equal(forged.status, 422);
    assert.match(forged.body, /Select agencies from the list/);
    const early = await admin.post(url, {
      agencyIds: [t.ids.agencyIds.yjs!],
      deadlineChoice: 'own',
      ...dateFields('deadline', new Date(t.clock.now().getTime() + 10 * DAY)),
      time: '5pm',
    });
    assert.equal(early.status, 422);
    assert.match(early.body, /Their deadline must be later than/);
    assert.match(early.body, new RegExp(`value="${t.ids.agencyIds.yjs}" checked`));
    assert.equal(await returnOf('yjs'), undefined, 'nothing added');
  });

  it('lets only the partnership’s admins add agencies', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(url)).status, 403);
    await reviewer.get(`/cycles/${cycleId}`);
    const refused = await reviewer.post(url, { agencyIds: [t.ids.agencyIds.yjs!], deadlineChoice: 'cycle' });
    assert.equal(refused.status, 403);
    const other = await addOtherPartnership(t, { slug: 'southshire' });
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(url)).status, 404);
    const agencyLead = await t.signIn(YJS_LEAD);
    assert.equal((await agencyLead.get(url)).status, 404);
    assert.equal(await returnOf('yjs'), undefined);
  });

  it('adds an agency with the audit’s deadline: pre-filled from its last return, invited at once', async () => {
    await admin.get(url);
    const added = await admin.post(url, { agencyIds: [t.ids.agencyIds.council!], deadlineChoice: 'cycle' });
    assert.equal(added.status, 303, added.body.slice(0, 300));
    assert.equal(added.location, `/cycles/${cycleId}?done=added&n=1`);
    const monitoring = await admin.get(added.location!);
    assert.match(monitoring.body, /1 agency added to the audit and invited/);
    assert.match(monitoring.body, /Northshire County Council Children’s Services/);

    const row = await returnOf('council');
    assert.equal(row!.carriedForwardFromReturnId, t.ids.returnIds.council, 'carried forward');
    assert.equal(row!.extendedUntil, null);
    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(eq(returnHistory.returnId, row!.id));
    assert.ok(history.some((h) => h.event === 'added_to_cycle'));
    assert.ok(history.some((h) => h.event === 'invitation_sent'));
    const [invitation] = await t.mailTo(COUNCIL_LEAD);
    assert.equal(invitation!.subject, `Section 11 audit open: ${AUDIT}`);
    assert.ok(invitation!.bodyText.includes(`/returns/${row!.id}`));
    const lead = await t.signIn(COUNCIL_LEAD);
    const task = await lead.get(`/returns/${row!.id}`);
    assert.equal(task.status, 200);
    assert.match(task.body, /answers? from last audit to check and confirm/);
  });

  it('adds an agency with a later deadline of its own, which its invitation gives', async () => {
    const own = londonTime(new Date(t.clock.now().getTime() + 90 * DAY).toISOString().slice(0, 10), '12:00');
    await admin.get(url);
    const added = await admin.post(url, {
      agencyIds: [t.ids.agencyIds.yjs!],
      deadlineChoice: 'own',
      ...dateFields('deadline', own),
      time: '12pm',
    });
    assert.equal(added.status, 303, added.body.slice(0, 300));
    const row = await returnOf('yjs');
    assert.equal(row!.extendedUntil?.getTime(), own.getTime());
    const [invitation] = await t.mailTo(YJS_LEAD);
    assert.match(invitation!.bodyText, new RegExp(`The deadline is ${formatDateTime(own)}`));
    // Added once: it is no longer offered, and a second post adds nothing.
    const page = await admin.get(url);
    assert.ok(!page.body.includes(`value="${t.ids.agencyIds.yjs}"`));
    const twice = await admin.post(url, { agencyIds: [t.ids.agencyIds.yjs!], deadlineChoice: 'cycle' });
    assert.equal(twice.status, 422);
    const all = await t.database.db.select().from(returns).where(eq(returns.cycleId, cycleId));
    assert.equal(all.filter((r) => r.agencyId === t.ids.agencyIds.yjs).length, 1);
  });

  it('after the audit has closed, asks for a deadline of their own', async () => {
    t.clock.advance(61 * DAY);
    admin = await t.signIn(ADMIN);
    await admin.get(url);
    const closed = await admin.post(url, { agencyIds: [t.ids.agencyIds.nhs!], deadlineChoice: 'cycle' });
    assert.equal(closed.status, 422);
    assert.match(closed.body, /The audit has closed: give the agencies a deadline of their own/);
  });
});
