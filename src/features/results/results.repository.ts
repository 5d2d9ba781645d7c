/**
 * Reading a cycle's returns for its results: the rows of the monitoring page (so a joint partner sees
 * only its own member agencies), with each return's grades, moderated grades, answers and actions.
 * Every query is scoped by the partnership running the cycle and the cycle.
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { Rag } from '../../db/schema.ts';
import { sqlArray } from '../../db/sql-array.ts';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { londonDate } from '../../lib/dates.ts';
import { loadReturnRows } from '../cycles/monitoring.repository.ts';
import { SUBMITTED_STATUSES } from '../returns/return-access.ts';
import {
  decodeSelf,
  type GradeCodes,
  gradeCodesOf,
  keepGradeCodes,
  shapeOf,
} from '../returns/return-grade-codes.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { type AnswerValues, emptyAnswer, type ReturnStructure } from '../returns/return-structure.ts';
import type { CycleGrades, ResultsAction, ResultsAgency, ResultsTheme } from './results.ts';

type Scoped = Pick<
  CycleInfo,
  'id' | 'partnershipId' | 'viewerPartnershipId' | 'closesAt' | 'templateVersionId'
>;

/**
 * Returns whose grades are worked out from their answers at a time: their answers are turned into
 * letters and let go before the next batch.
 */
const WORK_OUT_BATCH = 500;

/** The queue of the job that keeps the grades of submitted returns not kept yet (`keepMissingGrades`). */
export const RETURN_GRADES_QUEUE = 'return-grades';

/** What the return-grades job is asked to do: one cycle's grades first, or (without) every cycle's. */
export interface ReturnGradesJob {
  cycleId?: string;
}

/**
 * Thrown by `loadCycleGrades` when more submitted returns than its `workOutLimit` have no kept grades:
 * working them out would take longer than a page should (about 0.3 s a thousand returns), so the
 * caller has them kept in the background and says how far that has got.
 */
export class GradesNotKept extends Error {
  constructor(
    readonly cycleId: string,
    /** Submitted returns whose grades are not kept. */
    readonly missing: number,
    /** Submitted returns of the cycle (a joint partner's page shows only the share kept). */
    readonly submitted: number,
  ) {
    super(`${missing} of ${submitted} submitted returns have no kept grades`);
  }
}

/** The return `r` is submitted (or accepted: `SUBMITTED_STATUSES`). */
const submittedReturn = inArray(sql`r.status`, [...SUBMITTED_STATUSES]);

/**
 * The grades kept for return `r` as it stands, as `g` with `columns` (nulls when there are none): the
 * one rule of what counts as kept — the same return, its template's `shape` (`shapeOf`), the same
 * submission. Each return's row looked up by its key (`limit 1` keeps the planner from making a join
 * of it): straight after many were kept, and before the table's statistics are refreshed, the
 * planner thinks it nearly empty and joined it by comparing every return with every kept row (1,000
 * returns of the national data: 122,760 comparisons, 4-17 ms, against 2.5 ms looked up; the
 * comparisons grow with the square of the audit's size).
 */
function keptGradesOf(shape: SQL, columns: SQL): SQL {
  return sql`left join lateral (select ${columns} from return_grades g
    where g.return_id = r.id and g.partnership_id = r.partnership_id
      and g.shape = ${shape} and g.submitted_at = r.submitted_at limit 1) g on true`;
}

/**
 * How many of the cycle's submitted returns there are, and how many of them have no grades kept for
 * their submission (those `loadCycleGrades` would work out): what a page waiting for the
 * return-grades job says. Reads the returns and looks up each one's kept grades by its key.
 */
export async function gradesToKeep(
  db: DbOrTx,
  cycle: Scoped,
): Promise<{ submitted: number; missing: number }> {
  const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  const [row] = await queryRows<{ submitted: number; missing: number }>(
    db,
    sql`select count(*)::int as submitted,
          count(*) filter (where g.kept is null and r.submitted_at is not null)::int as missing
        from returns r ${keptGradesOf(sql`${shapeOf(structure)}`, sql`1 as kept`)}
        where r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId} and ${submittedReturn}`,
  );
  return row ?? { submitted: 0, missing: 0 };
}

/**
 * The cycle's themes and every invited agency visible to the viewer, with their grades. A submitted
 * return's grades and counted responses are kept in `return_grades` (returns/return-grade-codes.ts:
 * at submission, or here once worked out), so most reads take a few letters a return, read for the
 * whole cycle at once; those not kept yet (or kept for an earlier submission, or cleared by a change
 * to the answers) are worked out here, a batch of returns at a time, from the few columns they need
 * (whether a free answer is there, not its text), and kept. Returns not submitted have no grades and
 * their answers are not read. Only open actions past their target date are read (the figures show
 * no others), and none with `overdueActions: false` (an earlier audit compared on its grades).
 */
export async function loadCycleGrades(
  db: DbOrTx,
  cycle: Scoped,
  now: Date,
  {
    overdueActions = true,
    workOutLimit = Number.POSITIVE_INFINITY,
  }: {
    overdueActions?: boolean;
    /** Work out the grades of at most this many returns here; more throw `GradesNotKept`. */
    workOutLimit?: number;
  } = {},
): Promise<CycleGrades> {
  // The returns' rows and their grades read at once (the grades need the template's shape, not the rows).
  const structureRead = loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  const [rows, structure, grades] = await Promise.all([
    loadReturnRows(db, cycle, now),
    structureRead,
    structureRead.then((s) => loadKeptGrades(db, cycle, s, shapeOf(s), now, overdueActions, workOutLimit)),
  ]);
  const agencies = rows.map((row): ResultsAgency => {
    const id = row.returnId;
    const submitted = SUBMITTED_STATUSES.has(row.returnStatus);
    const codes = submitted ? grades.codes.get(id) : undefined;
    const self = codes ? decodeSelf(structure, row.themeIds, codes.self) : {};
    return {
      returnId: id,
      agencyId: row.agencyId,
      agencyName: row.agencyName,
      sector: row.sector,
      statutory: row.statutory,
      localityIds: row.localityIds,
      submitted,
      submittedAt: row.submittedAt,
      deadline: row.deadline,
      themeIds: row.themeIds,
      self,
      moderated: grades.moderations.get(id) ?? {},
      responses: codes?.responses ?? '',
      actions: grades.actions.get(id) ?? [],
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

/**
 * The cycle's submitted returns' grade letters (kept, or worked out now and kept), moderations and
 * overdue actions, each read once for the whole cycle (10,000 returns: 60 ms, against 250 ms in
 * batches of 500). Each submitted return's submission time is read before its answers: letters
 * worked out from answers that changed meanwhile are kept under the earlier submission, which no
 * longer matches once the return is submitted again, and are worked out again then.
 */
async function loadKeptGrades(
  db: DbOrTx,
  cycle: Scoped,
  structure: ReturnStructure,
  shape: string,
  now: Date,
  withActions: boolean,
  workOutLimit: number,
) {
  const inCycle = sql`r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}`;
  const [keptRows, moderationRows, actionRows] = await Promise.all([
    queryRows<{
      return_id: string;
      submitted_at: string | null;
      self_codes: string | null;
      response_codes: string | null;
    }>(
      db,
      // The submission time as text: to the microsecond, as the database keeps it (a Date has ms).
      sql`select r.id as return_id, r.submitted_at::text as submitted_at, g.self_codes, g.response_codes
          from returns r ${keptGradesOf(sql`${shape}`, sql`g.self_codes, g.response_codes`)}
          where ${inCycle} and ${submittedReturn}`,
    ),
    // A moderation belongs to a return of this partnership's cycle, and is the partnership's: named
    // so, the planner reads the partnership's moderations by their index, where it read the whole
    // table (the national data's largest audit: 5.8-6.8 ms against 16.7-20.3 ms, 79,060 moderations).
    // Each moderated return's moderations as one JSON object of theme id to grade (one a theme: the
    // index theme_moderations_return_theme): read as a row a moderation, the largest audit with the
    // one before it compared was some 7,500 rows of two ids each for the driver to make strings of
    // (its results page: 96-125 ms of the server's CPU a request against 132-148 as rows).
    queryRows<{ return_id: string; moderated: string }>(
      db,
      sql`select tm.return_id, json_object_agg(tm.theme_id, tm.rating)::text as moderated
          from theme_moderations tm join returns r on r.id = tm.return_id
          where ${inCycle} and tm.partnership_id = ${cycle.partnershipId} group by tm.return_id`,
    ),
    // Each return's overdue actions as one JSON text of the records the figures use (a date in JSON
    // is YYYY-MM-DD): read as a row an action, a closed audit's 9,622 were a quarter of its results
    // page's time in this process (p50 236-239 ms, now 212-218 in process; 35-42 ms in the database).
    withActions
      ? queryRows<{ return_id: string; actions: string | null }>(
          db,
          sql`select r.id as return_id, (select json_agg(a) from (select ac.theme_id as "themeId",
                ac.description, ac.target_date as "targetDate", ac.lead_person as "leadPerson", ac.status
              from actions ac where ac.return_id = r.id and ac.partnership_id = r.partnership_id
                and ac.status in ('not_started', 'in_progress') and ac.target_date < ${londonDate(now)}) a)::text
              as actions
            from returns r where ${inCycle} and ${submittedReturn}`,
        )
      : [],
  ]);
  const codes = new Map<string, GradeCodes>();
  const missing: Array<{ id: string; submittedAt: string }> = [];
  for (const k of keptRows) {
    if (k.self_codes !== null && k.response_codes !== null)
      codes.set(k.return_id, { self: k.self_codes, responses: k.response_codes });
    else if (k.submitted_at) missing.push({ id: k.return_id, submittedAt: k.submitted_at });
  }
  if (missing.length > workOutLimit) throw new GradesNotKept(cycle.id, missing.length, keptRows.length);
  const order = templateOrder(structure);
  for (let i = 0; i < missing.length; i += WORK_OUT_BATCH) {
    const batch = missing.slice(i, i + WORK_OUT_BATCH);
    const inputs = await readGradeInputs(
      db,
      cycle,
      order,
      batch.map((m) => m.id),
    );
    const made = gradesFrom(structure, order, inputs);
    for (const [id, c] of made) codes.set(id, c);
    await keepGradeCodes(
      db,
      cycle.partnershipId,
      shape,
      batch.flatMap((m) => {
        const codes = made.get(m.id);
        return codes ? [{ returnId: m.id, submittedAt: m.submittedAt, codes }] : [];
      }),
    );
  }
  const moderations = new Map<string, Record<string, Rag>>();
  for (const m of moderationRows)
    moderations.set(m.return_id, JSON.parse(m.moderated) as Record<string, Rag>);
  const actions = new Map<string, ResultsAction[]>();
  for (const a of actionRows)
    if (a.actions) actions.set(a.return_id, JSON.parse(a.actions) as ResultsAction[]);
  return { codes, moderations, actions };
}

/** The template's questions and themes in order: an answer or rating is read as its place here (from 1). */
interface TemplateOrder {
  questionIds: string[];
  themeIds: string[];
}

function templateOrder(structure: ReturnStructure): TemplateOrder {
  return {
    questionIds: structure.themes.flatMap((t) => t.questions.map((q) => q.id)),
    themeIds: structure.themes.map((t) => t.id),
  };
}

interface GradeInputs {
  return_id: string;
  answers: string | null;
  ratings: string | null;
}

/**
 * What the grades of submitted returns `ids` are worked out from, a row a return: its answers and
 * own ratings gathered by the database as JSON (each answer its question's place in the template,
 * its response and choices, whether a free answer is there and whether it awaits confirmation; each
 * rating its theme's place). At 10,000 returns a row an answer was 630,000 rows for the driver to
 * make objects of, with their question ids as 630,000 strings: most of the working-out's time.
 */
function readGradeInputs(
  db: DbOrTx,
  cycle: Scoped,
  { questionIds, themeIds }: TemplateOrder,
  ids: string[],
): Promise<GradeInputs[]> {
  return queryRows<GradeInputs>(
    db,
    sql`select r.id as return_id,
          (select json_agg(json_build_array(q.n, a.response, a.choices, a.value <> '',
                  a.carried_forward_at is not null and a.confirmed_at is null))
             from answers a join unnest(${sqlArray(questionIds, 'uuid')}) with ordinality q(id, n)
               on q.id = a.question_id
             where a.return_id = r.id and a.partnership_id = r.partnership_id)::text as answers,
          (select json_agg(json_build_array(t.n, tr.rating))
             from theme_ratings tr join unnest(${sqlArray(themeIds, 'uuid')}) with ordinality t(id, n)
               on t.id = tr.theme_id
             where tr.return_id = r.id and tr.partnership_id = r.partnership_id)::text as ratings
        from returns r
        where r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}
          and r.id = any(${sqlArray(ids, 'uuid')})`,
  );
}

/**
 * The grade letters of the returns `readGradeInputs` read: for every theme of the template (which
 * apply is decided when they are read), its own grade at submission (unanswered questions or no
 * rating make it Red) and the counted Graded or Yes / No answer of each question asked (a hidden
 * conditional question is not). A return at a time, so only its answers are held.
 */
function gradesFrom(
  structure: ReturnStructure,
  { questionIds, themeIds }: TemplateOrder,
  inputs: GradeInputs[],
): Map<string, GradeCodes> {
  const made = new Map<string, GradeCodes>();
  for (const row of inputs) {
    const answers = new Map<string, AnswerValues>();
    for (const [n, response, choices, hasValue, awaiting] of JSON.parse(row.answers ?? '[]') as Array<
      [number, string | null, string[] | null, boolean, boolean]
    >) {
      const answer = emptyAnswer();
      answer.response = response;
      answer.choices = choices ?? [];
      // Whether a free (text, number or date) answer was given is all a grade needs of it.
      answer.value = hasValue ? '1' : '';
      answer.awaitingConfirmation = awaiting;
      answers.set(questionIds[n - 1]!, answer);
    }
    const rated = new Map<string, Rag | null>();
    for (const [n, rating] of JSON.parse(row.ratings ?? '[]') as Array<[number, Rag | null]>)
      rated.set(themeIds[n - 1]!, rating);
    made.set(
      row.return_id,
      gradeCodesOf(structure, answers, (t) => rated.get(t) ?? null),
    );
  }
  return made;
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
  user: Parameters<typeof findPartnershipCycle>[1],
  options: EarlierCycle[],
  chosenId: string | null | undefined,
  now: Date,
  workOutLimit?: number,
): Promise<{ cycle: { id: string; name: string }; grades: CycleGrades } | null> {
  const pick = options.find((c) => c.id === chosenId) ?? options[0];
  if (!pick) return null;
  const earlier = await findPartnershipCycle(db, user, pick.id);
  if (!earlier) return null;
  // Compared on grades alone: its overdue actions are not read (9,600 of them in the national data's).
  const grades = await loadCycleGrades(db, earlier, now, { overdueActions: false, workOutLimit });
  return { cycle: { id: earlier.id, name: earlier.name }, grades };
}

/**
 * Works out and keeps the grades of every submitted return that has none kept for its submission
 * as it stands (`keptGradesOf`: returns submitted before grades were kept at submission, made by an
 * import, or kept in a template shape of an earlier release): a cycle at a time, as the partnership
 * running it sees it, so the first view of a large audit's results need not. Only cycle `cycleId`'s
 * when given (its results were asked for). The number of cycles that had some to keep.
 */
export async function keepMissingGrades(db: DbOrTx, now: Date, cycleId?: string): Promise<number> {
  const onlyThis = cycleId ? sql`c.id = ${cycleId} and` : sql``;
  const submitted = sql`r.cycle_id = c.id and r.partnership_id = c.partnership_id
    and r.submitted_at is not null and ${submittedReturn}`;
  // A shape is worked out from the template in JavaScript (`shapeOf`): each template's first, then
  // every cycle's returns looked up against their own template's shape, in one query.
  const templates = await queryRows<{ partnership_id: string; template_version_id: string }>(
    db,
    sql`select distinct c.partnership_id, c.template_version_id from cycles c
        where ${onlyThis} exists (select 1 from returns r where ${submitted})`,
  );
  if (templates.length === 0) return 0;
  const shapes: SQL[] = [];
  for (const t of templates) {
    const structure = await loadReturnStructure(db, t.partnership_id, t.template_version_id);
    shapes.push(sql`(${t.partnership_id}::uuid, ${t.template_version_id}::uuid, ${shapeOf(structure)})`);
  }
  const cycles = await queryRows<{
    id: string;
    partnership_id: string;
    closes_at: string | Date;
    template_version_id: string;
  }>(
    db,
    sql`select c.id, c.partnership_id, c.closes_at, c.template_version_id from cycles c
        join (values ${sql.join(shapes, sql`, `)}) as s(partnership_id, template_version_id, shape)
          on s.partnership_id = c.partnership_id and s.template_version_id = c.template_version_id
        where ${onlyThis} exists (select 1 from returns r ${keptGradesOf(sql`s.shape`, sql`1 as kept`)}
          where ${submitted} and g.kept is null)
        order by c.opens_at`,
  );
  for (const c of cycles)
    await loadCycleGrades(
      db,
      {
        id: c.id,
        partnershipId: c.partnership_id,
        viewerPartnershipId: c.partnership_id,
        closesAt: new Date(c.closes_at),
        templateVersionId: c.template_version_id,
      },
      now,
      { overdueActions: false },
    );
  return cycles.length;
}
