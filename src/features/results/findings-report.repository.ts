/**
 * Findings reports and their quotes. Every query is scoped by the partnership whose report it is and
 * the cycle.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import {
  findingsReportQuotes,
  findingsReports,
  type QuotedField,
  type Response,
  type ResponseScale,
  type ScaleOptionJson,
} from '../../db/schema.ts';
import { answerText } from '../returns/answer-scales.ts';
import { emptyAnswer } from '../returns/return-structure.ts';
import type { FindingsReport, ReportText } from './findings-report.ts';
import type { ResultsFigures } from './results.ts';

export interface Quote {
  id: string;
  answerId: string;
  field: QuotedField;
  themeKey: string;
  agencyName: string;
  questionText: string;
  quote: string;
}

export const QUOTED_FIELD_LABELS: Record<QuotedField, string> = {
  comment: 'Comments',
  impact: 'Impact on children',
  evidence: 'Evidence',
};

/** The stored report of `partnershipId` on the cycle, or null when none has been saved yet. */
export async function findReport(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<FindingsReport | null> {
  const [row] = await queryRows<{
    id: string;
    status: FindingsReport['status'];
    summary: string;
    method: string;
    participation: string;
    theme_findings: Record<string, string>;
    improvements: string;
    recommendations: string;
    compared_cycle_id: string | null;
    figures: ResultsFigures | null;
    updated_at: string | Date;
    finalised_at: string | Date | null;
    updated_by_name: string | null;
    finalised_by_name: string | null;
  }>(
    db,
    sql`select fr.*, ub.name as updated_by_name, fb.name as finalised_by_name
        from findings_reports fr
          left join users ub on ub.id = fr.updated_by
          left join users fb on fb.id = fr.finalised_by
        where fr.partnership_id = ${partnershipId} and fr.cycle_id = ${cycleId}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    summary: row.summary,
    method: row.method,
    participation: row.participation,
    themeFindings: row.theme_findings ?? {},
    improvements: row.improvements,
    recommendations: row.recommendations,
    comparedCycleId: row.compared_cycle_id ?? '',
    figures: row.figures,
    updatedAt: new Date(row.updated_at),
    updatedByName: row.updated_by_name,
    finalisedAt: row.finalised_at ? new Date(row.finalised_at) : null,
    finalisedByName: row.finalised_by_name,
  };
}

/**
 * Saves the draft's text (creating the report on its first save). Refuses, by returning false, when
 * the report is already final: the check and the change are one statement.
 */
export async function saveReportText(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  text: ReportText,
  userId: string,
  now: Date,
): Promise<boolean> {
  const values = {
    summary: text.summary,
    method: text.method,
    participation: text.participation,
    themeFindings: text.themeFindings,
    improvements: text.improvements,
    recommendations: text.recommendations,
    comparedCycleId: text.comparedCycleId || null,
    updatedBy: userId,
    updatedAt: now,
  };
  const saved = await db
    .insert(findingsReports)
    .values({ partnershipId, cycleId, status: 'draft', ...values, createdAt: now })
    .onConflictDoUpdate({
      target: [findingsReports.cycleId, findingsReports.partnershipId],
      set: values,
      setWhere: sql`${findingsReports.status} = 'draft'`,
    })
    .returning({ id: findingsReports.id });
  return saved.length > 0;
}

/**
 * The stored report's status and text, its row locked for the rest of the transaction (the edit
 * form's save reads, merges and writes under this lock); null when none has been saved yet.
 */
export async function lockReport(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<{ id: string; status: FindingsReport['status']; text: ReportText } | null> {
  const [row] = await db
    .select()
    .from(findingsReports)
    .where(and(eq(findingsReports.partnershipId, partnershipId), eq(findingsReports.cycleId, cycleId)))
    .for('update');
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    text: {
      summary: row.summary,
      method: row.method,
      participation: row.participation,
      themeFindings: row.themeFindings ?? {},
      improvements: row.improvements,
      recommendations: row.recommendations,
      comparedCycleId: row.comparedCycleId ?? '',
    },
  };
}

/** Creates the report with its first saved text; null when someone created it meanwhile. */
export async function insertReport(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  text: ReportText,
  userId: string,
  now: Date,
): Promise<string | null> {
  const [row] = await db
    .insert(findingsReports)
    .values({
      partnershipId,
      cycleId,
      status: 'draft',
      ...textColumns(text),
      updatedBy: userId,
      updatedAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: findingsReports.id });
  return row?.id ?? null;
}

/** Writes a draft's text (the caller holds its lock and has checked it is a draft). */
export async function updateReportText(
  db: DbOrTx,
  partnershipId: string,
  reportId: string,
  text: ReportText,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .update(findingsReports)
    .set({ ...textColumns(text), updatedBy: userId, updatedAt: now })
    .where(and(eq(findingsReports.partnershipId, partnershipId), eq(findingsReports.id, reportId)));
}

const textColumns = (text: ReportText) => ({
  summary: text.summary,
  method: text.method,
  participation: text.participation,
  themeFindings: text.themeFindings,
  improvements: text.improvements,
  recommendations: text.recommendations,
  comparedCycleId: text.comparedCycleId || null,
});

/** The report's id, creating it from `draft` if it has not been saved yet. */
export async function ensureReport(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  draft: ReportText,
  userId: string,
  now: Date,
): Promise<{ id: string; status: FindingsReport['status'] }> {
  await db
    .insert(findingsReports)
    .values({
      partnershipId,
      cycleId,
      status: 'draft',
      summary: draft.summary,
      method: draft.method,
      participation: draft.participation,
      themeFindings: draft.themeFindings,
      improvements: draft.improvements,
      recommendations: draft.recommendations,
      updatedBy: userId,
      updatedAt: now,
      createdAt: now,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select({ id: findingsReports.id, status: findingsReports.status })
    .from(findingsReports)
    .where(and(eq(findingsReports.partnershipId, partnershipId), eq(findingsReports.cycleId, cycleId)));
  return row!;
}

/** Makes a draft final, keeping the figures as they stand. False when it was not a draft. */
export async function finaliseReport(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  figures: ResultsFigures,
  userId: string,
  now: Date,
): Promise<boolean> {
  const done = await db
    .update(findingsReports)
    .set({ status: 'final', figures, finalisedAt: now, finalisedBy: userId, updatedAt: now })
    .where(
      and(
        eq(findingsReports.partnershipId, partnershipId),
        eq(findingsReports.cycleId, cycleId),
        eq(findingsReports.status, 'draft'),
      ),
    )
    .returning({ id: findingsReports.id });
  return done.length > 0;
}

export async function listQuotes(
  db: DbOrTx,
  partnershipId: string,
  reportId: string | null,
): Promise<Quote[]> {
  if (!reportId) return [];
  return db
    .select({
      id: findingsReportQuotes.id,
      answerId: findingsReportQuotes.answerId,
      field: findingsReportQuotes.field,
      themeKey: findingsReportQuotes.themeKey,
      agencyName: findingsReportQuotes.agencyName,
      questionText: findingsReportQuotes.questionText,
      quote: findingsReportQuotes.quote,
    })
    .from(findingsReportQuotes)
    .where(
      and(eq(findingsReportQuotes.partnershipId, partnershipId), eq(findingsReportQuotes.reportId, reportId)),
    )
    .orderBy(asc(findingsReportQuotes.agencyName), asc(findingsReportQuotes.createdAt));
}

export interface CandidateAnswer {
  answerId: string;
  returnId: string;
  agencyName: string;
  questionNumber: number;
  questionText: string;
  response: Response | null;
  /** The answer as people read it (any scale); empty when not answered. */
  answerLabel: string;
  texts: Array<{ field: QuotedField; text: string }>;
}

/**
 * Answers to a theme's questions in the cycle's submitted returns that have words worth quoting
 * (comments, impact or evidence), among the returns in `returnIds` (those the viewer sees).
 */
export async function candidateAnswers(
  db: DbOrTx,
  cycle: { id: string; partnershipId: string; templateVersionId: string },
  themeKey: string,
  returnIds: ReadonlySet<string>,
): Promise<CandidateAnswer[]> {
  const rows = await queryRows<{
    answer_id: string;
    return_id: string;
    agency_name: string;
    position: number;
    question_id: string;
    text: string;
    response: Response | null;
    choices: string[] | null;
    value: string;
    scale: ResponseScale;
    options: ScaleOptionJson[];
    comment: string;
    impact: string;
    evidence_document: string;
    evidence_location: string;
  }>(
    db,
    sql`select a.id as answer_id, r.id as return_id, ag.name as agency_name, q.id as question_id, q.position, q.text,
          a.response, a.choices, a.value, q.scale, q.options, a.comment, a.impact, a.evidence_document, a.evidence_location
        from answers a
          join returns r on r.id = a.return_id and r.partnership_id = a.partnership_id
          join agencies ag on ag.id = r.agency_id
          join template_questions q on q.id = a.question_id and q.partnership_id = r.partnership_id
          join template_themes t on t.id = q.theme_id
        where r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}
          and r.status in ('submitted', 'resubmitted', 'accepted')
          and t.template_version_id = ${cycle.templateVersionId} and t.key = ${themeKey}
          and (a.carried_forward_at is null or a.confirmed_at is not null)
          and (a.comment <> '' or a.impact <> '' or a.evidence_document <> '')
        order by q.position, ag.name`,
  );
  const positions = [...new Set(rows.map((r) => r.position))].sort((x, y) => x - y);
  return rows
    .filter((r) => returnIds.has(r.return_id))
    .map((r) => ({
      answerId: r.answer_id,
      returnId: r.return_id,
      agencyName: r.agency_name,
      questionNumber: positions.indexOf(r.position) + 1,
      questionText: r.text,
      response: r.response,
      answerLabel: answerText(r, {
        ...emptyAnswer(),
        response: r.response,
        choices: r.choices ?? [],
        value: r.value,
      }),
      texts: (
        [
          ['comment', r.comment],
          ['impact', r.impact],
          [
            'evidence',
            r.evidence_document
              ? `${r.evidence_document}${r.evidence_location ? ` (kept: ${r.evidence_location})` : ''}`
              : '',
          ],
        ] as Array<[QuotedField, string]>
      )
        .filter(([, text]) => text.trim() !== '')
        .map(([field, text]) => ({ field, text })),
    }));
}

/** Replaces the report's quotes from one theme with those chosen. */
export async function replaceThemeQuotes(
  db: DbOrTx,
  partnershipId: string,
  reportId: string,
  themeKey: string,
  chosen: Array<Omit<Quote, 'id'>>,
  userId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(findingsReportQuotes)
      .where(
        and(
          eq(findingsReportQuotes.partnershipId, partnershipId),
          eq(findingsReportQuotes.reportId, reportId),
          eq(findingsReportQuotes.themeKey, themeKey),
        ),
      );
    if (chosen.length)
      await tx
        .insert(findingsReportQuotes)
        .values(chosen.map((q) => ({ ...q, partnershipId, reportId, chosenBy: userId, createdAt: now })));
  });
}
