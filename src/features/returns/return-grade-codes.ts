/**
 * A submitted return's grades as kept in `return_grades` (written at submission, and by the results
 * for returns submitted before it was kept or whose answers changed since): a letter per theme and per question of
 * its template, in the template's order, so 10,000 returns' grades are a few hundred kilobytes to
 * read rather than 600,000 answers. `shapeOf` names the order the letters follow (the template's
 * themes and questions, and the list of responses), so letters kept for another shape are never
 * read against this one.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type Rag, RESPONSES, type Response } from '../../db/schema.ts';
import { countedAnswer, shownQuestions } from './answer-scales.ts';
import { ratingAtSubmission } from './return-rules.ts';
import { type AnswerValues, emptyRating, type ThemeInfo } from './return-structure.ts';

const NONE = '-';
const RAG_CODES: Record<Rag, string> = { red: 'R', amber: 'A', green: 'G' };
const RAG_OF: Record<string, Rag> = { R: 'red', A: 'amber', G: 'green' };
/** A response's letter: its place in RESPONSES, from "a". */
const RESPONSE_CODES = new Map<string, string>(RESPONSES.map((r, i) => [r, String.fromCharCode(97 + i)]));
/** The response of a letter, by the letter's character code (read for every question of every return). */
const RESPONSE_OF_CODE = new Array<Response | undefined>(97 + RESPONSES.length).fill(undefined);
for (const [i, r] of RESPONSES.entries()) RESPONSE_OF_CODE[97 + i] = r;

export interface GradeShape {
  themes: ReadonlyArray<{ id: string; questions: ReadonlyArray<{ id: string }> }>;
}

/** A digest of the themes, questions and responses the letters follow. */
export function shapeOf(structure: GradeShape): string {
  const hash = createHash('sha256');
  hash.update(RESPONSES.join(','));
  for (const t of structure.themes) {
    hash.update(`|${t.id}:`);
    for (const q of t.questions) hash.update(`${q.id},`);
  }
  return hash.digest('base64url').slice(0, 22);
}

/** The letters of a return's own grade per theme (themes in order; a theme without one is "-"). */
export function encodeSelf(structure: GradeShape, self: ReadonlyMap<string, Rag>): string {
  return structure.themes.map((t) => RAG_CODES[self.get(t.id)!] ?? NONE).join('');
}

/** The letters of a return's counted response per question (questions in order). */
export function encodeResponses(structure: GradeShape, responses: ReadonlyMap<string, Response>): string {
  let codes = '';
  for (const t of structure.themes)
    for (const q of t.questions) codes += RESPONSE_CODES.get(responses.get(q.id) ?? '') ?? NONE;
  return codes;
}

/** Each theme's place in a template's themes, by its id: made once a template (the structure is cached). */
const THEME_PLACES = new WeakMap<GradeShape, Map<string, number>>();

/** The grades of the themes in `themeIds` (those that apply to the agency now), from a return's letters. */
export function decodeSelf(
  structure: GradeShape,
  themeIds: readonly string[],
  selfCodes: string,
): Record<string, Rag> {
  let places = THEME_PLACES.get(structure);
  if (!places) {
    places = new Map(structure.themes.map((t, i) => [t.id, i]));
    THEME_PLACES.set(structure, places);
  }
  const self: Record<string, Rag> = {};
  // Through the themes that apply (a few), each found by its place, rather than asking of every
  // theme whether it applies (10,000 returns of 8 themes: 80,000 searches of their lists).
  for (const themeId of themeIds) {
    const i = places.get(themeId);
    const grade = i === undefined ? undefined : RAG_OF[selfCodes[i] ?? NONE];
    if (grade) self[themeId] = grade;
  }
  return self;
}

/**
 * The counted response to the template's `index`-th question (from 0) in a return's letters (read
 * as kept: which themes apply is the reader's to check).
 */
export function responseAt(letters: string, index: number): Response | undefined {
  return RESPONSE_OF_CODE[letters.charCodeAt(index)];
}

export interface GradeCodes {
  self: string;
  responses: string;
}

const RESPONSE_SET: ReadonlySet<string> = new Set(RESPONSES);

/**
 * A submitted return's letters from its answers and own ratings: for every theme of the template
 * (which apply is decided when they are read), its grade at submission (unanswered questions or no
 * rating make it Red) and the counted Graded or Yes / No answer of each question asked (a hidden
 * conditional question is not).
 */
export function gradeCodesOf(
  structure: { themes: ReadonlyArray<Pick<ThemeInfo, 'id' | 'questions'>> },
  answers: ReadonlyMap<string, AnswerValues>,
  ownRating: (themeId: string) => Rag | null,
): GradeCodes {
  const self = new Map<string, Rag>();
  const responses = new Map<string, Response>();
  for (const theme of structure.themes) {
    const rating = emptyRating();
    rating.rating = ownRating(theme.id);
    self.set(theme.id, ratingAtSubmission(theme, answers, rating).rating);
    for (const q of shownQuestions(theme.questions, answers)) {
      const counted = countedAnswer(q, answers.get(q.id))?.response;
      if (counted && RESPONSE_SET.has(counted)) responses.set(q.id, counted as Response);
    }
  }
  return { self: encodeSelf(structure, self), responses: encodeResponses(structure, responses) };
}

/**
 * Keeps returns' letters, each for the submission (`submittedAt`, as the database has it) they were
 * worked out from. A cache: written in a savepoint (or a transaction of its own), and if it cannot be
 * written nothing else is undone; the results work them out again from the answers.
 */
export async function keepGradeCodes(
  db: DbOrTx,
  partnershipId: string,
  shape: string,
  rows: ReadonlyArray<{ returnId: string; submittedAt: string; codes: GradeCodes }>,
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      sql`(${r.returnId}::uuid, ${partnershipId}::uuid, ${shape}, ${r.submittedAt}::timestamptz, ${r.codes.self}, ${r.codes.responses})`,
  );
  try {
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into return_grades (return_id, partnership_id, shape, submitted_at, self_codes, response_codes)
            values ${sql.join(values, sql`, `)}
            on conflict (return_id) do update set shape = excluded.shape, submitted_at = excluded.submitted_at,
              self_codes = excluded.self_codes, response_codes = excluded.response_codes, created_at = now()`,
      );
    });
  } catch {
    // Nothing lost: the grades are worked out from the answers when they are next read.
  }
}
