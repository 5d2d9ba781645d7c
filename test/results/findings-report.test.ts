/**
 * The findings report: its first draft from the figures, editing by partnership admins only (422
 * keeping what was typed), good practice quoted from chosen answers, draft to final (which locks the
 * text and the figures), and the PDF and XLSX downloads carrying the figures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../src/db/client.ts';
import { cycles, findingsReports } from '../../src/db/schema.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { POPPLER_MISSING, pdfInfo, pdfPlainText, pdfStructure } from '../helpers/pdf-tools.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import { moderate, submitReturn } from './results-fixture.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const DAY = 86_400_000;
const QUOTE = 'Monthly multi-agency briefings keep every team up to date.';

describe('a cycle’s findings report', () => {
  let t: TestApp;
  let admin: TestClient;
  let reviewer: TestClient;
  let base: string;
  let firstTheme: { id: string; key: string; title: string };
  let councilAnswerId: string;

  const editFields = (overrides: Record<string, string> = {}) => ({
    summary: 'Two agencies submitted; most themes are Green.',
    method: 'A self-assessment and a moderation panel.',
    participation: 'Too many agencies were late.',
    improvements: '- Named leads\n- Board oversight',
    recommendations: 'Keep training going.\n\n1. Chase late returns\n2. Repeat in 2028',
    comparedCycleId: '',
    [`theme-${firstTheme.key}`]: 'Leadership is **strong** across agencies.',
    ...overrides,
  });

  before(async () => {
    t = await startTestApp();
    const now = t.clock.now();
    await t.database.db
      .update(cycles)
      .set({ closesAt: new Date(now.getTime() - DAY) })
      .where(eq(cycles.id, t.ids.cycleId));
    const themes = await submitReturn(t, t.ids.returnIds.council!, {
      submittedAt: new Date(now.getTime() - 2 * DAY),
      weakFirst: true,
      comment: QUOTE,
    });
    await submitReturn(t, t.ids.returnIds.police!, { submittedAt: new Date(now.getTime() - DAY / 2) });
    firstTheme = themes[0]!;
    await moderate(t, t.ids.returnIds.police!, firstTheme.id, 'amber');
    const [answer] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from answers where return_id = ${t.ids.returnIds.council!} and comment <> ''`,
    );
    councilAnswerId = answer!.id;
    admin = await t.signIn(ADMIN);
    reviewer = await t.signIn(REVIEWER);
    base = `/cycles/${t.ids.cycleId}/report`;
  });
  after(async () => t.close());

  it('starts as a draft written from the figures', async () => {
    const page = await admin.get(base);
    assert.equal(page.status, 200);
    assert.match(
      page.body,
      /2 of 9 agencies invited to Section 11 audit \d{4} submitted their return \(22%\)\./,
    );
    assert.match(page.body, /1 submitted on time and 1 late; 7 had not submitted by their deadline\./);
    assert.match(page.body, /Of the 2 agencies graded, 1 was Green, 1 Amber and 0 Red\./);
    assert.match(page.body, /Not saved yet/);
    assert.match(page.body, /The partnership has not written its recommendations yet/);
    assert.match(
      page.body,
      /1 theme grade was moderated: 0 agreed with the agency’s own grade \(0%\), 1 graded higher/,
    );
    assert.ok(page.body.includes(`href="${base}/edit"`));
    assert.equal((await t.database.db.select().from(findingsReports)).length, 0, 'reading saves nothing');
  });

  it('lets reviewers read but not change it', async () => {
    const page = await reviewer.get(base);
    assert.equal(page.status, 200);
    assert.ok(!page.body.includes(`href="${base}/edit"`));
    assert.equal((await reviewer.get(`${base}/edit`)).status, 403);
    assert.equal((await reviewer.post(`${base}/edit`, editFields())).status, 403);
    assert.equal((await reviewer.post(`${base}/finalise`, { confirm: 'yes' })).status, 403);
    assert.equal((await reviewer.get(`${base}/good-practice`)).status, 403);
  });

  it('gives agency users and other partnerships nothing (404)', async () => {
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(base)).status, 404);
    assert.equal((await lead.download(`${base}.pdf`)).status, 404);
    await addOtherPartnership(t);
    const other = await t.signIn('manager@westvale-scp.example');
    assert.equal((await other.get(base)).status, 404);
    assert.equal((await other.post(`${base}/edit`, editFields())).status, 404);
    assert.equal((await other.download(`${base}.xlsx`)).status, 404);
  });

  it('refuses bad input with 422, keeping everything typed, and saves good input', async () => {
    await admin.get(`${base}/edit`);
    const long = 'x'.repeat(20_001);
    const bad = await admin.post(
      `${base}/edit`,
      editFields({ summary: long, comparedCycleId: '00000000-0000-4000-8000-000000000000' }),
    );
    assert.equal(bad.status, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /The summary must be 20,000 characters or fewer/);
    assert.match(bad.body, /href="#summary"/);
    assert.match(bad.body, /Select an earlier audit from the list/);
    assert.ok(bad.body.includes(long), 'the long summary is shown again');
    assert.match(bad.body, /Keep training going\./);
    assert.match(bad.body, /Leadership is \*\*strong\*\* across agencies\./);
    assert.equal((await t.database.db.select().from(findingsReports)).length, 0, 'nothing saved');

    const good = await admin.post(`${base}/edit`, editFields());
    assert.equal(good.status, 303);
    assert.equal(good.location, `${base}?done=saved`);
    const page = await admin.get(good.location);
    assert.match(page.body, /The report has been saved/);
    assert.match(page.body, /Leadership is <strong>strong<\/strong> across agencies\./);
    assert.match(page.body, /<li>Chase late returns<\/li>/);
    assert.match(page.body, /Last saved at \d{1,2}:\d{2}[ap]m on \w+day .* by Priya Shah/);
  });

  it('keeps what was typed when a post is refused (a stale form), and shows it again', async () => {
    const refused = await admin.post(
      `${base}/edit`,
      editFields({ _csrf: 'forged', summary: 'Typed, then refused' }),
    );
    assert.equal(refused.status, 403);
    const back = await admin.get(`${base}/edit`);
    assert.equal(back.status, 200);
    assert.match(back.body, /Typed, then refused/);
    assert.match(back.body, /Keep training going\./);
    const again = await admin.get(`${base}/edit`);
    assert.doesNotMatch(again.body, /Typed, then refused/, 'kept once only');
  });

  it('quotes good practice chosen from submitted answers, and refuses answers not offered', async () => {
    const list = await admin.get(`${base}/good-practice?theme=${firstTheme.key}`);
    assert.equal(list.status, 200);
    assert.ok(list.body.includes(QUOTE));
    assert.ok(list.body.includes(`value="${councilAnswerId}:comment"`));
    const forged = await admin.post(`${base}/good-practice`, {
      theme: firstTheme.key,
      quotes: ['00000000-0000-4000-8000-000000000000:comment'],
    });
    assert.equal(forged.status, 404);
    const saved = await admin.post(`${base}/good-practice`, {
      theme: firstTheme.key,
      quotes: [`${councilAnswerId}:comment`],
    });
    assert.equal(saved.status, 303);
    const page = await admin.get(base);
    assert.match(
      page.body,
      new RegExp(`<blockquote class="app-quote"><p class="govuk-body app-pre-wrap">${QUOTE}`),
    );
    assert.match(page.body, /Northshire County Council Children’s Services – comments on/);
  });

  it('is made final only when confirmed, with a summary and recommendations', async () => {
    const unconfirmed = await admin.post(`${base}/finalise`, {});
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.body, /Confirm that the report is ready to be made final/);
    const done = await admin.post(`${base}/finalise`, { confirm: 'yes' });
    assert.equal(done.status, 303);
    const page = await admin.get(done.location!);
    assert.match(page.body, /The report is final/);
    assert.match(page.body, /Made final at \d{1,2}:\d{2}[ap]m on \w+day/);
    assert.ok(!page.body.includes(`href="${base}/edit"`));
  });

  it('refuses every change once final, and keeps its figures as they stood', async () => {
    const edit = await admin.post(`${base}/edit`, editFields({ summary: 'Changed after the event' }));
    assert.equal(edit.status, 409);
    assert.equal((await admin.get(`${base}/edit`)).status, 409);
    assert.equal(
      (await admin.post(`${base}/good-practice`, { theme: firstTheme.key, quotes: [] })).status,
      409,
    );
    assert.equal((await admin.post(`${base}/finalise`, { confirm: 'yes' })).status, 409);
    const [stored] = await t.database.db.select().from(findingsReports);
    assert.equal(stored!.summary, 'Two agencies submitted; most themes are Green.');
    // A later moderation changes the live results, not the final report.
    await moderate(t, t.ids.returnIds.council!, firstTheme.id, 'red');
    const results = await admin.get(`/cycles/${t.ids.cycleId}/results`);
    assert.match(
      results.body,
      new RegExp(
        `>1\\. ${firstTheme.title}</th><td class="govuk-table__cell govuk-table__cell--numeric">1</td>`,
      ),
    );
    const report = await admin.get(base);
    assert.match(
      report.body,
      new RegExp(
        `>1\\. ${firstTheme.title}</th><td class="govuk-table__cell govuk-table__cell--numeric">0</td>`,
      ),
    );
  });

  it('downloads as a PDF named after the audit', async () => {
    const res = await reviewer.download(`${base}.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="findings-report-Section-11-audit-\d{4}\.pdf"$/,
    );
    assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('is a tagged PDF with the text and figures as headings, lists and tables', {
    skip: POPPLER_MISSING,
  }, async () => {
    const pdf = (await reviewer.download(`${base}.pdf`)).bytes;
    assert.equal(pdfInfo(pdf).Tagged, 'yes');
    const text = pdfPlainText(pdf).replace(/\s+/g, ' ');
    assert.match(text, /Findings report: Section 11 audit/);
    assert.match(text, /Two agencies submitted; most themes are Green\./);
    assert.ok(text.includes(QUOTE), 'the quoted good practice');
    assert.match(text, /1 theme grade was moderated: 0 agreed with the agency’s own grade/);
    const tree = pdfStructure(pdf);
    assert.match(tree, /^ {2}H1 \(block\)\n {4}"Findings report: Section 11 audit \d{4}"$/m);
    const h2 = [...tree.matchAll(/^ {2}H2 \(block\)\n {4}"([^"]*)"$/gm)].map((m) => m[1]);
    assert.deepEqual(h2, [
      'Summary',
      'How the audit was run',
      'Participation',
      'Findings by theme',
      'Areas for improvement',
      'Calibration',
      'Recommendations',
    ]);
    assert.match(tree, /^ {2}H3 \(block\)\n {4}"1\. /m, 'each theme is a heading');
    assert.match(
      tree,
      /^ {4}TR\n {6}TD\n {8}"Invited"\n {6}TD\n {8}"9"$/m,
      'participation figures in a table',
    );
    assert.match(tree, /^ {6}TH:\n {9}\/Scope \/Column\n {8}"Answered"$/m, 'column headers');
    assert.match(
      tree,
      /^ {4}LI \(block\)\n {6}Lbl \(block\)\n {8}"1\."\n {6}LBody \(block\)\n {8}"Chase late returns"$/m,
    );
    assert.match(tree, /^ {6}LBody \(block\)\n {8}"Named leads"$/m);
    assert.match(pdfPlainText(pdf, { layout: true }), /\bAnswered\n/, '“Answered” is never broken');
  });

  it('downloads as a spreadsheet of the figures and the text, never formulas', async () => {
    const res = await admin.download(`${base}.xlsx`);
    assert.equal(res.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const grades = book.getWorksheet('Grades by theme')!;
    assert.deepEqual((grades.getRow(2).values as unknown[]).slice(1), [
      `1. ${firstTheme.title}`,
      0,
      1,
      1,
      7,
      9,
    ]);
    const text = book.getWorksheet('Report text')!;
    const sections = new Map<string, unknown>();
    text.eachRow((row) => sections.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.equal(
      sections.get('Recommendations'),
      'Keep training going.\n\n1. Chase late returns\n2. Repeat in 2028',
    );
    assert.equal(
      sections.get('Areas for improvement'),
      '- Named leads\n- Board oversight',
      'a leading - is text in a string cell, with no apostrophe',
    );
    assert.equal(text.getRow(1).getCell(1).font?.bold, true, 'a bold header row');
    assert.equal(text.getColumn(2).width, 100, 'room for the text');
    const quotes = book.getWorksheet('Good practice')!;
    assert.equal(quotes.getRow(1).getCell(5).value, 'Quote');
    assert.equal(quotes.getRow(2).getCell(5).value, QUOTE);
  });
});
