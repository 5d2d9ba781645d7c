/**
 * The staff survey's data. Every query is scoped by the partnership running the cycle, except the
 * look-up of a link by its token (the public form's only key). Responses hold no identifying data.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { readRows, statement } from '../../db/prepared.ts';
import {
  cycles,
  type Rag,
  returns,
  type SurveyAnswer,
  surveyAnswers,
  surveyLinks,
  surveyResponses,
  surveyStatements,
  surveys,
} from '../../db/schema.ts';
import { randomToken } from '../../lib/tokens.ts';
import { AGENCY_BATCH, type SurveyResponseData } from './survey-results.ts';
import type { SurveySettingsValues } from './survey-statements.ts';

export interface SurveySettings {
  enabled: boolean;
  closesOn: string | null;
}

/** What a return's task list shows of the survey: its settings, the return's responses and link. */
export interface ReturnSurvey extends SurveySettings {
  responses: number;
  /** Of them, those published (in the batches the agency sees while the survey runs). */
  publishedResponses: number;
  /** The return's link token; null when it has none yet (joined the audit late). */
  token: string | null;
}

const RETURN_SURVEY = statement(
  'return_survey',
  `select s.enabled, s.closes_on::text as closes_on, c.responses, c.published,
     (select l.token from survey_links l where l.partnership_id = $1 and l.return_id = $3) as token
   from surveys s
     cross join lateral (
       select count(*)::int as responses, (count(*) filter (where sr.published))::int as published
       from survey_responses sr where sr.partnership_id = $1 and sr.cycle_id = $2 and sr.return_id = $3) c
   where s.partnership_id = $1 and s.cycle_id = $2`,
);

/** The survey of a return's cycle, with the return's responses counted and its link: one trip. */
export async function loadReturnSurvey(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  returnId: string,
): Promise<ReturnSurvey | null> {
  const [row] = await readRows<{
    enabled: boolean;
    closes_on: string | null;
    responses: number;
    published: number;
    token: string | null;
  }>(db, RETURN_SURVEY, [partnershipId, cycleId, returnId]);
  return row
    ? {
        enabled: row.enabled,
        closesOn: row.closes_on,
        responses: row.responses,
        publishedResponses: row.published,
        token: row.token,
      }
    : null;
}

export interface SurveyStatement {
  id: string;
  themeId: string;
  position: number;
  text: string;
}

export async function loadSurvey(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<SurveySettings | null> {
  const [row] = await db
    .select({ enabled: surveys.enabled, closesOn: surveys.closesOn })
    .from(surveys)
    .where(and(eq(surveys.partnershipId, partnershipId), eq(surveys.cycleId, cycleId)));
  return row ?? null;
}

export async function loadStatements(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<SurveyStatement[]> {
  return db
    .select({
      id: surveyStatements.id,
      themeId: surveyStatements.themeId,
      position: surveyStatements.position,
      text: surveyStatements.text,
    })
    .from(surveyStatements)
    .where(and(eq(surveyStatements.partnershipId, partnershipId), eq(surveyStatements.cycleId, cycleId)))
    .orderBy(asc(surveyStatements.position));
}

/** Responses to the cycle's survey, in all. */
export async function countAllResponses(db: DbOrTx, partnershipId: string, cycleId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.partnershipId, partnershipId), eq(surveyResponses.cycleId, cycleId)));
  return Number(row?.n ?? 0);
}

/**
 * Saves the settings. Statements are replaced only when `replaceStatements` (no one has answered
 * yet), so every answer stays with the statement it was given to.
 */
export async function saveSurveySettings(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  values: SurveySettingsValues,
  replaceStatements: boolean,
  userId: string,
  now: Date,
): Promise<void> {
  await db.transaction((tx) =>
    writeSurveySettings(tx, partnershipId, cycleId, values, replaceStatements, userId, now),
  );
  if (values.enabled) await ensureLinks(db, partnershipId, cycleId);
}

/** Holds the cycle until the transaction ends: one save of its survey settings at a time. */
export async function lockSurveyCycle(tx: DbOrTx, partnershipId: string, cycleId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.id, cycleId), eq(cycles.partnershipId, partnershipId)))
    .for('update');
  return Boolean(row);
}

/** `saveSurveySettings` within a transaction the caller holds (links are the caller's to make). */
export async function writeSurveySettings(
  tx: DbOrTx,
  partnershipId: string,
  cycleId: string,
  values: SurveySettingsValues,
  replaceStatements: boolean,
  userId: string,
  now: Date,
): Promise<void> {
  await tx
    .insert(surveys)
    .values({
      cycleId,
      partnershipId,
      enabled: values.enabled,
      closesOn: values.closesOn,
      updatedBy: userId,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: surveys.cycleId,
      set: { enabled: values.enabled, closesOn: values.closesOn, updatedBy: userId, updatedAt: now },
      setWhere: eq(surveys.partnershipId, partnershipId),
    });
  if (!replaceStatements) return;
  // Checked again inside the transaction: a response that arrived meanwhile keeps its statements.
  if ((await countAllResponses(tx, partnershipId, cycleId)) > 0) return;
  await tx
    .delete(surveyStatements)
    .where(and(eq(surveyStatements.partnershipId, partnershipId), eq(surveyStatements.cycleId, cycleId)));
  const rows = Object.entries(values.statements).flatMap(([themeId, lines]) =>
    lines.map((text, i) => ({ partnershipId, cycleId, themeId, position: i + 1, text })),
  );
  if (rows.length) await tx.insert(surveyStatements).values(rows);
}

/** Gives every return of the cycle its survey link, once (returns invited later get theirs too). */
export async function ensureLinks(db: DbOrTx, partnershipId: string, cycleId: string): Promise<void> {
  const missing = await db
    .select({ id: returns.id })
    .from(returns)
    .leftJoin(surveyLinks, eq(surveyLinks.returnId, returns.id))
    .where(
      and(eq(returns.partnershipId, partnershipId), eq(returns.cycleId, cycleId), isNull(surveyLinks.id)),
    );
  if (missing.length === 0) return;
  await db
    .insert(surveyLinks)
    .values(missing.map((r) => ({ partnershipId, cycleId, returnId: r.id, token: randomToken() })))
    .onConflictDoNothing();
}

/** One return's survey link token, made now if the return has none yet (joined the audit late). */
export async function ensureLink(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  returnId: string,
): Promise<string> {
  const find = async () =>
    (
      await db
        .select({ token: surveyLinks.token })
        .from(surveyLinks)
        .where(and(eq(surveyLinks.partnershipId, partnershipId), eq(surveyLinks.returnId, returnId)))
    )[0]?.token;
  const found = await find();
  if (found) return found;
  await db
    .insert(surveyLinks)
    .values({ partnershipId, cycleId, returnId, token: randomToken() })
    .onConflictDoNothing();
  return (await find())!;
}

/** Each return's survey link token. */
export async function loadLinks(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ returnId: surveyLinks.returnId, token: surveyLinks.token })
    .from(surveyLinks)
    .where(and(eq(surveyLinks.partnershipId, partnershipId), eq(surveyLinks.cycleId, cycleId)));
  return new Map(rows.map((r) => [r.returnId, r.token]));
}

/** Gives a return a new link; the old one stops working at once. */
export async function replaceLink(db: DbOrTx, partnershipId: string, returnId: string): Promise<boolean> {
  const updated = await db
    .update(surveyLinks)
    .set({ token: randomToken() })
    .where(and(eq(surveyLinks.partnershipId, partnershipId), eq(surveyLinks.returnId, returnId)))
    .returning({ id: surveyLinks.id });
  return updated.length > 0;
}

/** What the public form needs about a link: its agency, cycle, survey and partnership. */
export interface SurveyLink {
  partnershipId: string;
  partnershipName: string;
  headerColour: string | null;
  logoSha256: string | null;
  cycleId: string;
  cycleName: string;
  templateVersionId: string;
  opensAt: Date;
  cycleClosesAt: Date;
  returnId: string;
  agencyName: string;
  agencyLocalityIds: string[];
  /** Themes limited to some sectors apply only to agencies in them. */
  agencySector: string;
  enabled: boolean;
  closesOn: string | null;
}

/** The link with this token, in any partnership (the token is the public form's only key). */
export async function findLinkByToken(db: DbOrTx, token: string): Promise<SurveyLink | null> {
  const [row] = await queryRows<{
    partnership_id: string;
    partnership_name: string;
    header_colour: string | null;
    logo_sha256: string | null;
    cycle_id: string;
    cycle_name: string;
    template_version_id: string;
    opens_at: string | Date;
    closes_at: string | Date;
    return_id: string;
    agency_name: string;
    agency_locality_ids: string[] | null;
    agency_sector: string;
    enabled: boolean;
    closes_on: string | null;
  }>(
    db,
    sql`select p.id as partnership_id, p.name as partnership_name, p.header_colour, pl.sha256 as logo_sha256,
          c.id as cycle_id, c.name as cycle_name, c.template_version_id, c.opens_at, c.closes_at,
          r.id as return_id, a.name as agency_name, a.sector as agency_sector,
          (select array_agg(al.locality_id) from agency_localities al
             where al.agency_id = a.id and al.partnership_id = r.partnership_id) as agency_locality_ids,
          s.enabled, s.closes_on::text as closes_on
        from survey_links sl
          join surveys s on s.cycle_id = sl.cycle_id and s.partnership_id = sl.partnership_id
          join cycles c on c.id = sl.cycle_id and c.partnership_id = sl.partnership_id
          join returns r on r.id = sl.return_id and r.partnership_id = sl.partnership_id
          join agencies a on a.id = r.agency_id
          join partnerships p on p.id = sl.partnership_id
          left join partnership_logos pl on pl.partnership_id = p.id
        where sl.token = ${token}`,
  );
  if (!row) return null;
  return {
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    headerColour: row.header_colour,
    logoSha256: row.logo_sha256,
    cycleId: row.cycle_id,
    cycleName: row.cycle_name,
    templateVersionId: row.template_version_id,
    opensAt: new Date(row.opens_at),
    cycleClosesAt: new Date(row.closes_at),
    returnId: row.return_id,
    agencyName: row.agency_name,
    agencyLocalityIds: row.agency_locality_ids ?? [],
    agencySector: row.agency_sector,
    enabled: row.enabled,
    closesOn: row.closes_on,
  };
}

/**
 * Stores one response: the day it came (never the time), the free text, and the answers. Refused
 * (false) when the link has had `perDay` responses today already. Once `batch` responses wait
 * unpublished, they are all published to the agency together.
 */
export async function insertResponse(
  db: DbOrTx,
  link: Pick<SurveyLink, 'partnershipId' | 'cycleId' | 'returnId'>,
  values: { answers: Map<string, SurveyAnswer>; comment: string },
  today: string,
  perDay: number,
  batch = AGENCY_BATCH,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // One response at a time per link, so the daily cap holds under simultaneous posts.
    await tx.execute(sql`select id from survey_links where return_id = ${link.returnId} for update`);
    const [sent] = await tx
      .select({ n: count() })
      .from(surveyResponses)
      .where(
        and(
          eq(surveyResponses.partnershipId, link.partnershipId),
          eq(surveyResponses.returnId, link.returnId),
          eq(surveyResponses.submittedOn, today),
        ),
      );
    if (Number(sent?.n ?? 0) >= perDay) return false;
    const [response] = await tx
      .insert(surveyResponses)
      .values({
        partnershipId: link.partnershipId,
        cycleId: link.cycleId,
        returnId: link.returnId,
        submittedOn: today,
        comment: values.comment,
      })
      .returning({ id: surveyResponses.id });
    if (values.answers.size > 0)
      await tx.insert(surveyAnswers).values(
        [...values.answers].map(([statementId, answer]) => ({
          responseId: response!.id,
          partnershipId: link.partnershipId,
          statementId,
          answer,
        })),
      );
    // The link's row is locked above, so two responses never both see four waiting.
    const waiting = and(
      eq(surveyResponses.partnershipId, link.partnershipId),
      eq(surveyResponses.returnId, link.returnId),
      eq(surveyResponses.published, false),
    );
    const [unpublished] = await tx.select({ n: count() }).from(surveyResponses).where(waiting);
    if (Number(unpublished?.n ?? 0) >= batch)
      await tx.update(surveyResponses).set({ published: true }).where(waiting);
    return true;
  });
}

/**
 * The cycle's responses, per return (only the returns given, when given); with `publishedOnly`,
 * those published to the agency so far (see insertResponse).
 */
export async function loadResponses(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  returnIds?: string[],
  publishedOnly = false,
): Promise<Map<string, SurveyResponseData[]>> {
  const byReturn = new Map<string, SurveyResponseData[]>();
  if (returnIds && returnIds.length === 0) return byReturn;
  const scope = and(
    eq(surveyResponses.partnershipId, partnershipId),
    eq(surveyResponses.cycleId, cycleId),
    returnIds ? inArray(surveyResponses.returnId, returnIds) : undefined,
    publishedOnly ? eq(surveyResponses.published, true) : undefined,
  );
  const [responses, answers] = await Promise.all([
    db
      .select({
        id: surveyResponses.id,
        returnId: surveyResponses.returnId,
        comment: surveyResponses.comment,
      })
      .from(surveyResponses)
      .where(scope),
    db
      .select({
        responseId: surveyAnswers.responseId,
        statementId: surveyAnswers.statementId,
        answer: surveyAnswers.answer,
      })
      .from(surveyAnswers)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
      .where(and(scope, eq(surveyAnswers.partnershipId, partnershipId))),
  ]);
  const answersOf = new Map<string, Map<string, SurveyAnswer>>();
  for (const a of answers) {
    const m = answersOf.get(a.responseId) ?? new Map<string, SurveyAnswer>();
    answersOf.set(a.responseId, m);
    m.set(a.statementId, a.answer);
  }
  for (const r of responses) {
    const list = byReturn.get(r.returnId) ?? [];
    list.push({ answers: answersOf.get(r.id) ?? new Map(), comment: r.comment });
    byReturn.set(r.returnId, list);
  }
  return byReturn;
}

export interface ThemeGrades {
  self: Rag | null;
  moderated: Rag | null;
}

/** Each return's own theme ratings and the partnership's moderated grades, per return and theme. */
export async function loadGrades(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<Map<string, Map<string, ThemeGrades>>> {
  const rows = await queryRows<{
    return_id: string;
    theme_id: string;
    self: Rag | null;
    moderated: Rag | null;
  }>(
    db,
    sql`select coalesce(tr.return_id, tm.return_id) as return_id, coalesce(tr.theme_id, tm.theme_id) as theme_id,
          tr.rating as self, tm.rating as moderated
        from (select tr.* from theme_ratings tr join returns r on r.id = tr.return_id
              where r.cycle_id = ${cycleId} and r.partnership_id = ${partnershipId}
                and tr.partnership_id = ${partnershipId}) tr
          full join (select tm.* from theme_moderations tm join returns r on r.id = tm.return_id
              where r.cycle_id = ${cycleId} and r.partnership_id = ${partnershipId}
                and tm.partnership_id = ${partnershipId}) tm
            on tm.return_id = tr.return_id and tm.theme_id = tr.theme_id`,
  );
  const grades = new Map<string, Map<string, ThemeGrades>>();
  for (const row of rows) {
    const m = grades.get(row.return_id) ?? new Map<string, ThemeGrades>();
    grades.set(row.return_id, m);
    m.set(row.theme_id, { self: row.self, moderated: row.moderated });
  }
  return grades;
}

/**
 * The cycle's returns the viewer's partnership sees (every one for the partnership running it; a
 * joint partner only its member agencies'), with the localities and sector the agency's themes depend on.
 */
export async function listSurveyAgencies(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  viewerPartnershipId: string,
): Promise<Array<{ returnId: string; agencyName: string; localityIds: string[]; sector: string }>> {
  const rows = await queryRows<{
    return_id: string;
    agency_name: string;
    locality_ids: string[] | null;
    sector: string;
  }>(
    db,
    sql`select r.id as return_id, a.name as agency_name, a.sector,
          (select array_agg(al.locality_id) from agency_localities al
             where al.agency_id = a.id and al.partnership_id = r.partnership_id) as locality_ids
        from returns r join agencies a on a.id = r.agency_id
        where r.cycle_id = ${cycleId} and r.partnership_id = ${partnershipId}
          ${
            viewerPartnershipId === partnershipId
              ? sql``
              : sql`and exists (select 1 from agency_memberships m
                       where m.agency_id = r.agency_id and m.partnership_id = ${viewerPartnershipId})`
          }
        order by lower(a.name)`,
  );
  return rows.map((r) => ({
    returnId: r.return_id,
    agencyName: r.agency_name,
    localityIds: r.locality_ids ?? [],
    sector: r.sector,
  }));
}
