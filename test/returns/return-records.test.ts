import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { actions, actionUpdates, returnHistory } from '../../src/db/schema.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const SCRUTINEER = 'scrutineer@nrscp.example';
const CONTRIBUTOR = 'hr.adviser@northshire-council.example';

/** The document title of a PDF as pdfkit writes it: an indirect UTF-16 string object. */
function pdfTitle(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const ref = /\/Title (\d+) 0 R/.exec(raw)?.[1];
  const literal = ref ? new RegExp(`\\n${ref} 0 obj\\n\\((.*?)\\)\\nendobj`, 's').exec(raw)?.[1] : undefined;
  if (literal === undefined) return '';
  const bytes = Buffer.from(literal.replace(/\\([()\\])/g, '$1'), 'latin1');
  return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
}

describe('a return’s copy, score summary, action plan and history', () => {
  let t: TestApp;
  let lead: TestClient;
  let themes: ThemeInfo[];
  let returnId: string;
  let questionActionId: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    themes = await themesFor(t, 'council');
    returnId = t.ids.returnIds.council!;
    const theme = themes[0]!;
    const q2 = theme.questions[1]!;
    await lead.get(`/returns/${returnId}/themes/${theme.id}`);
    const res = await lead.post(
      `/returns/${returnId}/themes/${theme.id}`,
      completeThemeFields(theme, {
        'q2-response': q2.scale === 'graded' ? 'not_met' : 'no',
        'q2-action': 'Appoint a deputy board lead',
        'q2-target-date-day': '31',
        'q2-target-date-month': '1',
        'q2-target-date-year': '2027',
        rating: 'amber',
        justification: 'One gap at board level.',
        'rating-action': 'Review board safeguarding reporting',
        'rating-target-date-day': '28',
        'rating-target-date-month': '2',
        'rating-target-date-year': '2027',
      }),
    );
    assert.equal(res.status, 303, res.body.slice(0, 1500));
    const rows = await t.database.db.select().from(actions).where(eq(actions.returnId, returnId));
    questionActionId = rows.find((a) => a.questionId === q2.id)!.id;
  });
  after(async () => t.close());

  it('summarises scores by theme, counting what was answered and what was not', async () => {
    const page = await lead.get(`/returns/${returnId}/scores`);
    assert.equal(page.status, 200);
    const theme = themes[0]!;
    const row = new RegExp(
      `1\\. ${theme.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</th>\\s*` +
        `<td[^>]*>${theme.questions.length}</td>\\s*<td[^>]*>${theme.questions.length - 1}</td>\\s*<td[^>]*>0</td>\\s*<td[^>]*>1</td>\\s*<td[^>]*>0</td>\\s*<td[^>]*>0</td>`,
    );
    assert.match(page.body, row);
    assert.match(page.body, /app-rag--amber/);
    // A theme not yet touched has every question unanswered and no rating before submission.
    assert.match(
      page.body,
      new RegExp(
        `2\\. [^<]+</th>(\\s*<td[^>]*>\\d+</td>){5}\\s*<td[^>]*>${themes[1]!.questions.length}</td>`,
      ),
    );
    assert.match(page.body, /No rating/);
  });

  it('lists actions with their source and lets the agency keep them up to date', async () => {
    const plan = await lead.get(`/returns/${returnId}/actions`);
    assert.equal(plan.status, 200);
    assert.match(plan.body, /Appoint a deputy board lead/);
    assert.match(plan.body, /Review board safeguarding reporting/);
    assert.match(plan.body, /Question 2/);
    assert.match(plan.body, /Theme rating/);
    assert.match(plan.body, /2 actions: 2 open, 0 overdue/);
    assert.ok(plan.body.includes(`/returns/${returnId}/actions/${questionActionId}`));

    const form = await lead.get(`/returns/${returnId}/actions/${questionActionId}`);
    assert.equal(form.status, 200);
    const bad = await lead.post(`/returns/${returnId}/actions/${questionActionId}`, {
      leadPerson: '',
      successCriteria: 'Deputy named in board minutes',
      'targetDate-day': '31',
      'targetDate-month': '13',
      'targetDate-year': '2027',
      status: 'in_progress',
      note: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /Enter the name or role of the person leading this action/);
    assert.match(bad.body, /Target date must be a real date/);
    assert.match(bad.body, /Enter a progress update saying why the status has changed/);
    assert.match(bad.body, /Deputy named in board minutes/, 'what was typed is kept');
    const unchanged = await t.database.db.select().from(actions).where(eq(actions.id, questionActionId));
    assert.equal(unchanged[0]?.status, 'not_started');

    const ok = await lead.post(`/returns/${returnId}/actions/${questionActionId}`, {
      leadPerson: 'Director of Children’s Services',
      successCriteria: 'Deputy named in board minutes',
      'targetDate-day': '28',
      'targetDate-month': '2',
      'targetDate-year': '2027',
      status: 'in_progress',
      note: 'Candidate identified; appointment at December board.',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `/returns/${returnId}/actions?updated=1`);
    const [row] = await t.database.db.select().from(actions).where(eq(actions.id, questionActionId));
    assert.equal(row?.status, 'in_progress');
    assert.equal(row?.leadPerson, 'Director of Children’s Services');
    assert.equal(row?.targetDate, '2027-02-28');
    const updates = await t.database.db
      .select()
      .from(actionUpdates)
      .where(eq(actionUpdates.actionId, questionActionId));
    assert.equal(updates.length, 1);
    assert.equal(updates[0]?.note, 'Candidate identified; appointment at December board.');
    const after = await lead.get(`/returns/${returnId}/actions?updated=1`);
    assert.match(after.body, /Action updated/);
    assert.match(after.body, /Candidate identified/);
  });

  it('records every action change in the history, with old and new values', async () => {
    const rows = await t.database.db.select().from(returnHistory).where(eq(returnHistory.returnId, returnId));
    const status = rows.find((r) => r.field?.endsWith('– status'));
    assert.equal(status?.oldValue, 'Not started');
    assert.equal(status?.newValue, 'In progress');
    const page = await lead.get(`/returns/${returnId}/history`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Appoint a deputy board lead – target date/);
    assert.match(page.body, /31 January 2027/);
    assert.match(page.body, /28 February 2027/);
    assert.match(page.body, /Helen|Safeguarding|Lead/i);
    const missing = await lead.get(`/returns/${returnId}/history?page=99`);
    assert.equal(missing.status, 404);
    const contributor = await t.signIn(CONTRIBUTOR);
    assert.equal((await contributor.get(`/returns/${returnId}/history`)).status, 403);
    assert.equal((await contributor.get(`/returns/${returnId}/actions`)).status, 200);
  });

  it('flags actions past their target date that are still open', async () => {
    const now = t.clock.now();
    t.clock.set(new Date('2027-03-05T10:00:00Z'));
    try {
      const later = await t.signIn(COUNCIL_LEAD);
      const plan = await later.get(`/returns/${returnId}/actions`);
      assert.match(plan.body, /2 actions: 2 open, 2 overdue/);
      assert.match(plan.body, /Overdue/);
    } finally {
      t.clock.set(now);
    }
  });

  it('gives the partnership read-only records and other agencies nothing', async () => {
    const reviewer = await t.signIn(SCRUTINEER);
    const plan = await reviewer.get(`/returns/${returnId}/actions`);
    assert.equal(plan.status, 200);
    assert.ok(!plan.body.includes(`/actions/${questionActionId}"`), 'no update link for the partnership');
    const form = await reviewer.get(`/returns/${returnId}/actions/${questionActionId}`);
    assert.equal(form.status, 403);
    const post = await reviewer.post(`/returns/${returnId}/actions/${questionActionId}`, {
      _csrf: reviewer.csrf,
      leadPerson: 'Someone else',
      'targetDate-day': '1',
      'targetDate-month': '1',
      'targetDate-year': '2028',
      status: 'completed',
      note: 'Not theirs to change',
    });
    assert.equal(post.status, 403);
    const police = await t.signIn(POLICE_LEAD);
    for (const path of [
      'copy',
      'copy.pdf',
      'scores',
      'actions',
      'actions.xlsx',
      'history',
      `actions/${questionActionId}`,
    ]) {
      const res = await police.get(`/returns/${returnId}/${path}`);
      assert.equal(res.status, 404, path);
    }
  });

  it('shows a complete copy of the return with every answer', async () => {
    const page = await lead.get(`/returns/${returnId}/copy`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Copy of the return \(draft\)/);
    assert.match(page.body, /Policy document 1/);
    assert.match(page.body, /One gap at board level\./);
    for (const theme of themes) assert.ok(page.body.includes(`id="theme-${theme.number}"`), theme.title);
    assert.doesNotMatch(page.body, /Change<span/);
  });

  it('downloads the copy as a PDF named after the agency', async () => {
    const res = await lead.download(`/returns/${returnId}/copy.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="section-11-return-Northshire-[A-Za-z0-9-]+\.pdf"$/,
    );
    const pdf = res.bytes;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdfTitle(pdf), /^Section 11 return – Northshire County Council Children’s Services – /);
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    assert.ok(pages >= themes.length + 2, `one page per theme at least, got ${pages}`);
  });

  it('downloads the action plan as a spreadsheet that cannot run formulas', async () => {
    await lead.get(`/returns/${returnId}/actions/${questionActionId}`);
    await lead.post(`/returns/${returnId}/actions/${questionActionId}`, {
      leadPerson: '=HYPERLINK("http://evil.example","click")',
      successCriteria: '',
      'targetDate-day': '28',
      'targetDate-month': '2',
      'targetDate-year': '2027',
      status: 'in_progress',
      note: '',
    });
    const res = await lead.download(`/returns/${returnId}/actions.xlsx`);
    assert.equal(res.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Action plan')!;
    const values = sheet.getSheetValues().slice(2) as unknown[][];
    const descriptions = values.map((r) => r[4]);
    assert.deepEqual(descriptions.sort(), [
      'Appoint a deputy board lead',
      'Review board safeguarding reporting',
    ]);
    const leadCell = values.find((r) => r[4] === 'Appoint a deputy board lead')![5];
    // A string cell, shown as typed: text, not a formula, and no apostrophe before it.
    assert.equal(leadCell, '=HYPERLINK("http://evil.example","click")');
  });
});
