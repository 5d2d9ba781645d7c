/**
 * The files of a cycle export: a workbook (every answer, then summaries per agency, per theme and of
 * participation, every action, and what the file is), or the same answers sheet as CSV. Text is
 * never run as a formula: the workbook's strings are text cells, and the CSV's fields get an
 * apostrophe where they need one (`toCsv`).
 */

import ExcelJS from 'exceljs';
import type { Rag } from '../../db/schema.ts';
import { RAG_LABELS } from '../../domain/rag.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { toCsv } from '../../lib/spreadsheet.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import { MONITORING_STATUS_LABELS } from '../cycles/monitoring.ts';
import { ACTION_STATUS_LABELS } from '../returns/return-records.ts';
import type { LoadedCycleData } from './cycle-data.repository.ts';
import {
  type AgencySummary,
  type AnswerRow,
  agencySummaries,
  type GradeCounts,
  participation,
  themeSummaries,
} from './cycle-data.ts';

type Cell = string | number;

/** Excel's longest cell: longer text is cut with a note, so the file always opens. */
export const MAX_CELL_LENGTH = 32_767;
const CUT_NOTE = ' […cut: see the return for the full text]';

/**
 * A workbook's text cell: never longer than a cell may be. A string cell is text, never a formula,
 * so it is kept as typed (no apostrophe before = + - @: that is for CSV only).
 */
export function textCell(value: string): string {
  return value.length > MAX_CELL_LENGTH
    ? `${value.slice(0, MAX_CELL_LENGTH - CUT_NOTE.length)}${CUT_NOTE}`
    : value;
}

const rag = (grade: Rag | null) => (grade ? RAG_LABELS[grade] : '');

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

/** The answers sheet as CSV (RFC 4180, UTF-8 with a byte-order mark). */
export function cycleAnswersCsv(loaded: LoadedCycleData): string {
  return toCsv([ANSWER_COLUMNS.map((c) => c.header), ...loaded.data.answers.map(answerCells)]);
}

const cells = (values: Cell[]) => values.map((v) => (typeof v === 'string' ? textCell(v) : v));
const gradeCells = (g: GradeCounts) => [g.red, g.amber, g.green, g.none];

function addTable(
  book: ExcelJS.Workbook,
  name: string,
  headers: string[],
  rows: Cell[][],
  widths: number[] = [],
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row));
  headers.forEach((_h, i) => {
    sheet.getColumn(i + 1).width = widths[i] ?? 14;
  });
  return sheet;
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

export async function cycleWorkbook(loaded: LoadedCycleData, context: WorkbookContext): Promise<Buffer> {
  const { data, returns, structure } = loaded;
  const book = new ExcelJS.Workbook();
  book.creator = 'Section 11 Audit';
  book.created = context.generatedAt;
  addTable(
    book,
    'Answers',
    ANSWER_COLUMNS.map((c) => c.header),
    data.answers.map(answerCells),
    ANSWER_COLUMNS.map((c) => c.width),
  );
  const grades = ['Red', 'Amber', 'Green', 'Not graded'];
  addTable(
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
      ...grades.map((g) => `Own: ${g}`),
      ...grades.map((g) => `Moderated: ${g}`),
      'Actions',
      'Challenges',
    ],
    agencySummaries(data, returns).map(agencyCells),
    [36, 22, 22, 11, 16, 16, 18],
  );
  addTable(
    book,
    'Themes',
    [
      'Theme number',
      'Theme',
      'Agencies it applies to',
      ...grades.map((g) => `Own: ${g}`),
      ...grades.map((g) => `Moderated: ${g}`),
    ],
    themeSummaries(data, structure).map((t) => [
      t.themeNumber,
      t.themeTitle,
      t.agencies,
      ...gradeCells(t.own),
      ...gradeCells(t.moderated),
    ]),
    [8, 40],
  );
  addTable(
    book,
    'Participation',
    ['Agencies', 'Invited', 'Started', 'Submitted', 'Per cent submitted'],
    participation(returns, (s) => SECTOR_LABELS[s]).map((p) => [
      p.label,
      p.invited,
      p.started,
      p.submitted,
      p.invited === 0 ? 0 : Math.round((p.submitted / p.invited) * 100),
    ]),
    [36],
  );
  addTable(
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
    data.actions.map((a) => [
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
    [36, 16, 8, 30, 14, 40, 20, 30],
  );
  const about = book.addWorksheet('About');
  about.addRows(
    [
      ['Partnership', context.partnershipName],
      ['Audit', context.cycleName],
      [
        'Agencies included',
        context.viewerPartnershipName
          ? `Members of ${context.viewerPartnershipName} only (a joint audit run by ${context.partnershipName})`
          : 'Every agency invited',
      ],
      ['Produced', formatDateTime(context.generatedAt)],
    ].map(cells),
  );
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 70;
  return Buffer.from(await book.xlsx.writeBuffer());
}
