/**
 * The files of a cycle export: a workbook (every answer, then summaries per agency, per theme and of
 * participation, every action, and what the file is), or the same answers sheet as CSV. Text is
 * never run as a formula: the workbook's strings are text cells, and the CSV's fields get an
 * apostrophe where they need one (`toCsv`).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CycleExportFormat, Rag } from '../../db/schema.ts';
import { RAG_LABELS } from '../../domain/rag.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { csvField } from '../../lib/spreadsheet.ts';
import { type XlsxSheet, XlsxWriter } from '../../lib/xlsx-writer.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import type { MonitoringRow } from '../cycles/monitoring.ts';
import { MONITORING_STATUS_LABELS } from '../cycles/monitoring.ts';
import { ACTION_STATUS_LABELS } from '../returns/action-status.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';
import {
  type AgencySummary,
  type AnswerRow,
  agencySummaries,
  type CycleDataBatch,
  type GradeCounts,
  participation,
  themeSummaries,
} from './cycle-data.ts';

type Cell = string | number;

const rag = (grade: Rag | null) => (grade ? RAG_LABELS[grade] : '');

/**
 * Distinct texts the export's workbook shares: its themes, questions and responses, met in the
 * first returns, and not the answers that fill the rest (each met once), which would only hold
 * memory (up to 20,000 texts of 255 characters) in a worker bounded to 256 MB.
 */
const EXPORT_SHARED_STRINGS = 1_000;

/** The answers sheet's columns, in order: the same in the workbook and the CSV. */
export const ANSWER_COLUMNS: Array<{ header: string; width: number; value: (r: AnswerRow) => Cell }> = [
  { header: 'Agency', width: 36, value: (r) => r.agencyName },
  { header: 'Sector', width: 22, value: (r) => SECTOR_LABELS[r.sector] },
  { header: 'Localities', width: 22, value: (r) => r.localityNames.join('; ') },
  { header: 'Basis', width: 11, value: (r) => (r.statutory ? 'Statutory' : 'Voluntary') },
  { header: 'Return status', width: 16, value: (r) => MONITORING_STATUS_LABELS[r.monitoringStatus] },
  { header: 'Reference', width: 16, value: (r) => r.reference ?? '' },
  { header: 'Submitted', width: 18, value: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '') },
  { header: 'Theme number', width: 8, value: (r) => r.themeNumber },
  { header: 'Theme', width: 30, value: (r) => r.themeTitle },
  { header: 'Question key', width: 14, value: (r) => r.questionKey },
  { header: 'Question', width: 50, value: (r) => r.questionText },
  {
    header: 'Answer',
    width: 12,
    value: (r) => r.answerText,
  },
  {
    header: 'From last audit, not yet confirmed',
    width: 12,
    value: (r) => (r.awaitingConfirmation ? 'Yes' : ''),
  },
  { header: 'Reason for N/A', width: 30, value: (r) => r.naReason },
  { header: 'Evidence document', width: 30, value: (r) => r.evidenceDocument },
  { header: 'Where the evidence is kept', width: 30, value: (r) => r.evidenceLocation },
  { header: 'Comment', width: 40, value: (r) => r.comment },
  { header: 'Impact on children', width: 40, value: (r) => r.impact },
  { header: 'Action', width: 40, value: (r) => r.actionDescription },
  { header: 'Action target date', width: 14, value: (r) => formatDate(r.actionTargetDate) },
  {
    header: 'Action status',
    width: 14,
    value: (r) => (r.actionStatus ? ACTION_STATUS_LABELS[r.actionStatus] : ''),
  },
  { header: 'Action lead', width: 20, value: (r) => r.actionLead },
  { header: 'Theme rating', width: 10, value: (r) => rag(r.themeRating) },
  { header: 'Rating justification', width: 40, value: (r) => r.themeJustification },
  { header: 'Moderated grade', width: 10, value: (r) => rag(r.moderatedGrade) },
  { header: 'Moderation reason', width: 40, value: (r) => r.moderationReason },
  { header: 'Challenges', width: 60, value: (r) => r.challengeThread },
];

function answerCells(r: AnswerRow): Cell[] {
  return ANSWER_COLUMNS.map((c) => c.value(r));
}

/** The CSV's first line: a byte-order mark (so Excel reads UTF-8) and the headers. */
const csvLine = (values: Cell[]) => `${values.map(csvField).join(',')}\r\n`;

/**
 * The answers sheet as CSV (RFC 4180, UTF-8 with a byte-order mark), written batch by batch to
 * `out`, so only one batch of rows is ever held. Gives the number of answer rows.
 */
export async function writeCycleAnswersCsv(
  out: Writable,
  batches: AsyncIterable<CycleDataBatch>,
): Promise<number> {
  let rows = 0;
  await write(out, `\uFEFF${csvLine(ANSWER_COLUMNS.map((c) => c.header))}`);
  for await (const batch of batches) {
    let text = '';
    for (const row of batch.data.answers) text += csvLine(answerCells(row));
    rows += batch.data.answers.length;
    await write(out, text);
  }
  return rows;
}

/** Writes to a stream, waiting while it is full. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

const gradeCells = (g: GradeCounts) => [g.red, g.amber, g.green, g.none];

/** A sheet with bold headers and a frozen first row; rows are added after. */
function startTable(
  book: XlsxWriter,
  name: string,
  headers: string[],
  widths: number[] = [],
): Promise<XlsxSheet> {
  return book.addSheet(name, { header: headers, widths: headers.map((_h, i) => widths[i] ?? 14) });
}

function agencyCells(a: AgencySummary): Cell[] {
  return [
    a.agencyName,
    SECTOR_LABELS[a.sector],
    a.localityNames.join('; '),
    a.statutory ? 'Statutory' : 'Voluntary',
    MONITORING_STATUS_LABELS[a.monitoringStatus],
    a.reference ?? '',
    a.submittedAt ? formatDateTime(a.submittedAt) : '',
    a.answered,
    a.questions,
    ...gradeCells(a.own),
    ...gradeCells(a.moderated),
    a.actions,
    a.challenges,
  ];
}

export interface WorkbookContext {
  partnershipName: string;
  cycleName: string;
  /** Set for a joint partner: the file holds its own member agencies only. */
  viewerPartnershipName: string | null;
  generatedAt: Date;
}

/** What the workbook is made from: the returns, and their rows read batch by batch (twice). */
export interface WorkbookSource {
  structure: ReturnStructure;
  returns: MonitoringRow[];
  /** Every return's rows, a batch at a time. */
  batches: () => AsyncIterable<CycleDataBatch>;
  /** The same with the actions only (read again for the Actions sheet, after the others). */
  actionBatches: () => AsyncIterable<CycleDataBatch>;
}

const GRADES = ['Red', 'Amber', 'Green', 'Not graded'];

const addCounts = (into: GradeCounts, from: GradeCounts) => {
  into.red += from.red;
  into.amber += from.amber;
  into.green += from.green;
  into.none += from.none;
};

/**
 * The workbook, streamed to `out` by the XLSX writer: each sheet's rows are written and
 * let go of as they come, the answers one batch of returns at a time, so a cycle of any size is
 * made in bounded memory. Gives the number of answer rows.
 */
export async function writeCycleWorkbook(
  out: Writable,
  source: WorkbookSource,
  context: WorkbookContext,
): Promise<number> {
  const book = new XlsxWriter(out, { created: context.generatedAt, sharedStrings: EXPORT_SHARED_STRINGS });
  const answersSheet = await startTable(
    book,
    'Answers',
    ANSWER_COLUMNS.map((c) => c.header),
    ANSWER_COLUMNS.map((c) => c.width),
  );
  const agencies: AgencySummary[] = [];
  const themes = themeSummaries(
    { answers: [], themeGrades: [], actions: [], challengeCounts: {} },
    source.structure,
  );
  let rows = 0;
  for await (const batch of source.batches()) {
    await answersSheet.addRows(batch.data.answers.map(answerCells));
    rows += batch.data.answers.length;
    for (const a of agencySummaries(batch.data, batch.returns)) agencies.push(a);
    themeSummaries(batch.data, source.structure).forEach((t, i) => {
      const total = themes[i]!;
      total.agencies += t.agencies;
      addCounts(total.own, t.own);
      addCounts(total.moderated, t.moderated);
    });
  }
  const agencySheet = await startTable(
    book,
    'Agencies',
    [
      'Agency',
      'Sector',
      'Localities',
      'Basis',
      'Return status',
      'Reference',
      'Submitted',
      'Questions answered',
      'Questions',
      ...GRADES.map((g) => `Own: ${g}`),
      ...GRADES.map((g) => `Moderated: ${g}`),
      'Actions',
      'Challenges',
    ],
    [36, 22, 22, 11, 16, 16, 18],
  );
  await agencySheet.addRows(agencies.map(agencyCells));
  const themeSheet = await startTable(
    book,
    'Themes',
    [
      'Theme number',
      'Theme',
      'Agencies it applies to',
      ...GRADES.map((g) => `Own: ${g}`),
      ...GRADES.map((g) => `Moderated: ${g}`),
    ],
    [8, 40],
  );
  await themeSheet.addRows(
    themes.map((t) => [
      t.themeNumber,
      t.themeTitle,
      t.agencies,
      ...gradeCells(t.own),
      ...gradeCells(t.moderated),
    ]),
  );
  const participationSheet = await startTable(
    book,
    'Participation',
    ['Agencies', 'Invited', 'Started', 'Submitted', 'Per cent submitted'],
    [36],
  );
  await participationSheet.addRows(
    participation(source.returns, (s) => SECTOR_LABELS[s]).map((p) => [
      p.label,
      p.invited,
      p.started,
      p.submitted,
      p.invited === 0 ? 0 : Math.round((p.submitted / p.invited) * 100),
    ]),
  );
  const actionSheet = await startTable(
    book,
    'Actions',
    [
      'Agency',
      'Reference',
      'Theme number',
      'Theme',
      'Question key',
      'Action',
      'Lead',
      'Success criteria',
      'Target date',
      'Status',
      'Last updated',
    ],
    [36, 16, 8, 30, 14, 40, 20, 30],
  );
  for await (const batch of source.actionBatches())
    await actionSheet.addRows(
      batch.data.actions.map((a) => [
        a.agencyName,
        a.reference ?? '',
        a.themeNumber,
        a.themeTitle,
        a.questionKey ?? 'Theme rating',
        a.description,
        a.leadPerson,
        a.successCriteria,
        formatDate(a.targetDate),
        ACTION_STATUS_LABELS[a.status],
        formatDateTime(a.updatedAt),
      ]),
    );
  const about = await book.addSheet('About', { widths: [20, 70], boldFirstColumn: true });
  await about.addRows([
    ['Partnership', context.partnershipName],
    ['Audit', context.cycleName],
    [
      'Agencies included',
      context.viewerPartnershipName
        ? `Members of ${context.viewerPartnershipName} only (a joint audit run by ${context.partnershipName})`
        : 'Every agency invited',
    ],
    ['Produced', formatDateTime(context.generatedAt)],
  ]);
  await book.end();
  return rows;
}

/**
 * The export's file in `format` (the answers as CSV, or the whole workbook), written to `out`, which
 * is ended; resolves once `out` has taken every byte. Gives the number of answer rows.
 */
export async function writeExportFile(
  out: Writable,
  format: CycleExportFormat,
  source: WorkbookSource,
  context: WorkbookContext,
): Promise<number> {
  const rows =
    format === 'csv'
      ? await writeCycleAnswersCsv(out, source.batches())
      : await writeCycleWorkbook(out, source, context);
  // The workbook writer ends the stream itself; the CSV is ended here.
  if (!out.writableEnded) out.end();
  await finished(out);
  return rows;
}
