/**
 * A submitted return's grades as kept in `return_grades`: a letter per theme and per question of
 * its template, in the template's order, so 10,000 returns' grades are a few hundred kilobytes to
 * read rather than 600,000 answers. `shapeOf` names the order the letters follow (the template's
 * themes and questions, and the list of responses), so letters kept for another shape are never
 * read against this one.
 */
import { createHash } from 'node:crypto';
import { type Rag, RESPONSES, type Response } from '../../db/schema.ts';

const NONE = '-';
const RAG_CODES: Record<Rag, string> = { red: 'R', amber: 'A', green: 'G' };
const RAG_OF: Record<string, Rag> = { R: 'red', A: 'amber', G: 'green' };
/** A response's letter: its place in RESPONSES, from "a". */
const RESPONSE_CODES = new Map<string, string>(RESPONSES.map((r, i) => [r, String.fromCharCode(97 + i)]));
const RESPONSE_OF = new Map<string, Response>(RESPONSES.map((r, i) => [String.fromCharCode(97 + i), r]));

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

/**
 * The grades of the themes in `themeIds` (those that apply to the agency now), and the counted
 * responses to their questions, from a return's letters.
 */
export function decodeGrades(
  structure: GradeShape,
  themeIds: readonly string[],
  selfCodes: string,
  responseCodes: string,
): { self: Record<string, Rag>; responses: Record<string, Response> } {
  const self: Record<string, Rag> = {};
  const responses: Record<string, Response> = {};
  let at = 0;
  for (let i = 0; i < structure.themes.length; i++) {
    const theme = structure.themes[i]!;
    const applies = themeIds.includes(theme.id);
    if (applies) {
      const grade = RAG_OF[selfCodes[i] ?? NONE];
      if (grade) self[theme.id] = grade;
    }
    for (const q of theme.questions) {
      const response = applies ? RESPONSE_OF.get(responseCodes[at] ?? NONE) : undefined;
      if (response) responses[q.id] = response;
      at++;
    }
  }
  return { self, responses };
}
