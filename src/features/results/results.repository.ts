/**
 * Reading a cycle's returns for its results: the rows of the monitoring page (so a joint partner sees
 * only its own member agencies), with each return's grades, moderated grades, answers and actions.
 * Every query is scoped by the partnership running the cycle and the cycle.
 */
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { type ActionStatus, type Rag, RESPONSES, type Response } from '../../db/schema.ts';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import { loadMonitoringRows } from '../cycles/monitoring.repository.ts';
import { countedAnswer, shownQuestions } from '../returns/answer-scales.ts';
import { SUBMITTED_STATUSES } from '../returns/return-access.ts';
import { applicableThemes, ratingAtSubmission } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { type AnswerValues, emptyAnswer, emptyRating } from '../returns/return-structure.ts';
import type { CycleGrades, ResultsAgency, ResultsTheme } from './results.ts';

type Scoped = Pick<
  CycleInfo,
  'id' | 'partnershipId' | 'viewerPartnershipId' | 'closesAt' | 'templateVersionId'
>;

/** The cycle's themes and every invited agency visible to the viewer, with their grades. */
export async function loadCycleGrades(db: DbOrTx, cycle: Scoped, now: Date): Promise<CycleGrades> {
  const rows = await loadMonitoringRows(db, cycle, now);
  const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  const inCycle = sql`r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}`;
  const [ratings, moderations, answerRows, actionRows, localityRows] = await Promise.all([
    queryRows<{ return_id: string; theme_id: string; rating: Rag | null }>(
      db,
      sql`select tr.return_id, tr.theme_id, tr.rating from theme_ratings tr
          join returns r on r.id = tr.return_id and r.partnership_id = tr.partnership_id where ${inCycle}`,
    ),
    // Scoped through the return: a moderation belongs to a return of this partnership's cycle.
    queryRows<{ return_id: string; theme_id: string; rating: Rag }>(
      db,
      sql`select tm.return_id, tm.theme_id, tm.rating from theme_moderations tm
          join returns r on r.id = tm.return_id where ${inCycle}`,
    ),
    queryRows<{
      return_id: string;
      question_id: string;
      response: string | null;
      choices: string[] | null;
      value: string;
      awaiting: boolean;
    }>(
      db,
      sql`select a.return_id, a.question_id, a.response, a.choices, a.value,
            (a.carried_forward_at is not null and a.confirmed_at is null) as awaiting
          from answers a join returns r on r.id = a.return_id and r.partnership_id = a.partnership_id
          where ${inCycle}`,
    ),
    queryRows<{
      return_id: string;
      theme_id: string;
      description: string;
      target_date: string | null;
      lead_person: string;
      status: ActionStatus;
    }>(
      db,
      sql`select ac.return_id, ac.theme_id, ac.description, to_char(ac.target_date, 'YYYY-MM-DD') as target_date,
            ac.lead_person, ac.status
          from actions ac join returns r on r.id = ac.return_id and r.partnership_id = ac.partnership_id
          where ${inCycle}`,
    ),
    // Which themes apply follows the localities the agency serves in the partnership running the cycle.
    queryRows<{ return_id: string; locality_ids: string[] | null }>(
      db,
      sql`select r.id as return_id,
            (select array_agg(al.locality_id) from agency_localities al
               where al.agency_id = r.agency_id and al.partnership_id = r.partnership_id) as locality_ids
          from returns r where ${inCycle}`,
    ),
  ]);
  const group = <T extends { return_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.return_id, [...(map.get(item.return_id) ?? []), item]);
    return map;
  };
  const ratingsBy = group(ratings);
  const moderationsBy = group(moderations);
  const answersBy = group(answerRows);
  const actionsBy = group(actionRows);
  const themeLocalities = new Map(localityRows.map((l) => [l.return_id, l.locality_ids ?? []]));

  const agencies: ResultsAgency[] = rows.map((row) => {
    const themes = applicableThemes(structure.themes, themeLocalities.get(row.returnId) ?? [], row.sector);
    const answers = new Map<string, AnswerValues>(
      (answersBy.get(row.returnId) ?? []).map((a) => [
        a.question_id,
        {
          ...emptyAnswer(),
          response: a.response,
          choices: a.choices ?? [],
          value: a.value,
          awaitingConfirmation: a.awaiting,
        },
      ]),
    );
    const own = new Map((ratingsBy.get(row.returnId) ?? []).map((r) => [r.theme_id, r.rating]));
    const submitted = SUBMITTED_STATUSES.has(row.returnStatus);
    const self: Record<string, Rag> = {};
    for (const theme of themes) {
      if (submitted)
        self[theme.id] = ratingAtSubmission(theme, answers, {
          ...emptyRating(),
          rating: own.get(theme.id) ?? null,
        }).rating;
    }
    // Graded and Yes / No answers of the questions asked (a hidden conditional question is not).
    const responses: Record<string, Response> = {};
    for (const theme of themes)
      for (const q of shownQuestions(theme.questions, answers)) {
        const counted = countedAnswer(q, answers.get(q.id))?.response;
        if (counted && (RESPONSES as readonly string[]).includes(counted))
          responses[q.id] = counted as Response;
      }
    return {
      returnId: row.returnId,
      agencyId: row.agencyId,
      agencyName: row.agencyName,
      sector: row.sector,
      statutory: row.statutory,
      localityIds: row.localityIds,
      submitted,
      submittedAt: row.submittedAt,
      deadline: row.deadline,
      themeIds: themes.map((t) => t.id),
      self,
      moderated: Object.fromEntries(
        (moderationsBy.get(row.returnId) ?? []).map((m) => [m.theme_id, m.rating]),
      ),
      responses,
      actions: (actionsBy.get(row.returnId) ?? []).map((a) => ({
        themeId: a.theme_id,
        description: a.description,
        targetDate: a.target_date,
        leadPerson: a.lead_person,
        status: a.status,
      })),
    };
  });
  const themes: ResultsTheme[] = structure.themes.map((t) => ({
    id: t.id,
    key: t.key,
    number: t.number,
    title: t.title,
    questions: t.questions.map((q) => ({ id: q.id, key: q.key, number: q.number, text: q.text })),
  }));
  return { themes, agencies };
}

export interface EarlierCycle {
  id: string;
  name: string;
  opensAt: Date;
}

/**
 * Earlier cycles the viewer's partnership ran or took part in (opened before this one), most recent
 * first: the ones this cycle's results can be compared with.
 */
export async function earlierCycles(
  db: DbOrTx,
  cycle: Pick<CycleInfo, 'id' | 'viewerPartnershipId' | 'opensAt'>,
): Promise<EarlierCycle[]> {
  const rows = await queryRows<{ id: string; name: string; opens_at: string | Date }>(
    db,
    sql`select c.id, c.name, c.opens_at from cycles c
        where c.id <> ${cycle.id} and c.opens_at < ${cycle.opensAt.toISOString()}
          and (c.partnership_id = ${cycle.viewerPartnershipId}
            or exists (select 1 from cycle_partnerships cp
                       where cp.cycle_id = c.id and cp.partnership_id = ${cycle.viewerPartnershipId}))
        order by c.opens_at desc, c.name`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, opensAt: new Date(r.opens_at) }));
}

/**
 * The earlier cycle to compare with (the chosen one if it is among the viewer's earlier cycles, else
 * the most recent) and its grades as the viewer sees them; null when there is none.
 */
export async function loadComparedCycle(
  db: DbOrTx,
  user: CurrentUser,
  options: EarlierCycle[],
  chosenId: string | null | undefined,
  now: Date,
): Promise<{ cycle: { id: string; name: string }; grades: CycleGrades } | null> {
  const pick = options.find((c) => c.id === chosenId) ?? options[0];
  if (!pick) return null;
  const earlier = await findPartnershipCycle(db, user, pick.id);
  if (!earlier) return null;
  return { cycle: { id: earlier.id, name: earlier.name }, grades: await loadCycleGrades(db, earlier, now) };
}
