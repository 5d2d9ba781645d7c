/**
 * Reads a cycle's returns with their answers, actions, ratings, moderated grades and challenges, as
 * the viewing partnership sees them (a joint partner: its own member agencies only). Every query is
 * scoped by the partnership running the cycle, which owns the returns.
 */
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { ActionStatus, Rag } from '../../db/schema.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { compareNames, sortByName } from '../../lib/words.ts';
import { loadMonitoringRows } from '../cycles/monitoring.repository.ts';
import type { MonitoringRow } from '../cycles/monitoring.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';
import {
  type ActionRecord,
  builtBatches,
  type ChallengeRecord,
  type CycleData,
  type CycleDataBatch,
  type CycleRecords,
  type CycleRecordsBatch,
  type ModerationRecord,
  type RatingRecord,
} from './cycle-data.ts';

type When = string | Date;
const toDate = (v: When): Date => new Date(v);
const toDateOrNull = (v: When | null): Date | null => (v === null ? null : new Date(v));

export type ExportCycle = Pick<
  CycleInfo,
  'id' | 'partnershipId' | 'viewerPartnershipId' | 'closesAt' | 'templateVersionId'
>;

export interface LoadedCycleData {
  structure: ReturnStructure;
  returns: MonitoringRow[];
  data: CycleData;
}

/** The cycle's returns as the viewer sees them, in agency name order. */
export async function loadCycleReturns(db: DbOrTx, cycle: ExportCycle, now: Date): Promise<MonitoringRow[]> {
  const rows = await loadMonitoringRows(db, cycle, now);
  // One collator for the whole sort (`compareNames`): localeCompare with a locale makes one per
  // comparison, which for 10,000 returns took a second and left 150 MB of the process's memory.
  return sortByName(
    rows,
    (r) => r.agencyName,
    (a, b) =>
      compareNames(a.agencyName, b.agencyName) ||
      (a.returnId < b.returnId ? -1 : a.returnId > b.returnId ? 1 : 0),
  );
}

/**
 * What is read of the given returns, `batchSize` returns at a time: only one batch is held in
 * memory, so an export of any size streams. `onProgress` is told after each batch.
 */
export async function* cycleRecordBatches(
  db: DbOrTx,
  cycle: ExportCycle,
  returns: MonitoringRow[],
  options: { batchSize?: number; only?: 'actions'; onProgress?: (done: number) => Promise<void> } = {},
): AsyncGenerator<CycleRecordsBatch> {
  const batchSize = options.batchSize ?? 50;
  for (let start = 0; start < returns.length; start += batchSize) {
    const batchReturns = returns.slice(start, start + batchSize);
    const records = await loadReturnsBatch(
      db,
      cycle,
      batchReturns.map((r) => r.returnId),
      options.only,
    );
    yield { returns: batchReturns, records };
    await options.onProgress?.(Math.min(start + batchSize, returns.length));
  }
}

/** The given returns' flat rows, a batch at a time (`cycleRecordBatches`, each batch built). */
export function cycleDataBatches(
  db: DbOrTx,
  cycle: ExportCycle,
  structure: ReturnStructure,
  returns: MonitoringRow[],
  options: { batchSize?: number; only?: 'actions'; onProgress?: (done: number) => Promise<void> } = {},
): AsyncGenerator<CycleDataBatch> {
  return builtBatches(structure, cycleRecordBatches(db, cycle, returns, options));
}

/**
 * Everything of the given returns of the cycle, in memory: for small sets of returns only (a page of
 * the API, tests). Exports stream with `cycleDataBatches`.
 */
export async function loadCycleData(
  db: DbOrTx,
  cycle: ExportCycle,
  returns: MonitoringRow[],
  batchSize = 50,
): Promise<LoadedCycleData> {
  const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  const data: CycleData = { answers: [], themeGrades: [], actions: [], challengeCounts: {} };
  for await (const batch of cycleDataBatches(db, cycle, structure, returns, { batchSize })) {
    for (const row of batch.data.answers) data.answers.push(row);
    for (const row of batch.data.themeGrades) data.themeGrades.push(row);
    for (const row of batch.data.actions) data.actions.push(row);
    Object.assign(data.challengeCounts, batch.data.challengeCounts);
  }
  return { structure, returns, data };
}

async function loadReturnsBatch(
  db: DbOrTx,
  cycle: ExportCycle,
  returnIds: string[],
  only?: 'actions',
): Promise<CycleRecords> {
  const none = { answersJson: '[]', actions: [], ratings: [], moderations: [], challenges: [] };
  if (returnIds.length === 0) return none;
  const ids = sql.join(
    returnIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const scope = (alias: string) =>
    sql`${sql.raw(alias)}.partnership_id = ${cycle.partnershipId} and ${sql.raw(alias)}.return_id in (${ids})`;
  const skip = only === 'actions';
  // One JSON text for the batch's answers (an aggregate: always one row, '[]' for none), read where
  // the rows are made (`answersFromJson`, in the order of its `AnswerTuple`).
  const [answers] = skip
    ? []
    : await queryRows<{ json: string }>(
        db,
        sql`select coalesce(json_agg(json_build_array(an.return_id, an.question_id, an.response, an.choices,
            an.value, an.na_reason, an.evidence_document, an.evidence_location, an.comment, an.impact,
            an.carried_forward_at is not null and an.confirmed_at is null))::text, '[]') as json
          from answers an where ${scope('an')}`,
      );
  const actions = await queryRows<{
    id: string;
    return_id: string;
    theme_id: string;
    question_id: string | null;
    description: string;
    target_date: string | null;
    lead_person: string;
    success_criteria: string;
    status: ActionStatus;
    updated_at: When;
  }>(
    db,
    sql`select ac.id, ac.return_id, ac.theme_id, ac.question_id, ac.description, ac.target_date::text as target_date,
          ac.lead_person, ac.success_criteria, ac.status, ac.updated_at
        from actions ac where ${scope('ac')} order by ac.created_at, ac.id`,
  );
  const ratings = skip
    ? []
    : await queryRows<{
        return_id: string;
        theme_id: string;
        rating: Rag | null;
        justification: string;
        completed_at: When | null;
      }>(
        db,
        sql`select tr.return_id, tr.theme_id, tr.rating, tr.justification, tr.completed_at
        from theme_ratings tr where ${scope('tr')}`,
      );
  const moderations = skip
    ? []
    : await queryRows<{
        return_id: string;
        theme_id: string;
        rating: Rag;
        reason: string;
        moderator_name: string | null;
        updated_at: When;
      }>(
        db,
        sql`select tm.return_id, tm.theme_id, tm.rating, tm.reason, u.name as moderator_name, tm.updated_at
        from theme_moderations tm left join users u on u.id = tm.moderated_by where ${scope('tm')}`,
      );
  const challenges = skip
    ? []
    : await queryRows<{
        id: string;
        return_id: string;
        theme_id: string | null;
        body: string;
        status: 'open' | 'answered' | 'closed';
        raised_by_name: string | null;
        created_at: When;
        messages: Array<{
          side: 'agency' | 'partnership';
          author_name: string | null;
          body: string;
          created_at: When;
        }> | null;
      }>(
        db,
        sql`select ch.id, ch.return_id, ch.theme_id, ch.body, ch.status, u.name as raised_by_name, ch.created_at,
          (select json_agg(json_build_object('side', m.side, 'author_name', mu.name, 'body', m.body, 'created_at', m.created_at)
                           order by m.created_at, m.id)
             from challenge_messages m left join users mu on mu.id = m.user_id
             where m.challenge_id = ch.id and m.partnership_id = ch.partnership_id) as messages
        from challenges ch left join users u on u.id = ch.raised_by where ${scope('ch')}
        order by ch.created_at, ch.id`,
      );
  return {
    answersJson: answers?.json ?? '[]',
    actions: actions.map(
      (a): ActionRecord => ({
        id: a.id,
        returnId: a.return_id,
        themeId: a.theme_id,
        questionId: a.question_id,
        description: a.description,
        targetDate: a.target_date,
        leadPerson: a.lead_person,
        successCriteria: a.success_criteria,
        status: a.status,
        updatedAt: toDate(a.updated_at),
      }),
    ),
    ratings: ratings.map(
      (r): RatingRecord => ({
        returnId: r.return_id,
        themeId: r.theme_id,
        rating: r.rating,
        justification: r.justification,
        completedAt: toDateOrNull(r.completed_at),
      }),
    ),
    moderations: moderations.map(
      (m): ModerationRecord => ({
        returnId: m.return_id,
        themeId: m.theme_id,
        rating: m.rating,
        reason: m.reason,
        moderatorName: m.moderator_name,
        updatedAt: toDate(m.updated_at),
      }),
    ),
    challenges: challenges.map(
      (c): ChallengeRecord => ({
        id: c.id,
        returnId: c.return_id,
        themeId: c.theme_id,
        body: c.body,
        status: c.status,
        raisedByName: c.raised_by_name,
        createdAt: toDate(c.created_at),
        messages: (c.messages ?? []).map((m) => ({
          side: m.side,
          authorName: m.author_name,
          body: m.body,
          createdAt: toDate(m.created_at),
        })),
      }),
    ),
  };
}
