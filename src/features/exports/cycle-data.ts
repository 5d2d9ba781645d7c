/**
 * A cycle's data as flat rows: one per agency × question (every field of the answer, its action, its
 * theme's own and moderated grades, and the challenge threads), one per agency × theme, one per
 * action; and the summaries of the export's other sheets. Pure functions, shared by the spreadsheet
 * and CSV exports and the read-only API.
 */
import type { ActionStatus, AgencySector, Rag, ResponseScale, ReturnStatus } from '../../db/schema.ts';
import { formatDateTime } from '../../lib/dates.ts';
import type { MonitoringRow, MonitoringStatus } from '../cycles/monitoring.ts';
import { answerText } from '../returns/answer-scales.ts';
import { type AnswerValues, emptyAnswer, type ReturnStructure } from '../returns/return-structure.ts';
import type { ActionRow } from '../returns/returns.repository.ts';

/** A saved answer of one of the cycle's returns. */
export type AnswerRecord = Pick<
  AnswerValues,
  | 'response'
  | 'choices'
  | 'value'
  | 'naReason'
  | 'evidenceDocument'
  | 'evidenceLocation'
  | 'comment'
  | 'impact'
> & {
  returnId: string;
  questionId: string;
  /** Pre-filled from the last audit and not yet confirmed or changed by the agency. */
  awaitingConfirmation: boolean;
};

/**
 * A batch's answers as the database writes them (`cycle-data.repository.ts`): one JSON text of an
 * array an answer, in this order (`choices` is never null: the column is NOT NULL, empty `{}`). An
 * export's thread reads it where it makes the rows, so the app's thread, which reads the database,
 * makes one string a batch rather than an object and a dozen strings an answer, only to copy them
 * to that thread (issue 21: that garbage set the export's peak).
 */
type AnswerTuple = [
  returnId: string,
  questionId: string,
  response: AnswerRecord['response'],
  choices: string[],
  value: string,
  naReason: string,
  evidenceDocument: string,
  evidenceLocation: string,
  comment: string,
  impact: string,
  awaitingConfirmation: boolean,
];

/** The answers of `answersJson` (`AnswerTuple`s) as records. */
export function answersFromJson(answersJson: string): AnswerRecord[] {
  const tuples = JSON.parse(answersJson) as AnswerTuple[];
  const records = new Array<AnswerRecord>(tuples.length);
  for (let i = 0; i < tuples.length; i++) {
    const t = tuples[i]!;
    records[i] = {
      returnId: t[0],
      questionId: t[1],
      response: t[2],
      choices: t[3],
      value: t[4],
      naReason: t[5],
      evidenceDocument: t[6],
      evidenceLocation: t[7],
      comment: t[8],
      impact: t[9],
      awaitingConfirmation: t[10],
    };
  }
  return records;
}

/** An action of one of the cycle's returns. */
export type ActionRecord = Omit<ActionRow, 'carriedForwardFromActionId'> & { returnId: string };

export interface RatingRecord {
  returnId: string;
  themeId: string;
  rating: Rag | null;
  justification: string;
  completedAt: Date | null;
}

export interface ModerationRecord {
  returnId: string;
  themeId: string;
  rating: Rag;
  reason: string;
  moderatorName: string | null;
  updatedAt: Date;
}

export interface ChallengeRecord {
  id: string;
  returnId: string;
  /** Null: about the return as a whole. */
  themeId: string | null;
  body: string;
  status: 'open' | 'answered' | 'closed';
  raisedByName: string | null;
  createdAt: Date;
  messages: Array<{
    side: 'agency' | 'partnership';
    authorName: string | null;
    body: string;
    createdAt: Date;
  }>;
}

export interface CycleDataInput {
  structure: ReturnStructure;
  returns: MonitoringRow[];
  answers: AnswerRecord[];
  actions: ActionRecord[];
  ratings: RatingRecord[];
  moderations: ModerationRecord[];
  challenges: ChallengeRecord[];
}

/** What is known of the agency and its return, repeated on each of its rows. */
export interface ReturnColumns {
  returnId: string;
  agencyId: string;
  agencyName: string;
  sector: AgencySector;
  statutory: boolean;
  localityNames: string[];
  returnStatus: ReturnStatus;
  monitoringStatus: MonitoringStatus;
  reference: string | null;
  submittedAt: Date | null;
  deadline: Date;
}

export interface AnswerRow extends ReturnColumns, Omit<AnswerRecord, 'returnId'> {
  themeId: string;
  themeNumber: number;
  themeKey: string;
  themeTitle: string;
  questionNumber: number;
  questionKey: string;
  questionText: string;
  scale: ResponseScale;
  /** The answer as people read it: the chosen labels, the text, number or date. */
  answerText: string;
  actionDescription: string;
  actionTargetDate: string | null;
  actionStatus: ActionStatus | null;
  actionLead: string;
  themeRating: Rag | null;
  themeJustification: string;
  moderatedGrade: Rag | null;
  moderationReason: string;
  /** The challenges on this theme, then those on the whole return, as text with dates and authors. */
  challengeThread: string;
}

export interface ThemeGradeRow extends ReturnColumns {
  themeId: string;
  themeNumber: number;
  themeKey: string;
  themeTitle: string;
  themeRating: Rag | null;
  themeJustification: string;
  themeCompleted: boolean;
  moderatedGrade: Rag | null;
  moderationReason: string;
  moderatedBy: string | null;
  moderatedAt: Date | null;
}

export interface ActionExportRow
  extends ReturnColumns,
    Pick<
      ActionRecord,
      'themeId' | 'description' | 'targetDate' | 'leadPerson' | 'successCriteria' | 'status' | 'updatedAt'
    > {
  actionId: string;
  themeNumber: number;
  themeTitle: string;
  /** Null: the action comes from the theme's Red or Amber rating. */
  questionKey: string | null;
}

export interface CycleData {
  answers: AnswerRow[];
  themeGrades: ThemeGradeRow[];
  actions: ActionExportRow[];
  /** How many challenges each return has had (by return id). */
  challengeCounts: Record<string, number>;
}

const key = (returnId: string, id: string) => `${returnId}:${id}`;

/** Items grouped by a key, in their order (one pass, so large cycles stay quick). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function returnColumns(r: MonitoringRow): ReturnColumns {
  return {
    returnId: r.returnId,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    sector: r.sector,
    statutory: r.statutory,
    localityNames: r.localityNames,
    returnStatus: r.returnStatus,
    monitoringStatus: r.status,
    reference: r.reference,
    submittedAt: r.submittedAt,
    deadline: r.deadline,
  };
}

const SIDE_LABELS = { agency: 'agency', partnership: 'partnership' } as const;

/** A challenge thread as plain text: who raised it and when, each reply with its date and author. */
export function challengeText(c: ChallengeRecord, themeTitle: string | null): string {
  const lines = [
    `${themeTitle ? `On ${themeTitle}` : 'On the whole return'} (${c.status}) — ${formatDateTime(c.createdAt)}, ${c.raisedByName ?? 'a reviewer'} (partnership): ${c.body}`,
  ];
  for (const m of c.messages)
    lines.push(
      `  ${formatDateTime(m.createdAt)}, ${m.authorName ?? 'someone'} (${SIDE_LABELS[m.side]}): ${m.body}`,
    );
  return lines.join('\n');
}

/**
 * The columns every answer and theme-grade row of one return's theme starts with, as one object
 * literal with its fields always in the same order, so the rows of a large audit share one shape
 * (`Object.assign` then adds each kind's own columns, again in a fixed order).
 */
function returnThemeColumns(r: MonitoringRow, theme: ReturnStructure['themes'][number]) {
  return Object.assign(returnColumns(r), {
    themeId: theme.id,
    themeNumber: theme.number,
    themeKey: theme.key,
    themeTitle: theme.title,
  });
}

/** Builds the flat rows, in the order of the agencies given and the template's themes and questions. */
export function buildCycleData(input: CycleDataInput): CycleData {
  const themes = new Map(input.structure.themes.map((t) => [t.id, t]));
  const questionKeys = new Map(input.structure.themes.flatMap((t) => t.questions.map((q) => [q.id, q.key])));
  const answers = new Map(input.answers.map((a) => [key(a.returnId, a.questionId), a]));
  const ratings = new Map(input.ratings.map((r) => [key(r.returnId, r.themeId), r]));
  const moderations = new Map(input.moderations.map((m) => [key(m.returnId, m.themeId), m]));
  const questionActions = new Map(
    input.actions.filter((a) => a.questionId !== null).map((a) => [key(a.returnId, a.questionId!), a]),
  );
  const challenges = groupBy(
    [...input.challenges].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    (c) => key(c.returnId, c.themeId ?? 'return'),
  );
  const actionsByReturn = groupBy(input.actions, (a) => a.returnId);
  const data: CycleData = { answers: [], themeGrades: [], actions: [], challengeCounts: {} };
  for (const c of input.challenges)
    data.challengeCounts[c.returnId] = (data.challengeCounts[c.returnId] ?? 0) + 1;
  for (const r of input.returns) {
    // Every row is written as one object literal with its fields in the same order (no spreads), so
    // the rows of a large cycle share one shape and are built quickly.
    const localityNames = r.localityNames;
    const wholeReturn = (challenges.get(key(r.returnId, 'return')) ?? []).map((c) => challengeText(c, null));
    for (const theme of input.structure.themes) {
      if (!r.themeIds.includes(theme.id)) continue;
      const rating = ratings.get(key(r.returnId, theme.id));
      const moderation = moderations.get(key(r.returnId, theme.id));
      const thread = [
        ...(challenges.get(key(r.returnId, theme.id)) ?? []).map((c) => challengeText(c, theme.title)),
        ...wholeReturn,
      ].join('\n');
      const themeRating = rating?.rating ?? null;
      const themeJustification = rating?.justification ?? '';
      const moderatedGrade = moderation?.rating ?? null;
      const moderationReason = moderation?.reason ?? '';
      data.themeGrades.push(
        Object.assign(returnThemeColumns(r, theme), {
          themeRating,
          themeJustification,
          themeCompleted: rating?.completedAt != null,
          moderatedGrade,
          moderationReason,
          moderatedBy: moderation?.moderatorName ?? null,
          moderatedAt: moderation?.updatedAt ?? null,
        }),
      );
      for (const q of theme.questions) {
        const answer = answers.get(key(r.returnId, q.id));
        const action = questionActions.get(key(r.returnId, q.id));
        data.answers.push(
          Object.assign(returnThemeColumns(r, theme), {
            questionId: q.id,
            questionNumber: q.number,
            questionKey: q.key,
            questionText: q.text,
            scale: q.scale,
            response: answer?.response ?? null,
            choices: answer?.choices ?? [],
            value: answer?.value ?? '',
            answerText: answer ? answerText(q, Object.assign(emptyAnswer(), answer)) : '',
            naReason: answer?.naReason ?? '',
            evidenceDocument: answer?.evidenceDocument ?? '',
            evidenceLocation: answer?.evidenceLocation ?? '',
            comment: answer?.comment ?? '',
            impact: answer?.impact ?? '',
            awaitingConfirmation: answer?.awaitingConfirmation ?? false,
            actionDescription: action?.description ?? '',
            actionTargetDate: action?.targetDate ?? null,
            actionStatus: action?.status ?? null,
            actionLead: action?.leadPerson ?? '',
            themeRating,
            themeJustification,
            moderatedGrade,
            moderationReason,
            challengeThread: thread,
          }),
        );
      }
    }
    for (const a of actionsByReturn.get(r.returnId) ?? []) {
      const theme = themes.get(a.themeId);
      data.actions.push({
        returnId: r.returnId,
        agencyId: r.agencyId,
        agencyName: r.agencyName,
        sector: r.sector,
        statutory: r.statutory,
        localityNames,
        returnStatus: r.returnStatus,
        monitoringStatus: r.status,
        reference: r.reference,
        submittedAt: r.submittedAt,
        deadline: r.deadline,
        actionId: a.id,
        themeId: a.themeId,
        themeNumber: theme?.number ?? 0,
        themeTitle: theme?.title ?? '',
        questionKey: a.questionId ? (questionKeys.get(a.questionId) ?? null) : null,
        description: a.description,
        targetDate: a.targetDate,
        leadPerson: a.leadPerson,
        successCriteria: a.successCriteria,
        status: a.status,
        updatedAt: a.updatedAt,
      });
    }
  }
  return data;
}

export interface GradeCounts {
  red: number;
  amber: number;
  green: number;
  none: number;
}

const emptyCounts = (): GradeCounts => ({ red: 0, amber: 0, green: 0, none: 0 });
const count = (counts: GradeCounts, grade: Rag | null) => {
  counts[grade ?? 'none']++;
};

export interface AgencySummary extends ReturnColumns {
  questions: number;
  answered: number;
  own: GradeCounts;
  moderated: GradeCounts;
  actions: number;
  challenges: number;
}

export interface ThemeSummary {
  themeNumber: number;
  themeTitle: string;
  agencies: number;
  own: GradeCounts;
  moderated: GradeCounts;
}

export interface ParticipationLine {
  label: string;
  invited: number;
  started: number;
  submitted: number;
}

/** Per agency: answered questions and grade counts (own and moderated), actions and challenges. */
export function agencySummaries(data: CycleData, returns: MonitoringRow[]): AgencySummary[] {
  const answersByReturn = groupBy(data.answers, (a) => a.returnId);
  const gradesByReturn = groupBy(data.themeGrades, (g) => g.returnId);
  const actionsByReturn = groupBy(data.actions, (a) => a.returnId);
  return returns.map((r) => {
    const answers = answersByReturn.get(r.returnId) ?? [];
    const grades = gradesByReturn.get(r.returnId) ?? [];
    const own = emptyCounts();
    const moderated = emptyCounts();
    for (const g of grades) {
      count(own, g.themeRating);
      count(moderated, g.moderatedGrade);
    }
    return Object.assign(returnColumns(r), {
      questions: answers.length,
      answered: answers.filter((a) => a.answerText !== '' && !a.awaitingConfirmation).length,
      own,
      moderated,
      actions: actionsByReturn.get(r.returnId)?.length ?? 0,
      challenges: data.challengeCounts[r.returnId] ?? 0,
    });
  });
}

/** Per theme: how many agencies it applies to, and their own and moderated grades. */
export function themeSummaries(data: CycleData, structure: ReturnStructure): ThemeSummary[] {
  const gradesByTheme = groupBy(data.themeGrades, (g) => g.themeId);
  return structure.themes.map((t) => {
    const grades = gradesByTheme.get(t.id) ?? [];
    const own = emptyCounts();
    const moderated = emptyCounts();
    for (const g of grades) {
      count(own, g.themeRating);
      count(moderated, g.moderatedGrade);
    }
    return { themeNumber: t.number, themeTitle: t.title, agencies: grades.length, own, moderated };
  });
}

const SUBMITTED: ReadonlySet<ReturnStatus> = new Set(['submitted', 'resubmitted', 'accepted']);

/** Participation overall, by basis (statutory or voluntary) and by sector. */
export function participation(
  returns: MonitoringRow[],
  sectorLabel: (s: AgencySector) => string,
): ParticipationLine[] {
  const line = (label: string, rows: MonitoringRow[]): ParticipationLine => ({
    label,
    invited: rows.length,
    started: rows.filter((r) => r.returnStatus !== 'not_started').length,
    submitted: rows.filter((r) => SUBMITTED.has(r.returnStatus)).length,
  });
  const sectors = [...new Set(returns.map((r) => r.sector))].sort((a, b) =>
    sectorLabel(a).localeCompare(sectorLabel(b)),
  );
  return [
    line('All agencies', returns),
    line(
      'Statutory',
      returns.filter((r) => r.statutory),
    ),
    line(
      'Voluntary',
      returns.filter((r) => !r.statutory),
    ),
    ...sectors.map((s) =>
      line(
        sectorLabel(s),
        returns.filter((r) => r.sector === s),
      ),
    ),
  ];
}

/**
 * What is read of a batch of returns, before it is made into rows (`buildBatch`): the answers as
 * the database's JSON text (`answersFromJson`).
 */
export type CycleRecords = Omit<CycleDataInput, 'structure' | 'returns' | 'answers'> & {
  answersJson: string;
};

/** One batch of returns with what was read of them. */
export interface CycleRecordsBatch {
  returns: MonitoringRow[];
  records: CycleRecords;
}

/** One batch of returns with their flat rows. */
export interface CycleDataBatch {
  returns: MonitoringRow[];
  data: CycleData;
}

/** A batch's flat rows, made from what was read of it. */
export function buildBatch(structure: ReturnStructure, batch: CycleRecordsBatch): CycleDataBatch {
  const { answersJson, ...records } = batch.records;
  return {
    returns: batch.returns,
    data: buildCycleData({
      structure,
      returns: batch.returns,
      ...records,
      answers: answersFromJson(answersJson),
    }),
  };
}

/** Each batch's flat rows, made as it comes. */
export async function* builtBatches(
  structure: ReturnStructure,
  batches: AsyncIterable<CycleRecordsBatch>,
): AsyncGenerator<CycleDataBatch> {
  for await (const batch of batches) yield buildBatch(structure, batch);
}
