/**
 * The zod pieces the authoring forms share: a name, a limited text, an optional key, and the three
 * grade descriptors. Text is kept as typed in the form's state; these give the values as stored
 * (line endings as stored, no blank space around).
 */
import { z } from 'zod';
import { LIMITS } from '../draft-rules.ts';
import { keyFrom, keyProblem, uniqueKey } from '../template-keys.ts';

/** A posted text as stored: browser line endings, no blank space around. */
export const clean = (value: string) => value.replace(/\r\n?/g, '\n').trim();
/** One line. */
export const line = (value: string) => value.replace(/\s+/g, ' ').trim();

const chars = (n: number) => n.toLocaleString('en-GB');

/** A one-line text that must be given. */
export const requiredLine = (max: number, missing: string, what: string) =>
  z
    .string()
    .transform(line)
    .pipe(
      z
        .string()
        .min(1, missing)
        .max(max, `${what} must be ${chars(max)} characters or fewer`),
    );

/** A text of several lines, optional unless `missing` is given. */
export const limitedText = (max: number, what: string, missing?: string) =>
  z
    .string()
    .transform(clean)
    .pipe(
      (missing ? z.string().min(1, missing) : z.string()).max(
        max,
        `${what} must be ${chars(max)} characters or fewer`,
      ),
    );

export const templateName = requiredLine(LIMITS.name, 'Enter the template’s name', 'The name');

/** An optional key: blank, or well formed and not one of `taken`. */
export const keyField = (taken: ReadonlySet<string>, what: string) =>
  z
    .string()
    .trim()
    .superRefine((key, ctx) => {
      if (key === '') return;
      const problem = keyProblem(key);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (taken.has(key))
        ctx.addIssue({
          code: 'custom',
          message: `Another ${what} already has the key "${key}": choose another, or leave it blank`,
        });
    });

/** The typed key, or one made from the title, unique among `taken`. */
export const keyOrMade = (key: string, title: string, fallback: string, taken: ReadonlySet<string>) =>
  key || uniqueKey(keyFrom(title, fallback), taken);

const RAG_NAMES = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
export type Rag = keyof typeof RAG_NAMES;
export const RAGS = ['red', 'amber', 'green'] as const;

/** What one grade means: required, limited. */
export const descriptor = (rag: Rag) =>
  limitedText(LIMITS.descriptor, `What ${RAG_NAMES[rag]} means`, `Enter what ${RAG_NAMES[rag]} means`);
