/**
 * The retention period per partnership (a setting), the nightly job anonymising the people of audits
 * past it (keeping answers and grades), and the page showing what is due and what was done.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  actions,
  answers,
  cycles,
  findingsReports,
  partnerships,
  personalDataErasures,
  recordHistory as recordHistoryTable,
  returnHistory,
  returns,
  templateDraftHistory,
  themeRatings,
} from '../../src/db/schema.ts';
import { recordChanges } from '../../src/domain/record-history.repository.ts';
import { RETENTION_QUEUE } from '../../src/features/privacy/retention.ts';
import { recordHistory } from '../../src/features/returns/returns.repository.ts';
import { recordDraftHistory } from '../../src/features/templates/draft-editing.repository.ts';
import { jobHandlers } from '../../src/jobs/workers.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const HELEN = 'safeguarding.lead@northshire-council.example';

describe('retention of personal data', () => {
  let t: TestApp;
  let admin: TestClient;
  let page: string;
  const runJob = () =>
    jobHandlers({
      db: t.database.db,
      clock: t.clock,
      mailer: t.app.deps.mailer,
      transport: null,
      baseUrl: 'http://localhost:3000',
    })[RETENTION_QUEUE]!({} as Parameters<ReturnType<typeof jobHandlers>[string]>[0]);

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    page = `/partnerships/${t.ids.partnershipId}/privacy`;
  });
  after(() => t.close());

  it('is linked from the settings, defaults to 6 years and shows when each audit will be anonymised', async () => {
    const settings = await admin.get(`/partnerships/${t.ids.partnershipId}/settings`);
    assert.match(settings.body, new RegExp(`href="${page}"`));
    const res = await admin.get(page);
    assert.equal(res.status, 200);
    assert.match(res.body, /6 years after an audit closes/);
    assert.match(res.body, /No audits are past the retention period/);
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    assert.match(res.body, new RegExp(cycle!.name));
    assert.match(res.body, new RegExp(String(cycle!.closesAt.getUTCFullYear() + 6)));
    assert.match(res.body, /Nothing has been anonymised yet/);
  });

  it('changes the period with a form that keeps what was typed when it is wrong', async () => {
    const form = `${page}/retention`;
    assert.match((await admin.get(form)).body, /name="retentionYears"[^>]*value="6"/);
    for (const [typed, message] of [
      ['', /Enter the retention period in years/],
      ['six', /whole number of years/],
      ['0', /between 1 and 25 years/],
      ['26', /between 1 and 25 years/],
    ] as const) {
      const res = await admin.post(form, { retentionYears: typed });
      assert.equal(res.status, 422, typed);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(res.body, /href="#retentionYears"/);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`name="retentionYears"[^>]*value="${typed}"`));
    }
    const saved = await admin.post(form, { retentionYears: '2' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `${page}?done=retention`);
    assert.match((await admin.get(saved.location!)).body, /2 years after an audit closes/);
    const [p] = await t.database.db
      .select()
      .from(partnerships)
      .where(eq(partnerships.id, t.ids.partnershipId));
    assert.equal(p!.retentionYears, 2);
  });

  it('is for the partnership’s admins only', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(page)).status, 403);
    assert.equal((await reviewer.post(`${page}/retention`, { retentionYears: '1' })).status, 403);
    const other = await addOtherPartnership(t);
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(page)).status, 404);
    assert.equal((await outsider.get(`${page}/retention`)).status, 404);
  });

  it('anonymises the people of an audit past the period, keeping answers and grades, once', async () => {
    const db = t.database.db;
    const returnId = t.ids.returnIds.council!;
    const [q] = (
      await t.database.executeSql(
        `select q.id as question_id, q.theme_id from template_questions q join template_themes th on th.id = q.theme_id
       where th.template_version_id = $1 limit 1`,
        [t.ids.templateVersionId],
      )
    ).rows as Array<{ question_id: string; theme_id: string }>;
    await db.insert(answers).values({
      partnershipId: t.ids.partnershipId,
      returnId,
      questionId: q!.question_id,
      response: 'partly_met',
      comment: 'Training records are kept by HR',
      updatedBy: t.ids.userIds.admin,
    });
    await db.insert(themeRatings).values({
      partnershipId: t.ids.partnershipId,
      returnId,
      themeId: q!.theme_id,
      rating: 'amber',
      justification: 'Most staff trained',
    });
    await db.insert(actions).values({
      partnershipId: t.ids.partnershipId,
      returnId,
      themeId: q!.theme_id,
      questionId: q!.question_id,
      description: 'Train the rest',
      leadPerson: 'Helen Ward',
    });
    await db
      .update(returns)
      .set({
        completerName: 'Helen Ward',
        completerEmail: HELEN,
        completerPhone: '01632 960456',
        signoffName: 'Chris Chief',
        signoffJobTitle: 'Chief Executive',
        status: 'submitted',
      })
      .where(eq(returns.id, returnId));
    await recordHistory(db, t.ids.partnershipId, returnId, t.ids.userIds.admin!, t.clock.now(), [
      { event: 'details_changed', field: 'Name', oldValue: null, newValue: 'Helen Ward' },
      { event: 'signed_off', field: 'Sign-off', newValue: 'Chris Chief, Chief Executive, 2020-01-01' },
      {
        event: 'reminder_sent',
        field: 'Reminder',
        newValue: 'Sent to someone.else@northshire-council.example',
      },
    ]);
    // The histories of records edited outside a return: the audit's findings report, and the
    // partnership's pages and draft templates, before the audit closed and since.
    const [report] = await db
      .insert(findingsReports)
      .values({ partnershipId: t.ids.partnershipId, cycleId: t.ids.cycleId })
      .returning();
    const p = t.ids.partnershipId;
    const adminId = t.ids.userIds.admin!;
    await recordChanges(
      db,
      { partnershipId: p, kind: 'findings_report', id: report!.id },
      adminId,
      t.clock.now(),
      [
        {
          field: 'summary',
          oldValue: null,
          newValue: 'Helen Ward (someone@northshire-council.example) led it',
        },
      ],
    );
    const before = new Date('2019-06-01T12:00:00Z');
    await recordChanges(db, { partnershipId: p, kind: 'partnership_page', id: 'guidance' }, adminId, before, [
      { field: 'body', oldValue: null, newValue: `Ask Helen Ward at ${HELEN}` },
    ]);
    await recordChanges(
      db,
      { partnershipId: p, kind: 'partnership_page', id: 'faq' },
      adminId,
      t.clock.now(),
      [{ field: 'body', oldValue: null, newValue: `Write to ${HELEN}` }],
    );
    await recordDraftHistory(db, p, t.ids.templateVersionId, adminId, before, [
      { fieldKey: 'title', field: 'Title', oldValue: null, newValue: `Drafted with ${HELEN}` },
    ]);
    // The audit closed more than 2 years ago.
    await db
      .update(cycles)
      .set({ closesAt: new Date('2020-01-31T17:00:00Z') })
      .where(eq(cycles.id, t.ids.cycleId));
    const due = await admin.get(page);
    assert.doesNotMatch(due.body, /No audits are past the retention period/);
    assert.match(due.body, /31 January 2022/, 'due two years after it closed');
    assert.match(due.body, /history of its\s+findings reports/);
    assert.match(due.body, /its draft templates made before the audit closed/);

    await runJob();

    const [ret] = await db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(ret!.completerName, 'Removed person');
    assert.equal(ret!.completerEmail, null);
    assert.equal(ret!.completerPhone, null);
    assert.equal(ret!.signoffName, 'Removed person');
    assert.equal(ret!.signoffJobTitle, 'Chief Executive', 'the office that signed stays');
    const history = await db.select().from(returnHistory).where(eq(returnHistory.returnId, returnId));
    const text = history.map((h) => `${h.oldValue} ${h.newValue} ${h.note}`).join(' | ');
    assert.doesNotMatch(text, /Helen Ward|Chris Chief|@/, text);
    assert.ok(
      history.every((h) => h.userId === null),
      'who made each change is no longer linked',
    );
    const pageHistory = await db
      .select()
      .from(recordHistoryTable)
      .where(eq(recordHistoryTable.partnershipId, p));
    const byRecord = (id: string) => pageHistory.find((h) => h.recordId === id)!;
    assert.equal(byRecord(report!.id).newValue, 'Removed person ([removed]) led it', 'the findings report');
    assert.equal(byRecord(report!.id).userId, null);
    assert.equal(
      byRecord('guidance').newValue,
      'Ask Removed person at [removed]',
      'changed before it closed',
    );
    assert.equal(byRecord('guidance').userId, null);
    assert.equal(byRecord('faq').newValue, `Write to ${HELEN}`, 'changed since it closed: kept');
    assert.equal(byRecord('faq').userId, adminId);
    const [draft] = await db
      .select()
      .from(templateDraftHistory)
      .where(eq(templateDraftHistory.partnershipId, p));
    assert.equal(draft!.newValue, 'Drafted with [removed]');
    assert.equal(draft!.userId, null);
    const [answer] = await db.select().from(answers).where(eq(answers.returnId, returnId));
    assert.equal(answer!.response, 'partly_met');
    assert.equal(answer!.comment, 'Training records are kept by HR');
    assert.equal(answer!.updatedBy, null);
    const [rating] = await db.select().from(themeRatings).where(eq(themeRatings.returnId, returnId));
    assert.equal(rating!.rating, 'amber');
    const [action] = await db.select().from(actions).where(eq(actions.returnId, returnId));
    assert.equal(action!.leadPerson, 'Removed person');
    assert.equal(action!.description, 'Train the rest');
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    assert.ok(cycle!.anonymisedAt);

    const done = await admin.get(page);
    assert.match(done.body, /No audits are past the retention period/);
    assert.match(done.body, /retention period ended/);
    const records = await db
      .select()
      .from(personalDataErasures)
      .where(eq(personalDataErasures.partnershipId, t.ids.partnershipId));
    assert.equal(records.length, 1);
    assert.equal(records[0]!.kind, 'retention');
    assert.ok(records[0]!.returnsCount >= 1);
    assert.ok(records[0]!.valuesReplaced > 0);

    await runJob();
    assert.equal(
      (
        await db
          .select()
          .from(personalDataErasures)
          .where(eq(personalDataErasures.partnershipId, t.ids.partnershipId))
      ).length,
      1,
      'an audit is anonymised once',
    );
  });
});
