/** Exporting a whole cycle: every field of a return, formula-safe, at once or by a background job. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  actions,
  answers,
  challengeMessages,
  challenges,
  cycleExportChunks,
  cycleExports,
  cyclePartnerships,
  returns,
  themeModerations,
  themeRatings,
} from '../../src/db/schema.ts';
import { SECTOR_LABELS } from '../../src/features/agencies/sectors.ts';
import { ANSWER_COLUMNS } from '../../src/features/exports/cycle-export.files.ts';
import {
  CYCLE_EXPORTS_QUEUE,
  cycleExportHandler,
  failInterruptedExports,
} from '../../src/features/exports/cycle-export.service.ts';
import {
  EXPORT_CHUNK_BYTES,
  markDone,
  markFailed,
  openExportFileStore,
} from '../../src/features/exports/cycle-exports.repository.ts';
import { runQueuedJobs } from '../../src/jobs/job-queue.ts';
import { formatDate, formatDateTime } from '../../src/lib/dates.ts';
import { parseCsv } from '../helpers/csv.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL = 'Northshire County Council Children’s Services';
const FORMULA = '=HYPERLINK("http://evil.example","Click")';

async function readBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows as objects keyed by its header row. */
function sheetRows(book: ExcelJS.Workbook, name: string): Array<Record<string, string | number>> {
  const sheet = book.getWorksheet(name);
  assert.ok(sheet, `the ${name} sheet`);
  const values = (r: ExcelJS.Row) =>
    (r.values as Array<ExcelJS.CellValue>).slice(1).map((v) => (typeof v === 'number' ? v : String(v ?? '')));
  const [head, ...rest] = sheet.getRows(1, sheet.rowCount)!.map(values);
  return rest.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

/** Asks for an export as `client` and follows it to its page; returns the export's address. */
async function askForExport(client: TestClient, cycleId: string, format: 'xlsx' | 'csv'): Promise<string> {
  await client.get(`/cycles/${cycleId}/exports`);
  const asked = await client.post(`/cycles/${cycleId}/exports`, { format });
  assert.equal(asked.status, 303, asked.body.slice(0, 300));
  assert.match(asked.location ?? '', new RegExp(`^/cycles/${cycleId}/exports/[0-9a-f-]{36}$`));
  return asked.location!;
}

describe('exporting a cycle', () => {
  let t: TestApp;
  let admin: TestClient;
  let fixture: {
    themeNumber: number;
    themeTitle: string;
    first: { key: string; text: string; response: 'partly_met' | 'no' };
    second: { key: string };
    submittedAt: Date;
    challengedAt: Date;
    repliedAt: Date;
  };

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const partnershipId = t.ids.partnershipId;
    const returnId = t.ids.returnIds.council!;
    const [theme] = await themesFor(t, 'council');
    const [q1, q2] = theme!.questions;
    const response = q1!.scale === 'graded' ? 'partly_met' : 'no';
    const submittedAt = new Date('2026-11-20T15:30:00Z');
    const challengedAt = new Date('2026-11-21T09:00:00Z');
    const repliedAt = new Date('2026-11-22T11:15:00Z');
    await db
      .update(returns)
      .set({ status: 'submitted', reference: 'S11-TEST-0001', submittedAt })
      .where(eq(returns.id, returnId));
    await db.insert(answers).values([
      {
        partnershipId,
        returnId,
        questionId: q1!.id,
        response,
        evidenceDocument: 'Safeguarding policy 2026',
        evidenceLocation: '@SUM(A1) intranet',
        comment: FORMULA,
        impact: 'Children are seen sooner',
      },
      { partnershipId, returnId, questionId: q2!.id, response: 'na', naReason: 'We run no such service' },
    ]);
    await db.insert(actions).values({
      partnershipId,
      returnId,
      themeId: theme!.id,
      questionId: q1!.id,
      description: 'Train every manager',
      targetDate: '2027-03-31',
      leadPerson: 'Sam Patel',
      status: 'in_progress',
    });
    await db.insert(themeRatings).values({
      partnershipId,
      returnId,
      themeId: theme!.id,
      rating: 'amber',
      justification: 'Most of it is in place',
    });
    await db.insert(themeModerations).values({
      partnershipId,
      returnId,
      themeId: theme!.id,
      rating: 'red',
      reason: 'The evidence is thin',
      moderatedBy: t.ids.userIds.reviewer!,
    });
    const [challenge] = await db
      .insert(challenges)
      .values({
        partnershipId,
        returnId,
        themeId: theme!.id,
        body: 'Which managers were trained?',
        raisedBy: t.ids.userIds.reviewer!,
        status: 'answered',
        createdAt: challengedAt,
      })
      .returning();
    await db.insert(challengeMessages).values({
      partnershipId,
      challengeId: challenge!.id,
      userId: t.ids.userIds.councilLead!,
      side: 'agency',
      body: '+All twelve of them',
      createdAt: repliedAt,
    });
    fixture = {
      themeNumber: theme!.number,
      themeTitle: theme!.title,
      first: { key: q1!.key, text: q1!.text, response },
      second: { key: q2!.key },
      submittedAt,
      challengedAt,
      repliedAt,
    };
    admin = await t.signIn(ADMIN);
  });
  after(async () => t.close());

  it('is linked from the audit and asks for a format (422 with the error summary when none is chosen)', async () => {
    const page = await admin.get(`/cycles/${t.ids.cycleId}`);
    assert.match(page.body, new RegExp(`href="/cycles/${t.ids.cycleId}/exports"`));
    await admin.get(`/cycles/${t.ids.cycleId}/exports`);
    const refused = await admin.post(`/cycles/${t.ids.cycleId}/exports`, {});
    assert.equal(refused.status, 422);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /<a href="#format" ?>Select the format of the download<\/a>/);
  });

  it('gives every field of a return, one row per agency and question, with formulas neutralised', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'xlsx');
    const shown = await admin.get(page);
    assert.equal(shown.status, 200);
    assert.match(shown.body, /Your download is ready/);
    const file = await admin.download(`${page}/download`);
    assert.equal(file.status, 200);
    assert.match(String(file.headers['content-type']), /spreadsheetml/);
    assert.match(
      String(file.headers['content-disposition']),
      /^attachment; filename="audit-[A-Za-z0-9-]+\.xlsx"$/,
    );
    const book = await readBook(file.bytes);
    const rows = sheetRows(book, 'Answers');
    assert.deepEqual(
      Object.keys(rows[0]!),
      ANSWER_COLUMNS.map((c) => c.header),
    );
    const council = rows.filter((r) => r.Agency === COUNCIL);
    const councilThemes = await themesFor(t, 'council');
    assert.equal(council.length, councilThemes.flatMap((th) => th.questions).length);
    const row = council.find((r) => r['Question key'] === fixture.first.key);
    assert.ok(row);
    const thread = String(row.Challenges);
    assert.deepEqual(
      { ...row, Challenges: '' },
      {
        Agency: COUNCIL,
        Sector: SECTOR_LABELS['la-childrens-services'],
        Localities: 'Northshire',
        Basis: 'Statutory',
        'Return status': 'Submitted',
        Reference: 'S11-TEST-0001',
        Submitted: formatDateTime(fixture.submittedAt),
        'Theme number': fixture.themeNumber,
        Theme: fixture.themeTitle,
        'Question key': fixture.first.key,
        Question: fixture.first.text,
        Answer: fixture.first.response === 'partly_met' ? 'Partly met' : 'No',
        'From last audit, not yet confirmed': '',
        'Reason for N/A': '',
        'Evidence document': 'Safeguarding policy 2026',
        // A string cell is text, never run: shown as typed, with no apostrophe (that is CSV's).
        'Where the evidence is kept': '@SUM(A1) intranet',
        Comment: FORMULA,
        'Impact on children': 'Children are seen sooner',
        Action: 'Train every manager',
        'Action target date': formatDate('2027-03-31'),
        'Action status': 'In progress',
        'Action lead': 'Sam Patel',
        'Theme rating': 'Amber',
        'Rating justification': 'Most of it is in place',
        'Moderated grade': 'Red',
        'Moderation reason': 'The evidence is thin',
        Challenges: '',
      },
    );
    assert.match(thread, new RegExp(`On ${fixture.themeTitle} \\(answered\\)`));
    assert.ok(
      thread.includes(
        `${formatDateTime(fixture.challengedAt)}, Martin Okafor (partnership): Which managers were trained?`,
      ),
      thread,
    );
    assert.ok(
      thread.includes(`${formatDateTime(fixture.repliedAt)}, Helen Ward (agency): +All twelve of them`),
      thread,
    );
    const na = council.find((r) => r['Question key'] === fixture.second.key);
    assert.equal(na?.Answer, 'N/A');
    assert.equal(na?.['Reason for N/A'], 'We run no such service');
    // Summary sheets.
    const agencies = sheetRows(book, 'Agencies');
    const summary = agencies.find((r) => r.Agency === COUNCIL);
    assert.equal(summary?.['Own: Amber'], 1);
    assert.equal(summary?.['Moderated: Red'], 1);
    assert.equal(summary?.['Questions answered'], 2);
    assert.equal(summary?.Actions, 1);
    assert.equal(summary?.Challenges, 1);
    assert.equal(agencies.length, Object.keys(t.ids.returnIds).length);
    const themes = sheetRows(book, 'Themes');
    const theme = themes.find((r) => r['Theme number'] === fixture.themeNumber);
    assert.equal(theme?.['Own: Amber'], 1);
    assert.equal(theme?.['Moderated: Red'], 1);
    const participation = sheetRows(book, 'Participation');
    assert.deepEqual(participation[0], {
      Agencies: 'All agencies',
      Invited: 9,
      Started: 1,
      Submitted: 1,
      'Per cent submitted': 11,
    });
    const actionRows = sheetRows(book, 'Actions');
    assert.equal(actionRows.length, 1);
    assert.equal(actionRows[0]?.Lead, 'Sam Patel');
  });

  it('gives the same answers sheet as CSV, formula-safe', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'csv');
    const file = await admin.download(`${page}/download`);
    assert.equal(file.status, 200);
    assert.match(String(file.headers['content-type']), /^text\/csv/);
    const [head, ...rows] = parseCsv(file.bytes.toString('utf8'));
    assert.deepEqual(
      head,
      ANSWER_COLUMNS.map((c) => c.header),
    );
    const row = rows.find((r) => r[0] === COUNCIL && r[head!.indexOf('Question key')] === fixture.first.key);
    assert.ok(row);
    assert.equal(row.length, head!.length);
    assert.equal(row[head!.indexOf('Comment')], `'${FORMULA}`);
    assert.match(row[head!.indexOf('Challenges')]!, /\n {2}.*\(agency\): \+All twelve of them/);
  });

  it('lets a reviewer export too, and lists the partnership’s downloads', async () => {
    const reviewer = await t.signIn(REVIEWER);
    const page = await askForExport(reviewer, t.ids.cycleId, 'xlsx');
    assert.equal((await reviewer.download(`${page}/download`)).status, 200);
    const list = await admin.get(`/cycles/${t.ids.cycleId}/exports`);
    assert.equal(list.status, 200);
    assert.equal((list.body.match(/>Download<span/g) ?? []).length, 3);
  });

  it('gives another partnership 404 for the export and its download; a joint partner gets its own agencies only', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'xlsx');
    const stranger = await addOtherPartnership(t, { slug: 'eastfield' });
    const other = await t.signIn(stranger.adminEmail);
    for (const url of [`/cycles/${t.ids.cycleId}/exports`, page, `${page}/download`, `${page}/status.json`])
      assert.equal((await other.get(url)).status, 404, url);
    await other.get('/');
    assert.equal((await other.post(`/cycles/${t.ids.cycleId}/exports`, { format: 'csv' })).status, 404);

    const partner = await addOtherPartnership(t, { shareAgencies: [t.ids.agencyIds.police!] });
    await t.database.db
      .insert(cyclePartnerships)
      .values({ cycleId: t.ids.cycleId, partnershipId: partner.partnershipId });
    const joint = await t.signIn(partner.adminEmail);
    // The lead's export is not theirs.
    assert.equal((await joint.get(`${page}/download`)).status, 404);
    const own = await askForExport(joint, t.ids.cycleId, 'csv');
    const [, ...rows] = parseCsv((await joint.download(`${own}/download`)).bytes.toString('utf8'));
    assert.ok(rows.length > 0);
    assert.deepEqual([...new Set(rows.map((r) => r[0]))], ['Northshire Constabulary']);
    // And the lead does not see the partner's export.
    assert.equal((await admin.get(own)).status, 404);
  });

  it('says when an export failed, and offers to ask again', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'csv');
    const exportId = page.split('/').pop()!;
    await markFailed(t.database.db, exportId, 'connection reset', t.clock.now());
    const failed = await admin.get(page);
    assert.equal(failed.status, 200);
    assert.match(failed.body, /Your download failed/);
    assert.ok(!failed.body.includes('connection reset'), 'the internal error is not shown');
    assert.match(failed.body, new RegExp(`href="/cycles/${t.ids.cycleId}/exports"[^>]*>\\s*Try again`));
    const download = await admin.download(`${page}/download`);
    assert.equal(download.status, 303);
    assert.equal(JSON.parse((await admin.get(`${page}/status.json`)).body).status, 'failed');
  });

  it('stores a file in pieces as it is written and sends them back whole, in order', async () => {
    const exportId = (await askForExport(admin, t.ids.cycleId, 'csv')).split('/').pop()!;
    const [row] = await t.database.db.select().from(cycleExports).where(eq(cycleExports.id, exportId));
    const bytes = Buffer.alloc(2 * EXPORT_CHUNK_BYTES + 1000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 251;
    // An attempt stopped half-way left a piece: the next attempt starts the file again.
    const stopped = await openExportFileStore(t.database.db, exportId, row!.partnershipId);
    await stopped.write(Buffer.alloc(EXPORT_CHUNK_BYTES, 1));
    const file = await openExportFileStore(t.database.db, exportId, row!.partnershipId);
    // Writes of any size (one smaller than a piece, one spanning two): pieces of one size, the rest last.
    await file.write(bytes.subarray(0, 100));
    await file.write(bytes.subarray(100, 2 * EXPORT_CHUNK_BYTES + 10));
    await file.write(bytes.subarray(2 * EXPORT_CHUNK_BYTES + 10));
    assert.equal(await file.end(), bytes.length);
    const pieces = await t.database.db
      .select({ seq: cycleExportChunks.seq, data: cycleExportChunks.data })
      .from(cycleExportChunks)
      .where(eq(cycleExportChunks.exportId, exportId))
      .orderBy(cycleExportChunks.seq);
    assert.deepEqual(
      pieces.map((p) => [p.seq, p.data.length]),
      [
        [0, EXPORT_CHUNK_BYTES],
        [1, EXPORT_CHUNK_BYTES],
        [2, 1000],
      ],
    );
    // Done only while running: an export failed meanwhile is not made done from what is left.
    assert.equal(
      await markDone(t.database.db, exportId, { fileName: 'audit.csv', rowCount: 0 }, t.clock.now()),
      false,
    );
    assert.equal(
      (await t.database.db.select().from(cycleExportChunks).where(eq(cycleExportChunks.exportId, exportId)))
        .length,
      0,
    );
    const again = await openExportFileStore(t.database.db, exportId, row!.partnershipId);
    await again.write(bytes);
    await again.end();
    await t.database.db.update(cycleExports).set({ status: 'running' }).where(eq(cycleExports.id, exportId));
    assert.equal(
      await markDone(t.database.db, exportId, { fileName: 'audit.csv', rowCount: 0 }, t.clock.now()),
      true,
    );
    const page = `/cycles/${t.ids.cycleId}/exports/${exportId}`;
    const download = await admin.download(`${page}/download`);
    assert.equal(download.status, 200);
    assert.equal(Number(download.headers['content-length']), bytes.length);
    assert.ok(download.bytes.equals(bytes), 'the same bytes, in order');
    // A failed export keeps nothing of its file.
    await markFailed(t.database.db, exportId, 'test', t.clock.now());
    const left = await t.database.db
      .select()
      .from(cycleExportChunks)
      .where(eq(cycleExportChunks.exportId, exportId));
    assert.equal(left.length, 0);
  });

  it('keeps files for seven days only', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'csv');
    t.clock.set(new Date(t.clock.now().getTime() + 8 * 86_400_000));
    try {
      const later = await t.signIn(ADMIN);
      assert.equal((await later.download(`${page}/download`)).status, 404);
      assert.equal((await later.get(page)).status, 404);
    } finally {
      t.clock.set(new Date(t.clock.now().getTime() - 8 * 86_400_000));
    }
  });
});

describe('exporting a large cycle in the background', () => {
  let t: TestApp;
  let admin: TestClient;

  before(async () => {
    // Every cycle counts as large: it goes through the job queue.
    t = await startTestApp({ queue: true, env: { EXPORT_INLINE_RETURNS: '0' } });
    admin = await t.signIn(ADMIN);
  });
  after(async () => t.close());

  it('queues the export, shows its progress, and gives the file once the job has run', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'xlsx');
    const waiting = await admin.get(page);
    assert.equal(waiting.status, 200);
    assert.match(waiting.body, /Preparing your download/);
    assert.match(waiting.body, /Waiting to start: 9 returns to read/);
    assert.match(waiting.body, new RegExp(`href="${page}"[^>]*>\\s*Check progress again`));
    const early = await admin.download(`${page}/download`);
    assert.equal(early.status, 303, 'the download is not there yet: back to the progress page');
    const status = await admin.get(`${page}/status.json`);
    assert.equal(JSON.parse(status.body).status, 'queued');
    assert.equal(await askForExport(admin, t.ids.cycleId, 'xlsx'), page, 'asked again, the same export');

    const run = await runQueuedJobs(
      t.queue!,
      CYCLE_EXPORTS_QUEUE,
      cycleExportHandler({ db: t.database.db, clock: t.clock }),
    );
    assert.deepEqual(run, { ran: 1, failed: 0 });

    const ready = await admin.get(page);
    assert.match(ready.body, /Your download is ready/);
    const answered = Number(/(\d+) answers from 9 returns/.exec(ready.body)?.[1]);
    const file = await admin.download(`${page}/download`);
    assert.equal(file.status, 200);
    const rows = sheetRows(await readBook(file.bytes), 'Answers');
    assert.equal(rows.length, answered);
    assert.ok(answered > 9);
    assert.equal(new Set(rows.map((r) => r.Agency)).size, 9);
  });

  it('streams a CSV through the bounded worker with every answer row once', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'csv');
    const run = await runQueuedJobs(
      t.queue!,
      CYCLE_EXPORTS_QUEUE,
      cycleExportHandler({ db: t.database.db, clock: t.clock }),
    );
    assert.deepEqual(run, { ran: 1, failed: 0 });
    const ready = await admin.get(page);
    const answered = Number(/(\d+) answers from 9 returns/.exec(ready.body)?.[1]);
    const file = await admin.download(`${page}/download`);
    assert.equal(file.status, 200);
    const [head, ...rows] = parseCsv(file.bytes.toString('utf8'));
    assert.equal(head![0], 'Agency');
    assert.equal(rows.length, answered);
    const keys = rows.map((r) => `${r[0]}|${r[7]}|${r[9]}`);
    assert.equal(new Set(keys).size, rows.length, 'no agency and question twice');
  });

  it('fails an export too large for the worker’s memory, says why, and does not try it again', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'xlsx');
    const exportId = page.split('/').pop()!;
    // A heap far too small for any file: the worker dies, the app carries on.
    const run = await runQueuedJobs(
      t.queue!,
      CYCLE_EXPORTS_QUEUE,
      cycleExportHandler({ db: t.database.db, clock: t.clock, workerMemoryMb: 1 }),
    );
    assert.deepEqual(run, { ran: 1, failed: 0 }, 'the job ends: a retry would die the same way');
    const [row] = await t.database.db.select().from(cycleExports).where(eq(cycleExports.id, exportId));
    assert.equal(row!.status, 'failed');
    assert.match(row!.error ?? '', /too large to export/);
    const shown = await admin.get(page);
    assert.match(shown.body, /too large to export/);
    assert.equal((await admin.download(`${page}/download`)).status, 303);
    const again = await askForExport(admin, t.ids.cycleId, 'xlsx');
    assert.notEqual(again, page, 'a new request is not sent to the failed export');
    await t.database.db.delete(cycleExports).where(eq(cycleExports.id, again.split('/').pop()!));
  });

  it('fails exports left running by a stopped process, at start-up and when their job comes back', async () => {
    const page = await askForExport(admin, t.ids.cycleId, 'csv');
    const exportId = page.split('/').pop()!;
    // The process making it stopped half-way: the row says running, its job is tried again.
    await t.database.db.update(cycleExports).set({ status: 'running' }).where(eq(cycleExports.id, exportId));
    const run = await runQueuedJobs(
      t.queue!,
      CYCLE_EXPORTS_QUEUE,
      cycleExportHandler({ db: t.database.db, clock: t.clock }),
    );
    assert.equal(run.failed, 0);
    const [afterJob] = await t.database.db.select().from(cycleExports).where(eq(cycleExports.id, exportId));
    assert.equal(afterJob!.status, 'failed', 'not made again into the same end');
    assert.match(afterJob!.error ?? '', /stopped before it finished/);

    const other = (await askForExport(admin, t.ids.cycleId, 'xlsx')).split('/').pop()!;
    await t.database.db.update(cycleExports).set({ status: 'running' }).where(eq(cycleExports.id, other));
    assert.equal(await failInterruptedExports({ db: t.database.db, clock: t.clock }), 1);
    const [atStart] = await t.database.db.select().from(cycleExports).where(eq(cycleExports.id, other));
    assert.equal(atStart!.status, 'failed');
    assert.match(
      (await admin.get(`/cycles/${t.ids.cycleId}/exports/${other}`)).body,
      /stopped before it finished/,
    );
    await runQueuedJobs(
      t.queue!,
      CYCLE_EXPORTS_QUEUE,
      cycleExportHandler({ db: t.database.db, clock: t.clock }),
    );
    const [still] = await t.database.db.select().from(cycleExports).where(eq(cycleExports.id, other));
    assert.equal(still!.status, 'failed', 'its job, when it comes back, leaves it failed');
  });
});
