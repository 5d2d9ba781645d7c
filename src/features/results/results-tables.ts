/**
 * The figures as plain tables (a header and rows of text and numbers), shared by the spreadsheet
 * and the PDF so both say the same thing.
 */
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { ACTION_STATUS_LABELS } from '../returns/return-records.ts';
import {
  type Calibration,
  type Comparison,
  type Distribution,
  type OverdueAction,
  PARTICIPATION_LABELS,
  type Participation,
  TREND_LABELS,
  type WeakQuestion,
} from './results.ts';

export type Cell = string | number | null;
export interface PlainTable {
  headers: string[];
  rows: Cell[][];
}

/** Participation as label and figure, in the order the page shows them. */
export function participationLines(p: Participation): Array<[string, number | string]> {
  return [
    ['Invited', p.invited],
    ['Submitted', p.submitted],
    ['Submitted on time', p.onTime],
    ['Submitted late', p.submittedLate],
    ['Not submitted by their deadline', p.overdue],
    ['Not submitted, not yet due', p.notYetDue],
    ['Late (submitted late or not by the deadline)', p.late],
    ['Per cent submitted', p.percentSubmitted === null ? 'None invited' : `${p.percentSubmitted}%`],
  ];
}

export function participationTable(p: Participation): PlainTable {
  return {
    headers: ['Agency', 'Deadline', 'Submitted', 'Participation'],
    rows: p.agencies.map((a) => [
      a.agencyName,
      formatDateTime(new Date(a.deadline)),
      a.submittedAt ? formatDateTime(new Date(a.submittedAt)) : 'Not submitted',
      PARTICIPATION_LABELS[a.state],
    ]),
  };
}

export function distributionTable(rows: Distribution[]): PlainTable {
  return {
    headers: ['Theme', 'Red', 'Amber', 'Green', 'Not rated', 'Agencies'],
    rows: rows.map((d) => [
      `${d.themeNumber}. ${d.themeTitle}`,
      d.red,
      d.amber,
      d.green,
      d.notRated,
      d.total,
    ]),
  };
}

export function weakQuestionsTable(rows: WeakQuestion[]): PlainTable {
  return {
    headers: ['Theme', 'Question', 'Not met', 'Partly met', 'No', 'Answered'],
    rows: rows.map((q) => [
      `${q.themeNumber}. ${q.themeTitle}`,
      `${q.questionNumber}. ${q.questionText}`,
      q.notMet,
      q.partlyMet,
      q.no,
      q.answered,
    ]),
  };
}

export function overdueActionsTable(rows: OverdueAction[]): PlainTable {
  return {
    headers: ['Agency', 'Theme', 'Action', 'Lead', 'Target date', 'Status'],
    rows: rows.map((a) => [
      a.agencyName,
      a.themeTitle,
      a.description,
      a.leadPerson || 'Not given',
      formatDate(a.targetDate),
      ACTION_STATUS_LABELS[a.status],
    ]),
  };
}

export function calibrationTable(c: Calibration): PlainTable {
  const rate = (r: number | null) => (r === null ? 'None moderated' : `${r}%`);
  return {
    headers: [
      'Theme',
      'Moderated',
      'Agreed',
      'Graded higher by the agency',
      'Graded lower by the agency',
      'Agreement',
    ],
    rows: [
      ...c.themes.map((l) => [
        `${l.themeNumber}. ${l.themeTitle}`,
        l.moderated,
        l.agreed,
        l.overGraded,
        l.underGraded,
        rate(l.agreementRate),
      ]),
      [
        'All themes',
        c.total.moderated,
        c.total.agreed,
        c.total.overGraded,
        c.total.underGraded,
        rate(c.total.agreementRate),
      ],
    ],
  };
}

/** The calibration in one sentence. */
export function calibrationSentence(c: Calibration): string {
  const t = c.total;
  if (!t.moderated) return 'No theme grade has been moderated.';
  return `${t.moderated === 1 ? '1 theme grade was' : `${t.moderated} theme grades were`} moderated: ${t.agreed} agreed with the agency’s own grade (${t.agreementRate}%), ${t.overGraded} graded higher by the agency and ${t.underGraded} lower.`;
}

const mean = (m: number | null) => (m === null ? 'No grades' : m.toFixed(2));

export function comparisonThemesTable(c: Comparison): PlainTable {
  return {
    headers: ['Theme', 'Mean grade then', 'Mean grade now', 'Overall', 'Agencies better', 'Same', 'Worse'],
    rows: c.themes.map((t) => [
      `${t.themeNumber}. ${t.themeTitle}`,
      mean(t.previous),
      mean(t.current),
      t.trend ? TREND_LABELS[t.trend] : t.previous === null ? 'Not comparable' : 'No grades yet',
      t.better,
      t.same,
      t.worse,
    ]),
  };
}

export function comparisonAgenciesTable(c: Comparison): PlainTable {
  return {
    headers: ['Agency', 'Themes compared', 'Better', 'Same', 'Worse', 'Overall'],
    rows: c.agencies.map((a) => [
      a.agencyName,
      a.compared,
      a.better,
      a.same,
      a.worse,
      a.trend ? TREND_LABELS[a.trend] : 'Not comparable',
    ]),
  };
}
