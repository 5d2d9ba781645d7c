/**
 * The staff member's answers: what was chosen, and its validation (one zod schema, built from the
 * statements asked); and the form's own token, since the anonymous form has no session to hold one.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { SURVEY_ANSWERS, type SurveyAnswer } from '../../db/schema.ts';
import { londonDate } from '../../lib/dates.ts';
import { safeEqual } from '../../lib/tokens.ts';
import { errorsFromZod, type FormErrors } from '../../views/form-errors.ts';
import { COMMENT_MAX } from './survey-statements.ts';

export interface SurveyFormState {
  /** Statement id → the answer chosen ('' for none). */
  answers: Record<string, string>;
  comment: string;
}

export const statementField = (statementId: string) => `s-${statementId}`;

export function surveyFormState(body: Record<string, unknown>, statementIds: string[]): SurveyFormState {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    answers: Object.fromEntries(statementIds.map((id) => [id, text(body[statementField(id)])])),
    comment: text(body.comment),
  };
}

const shortened = (text: string) => (text.length > 90 ? `${text.slice(0, 87).trimEnd()}…` : text);

export function parseSurveyForm(
  state: SurveyFormState,
  statements: Array<{ id: string; text: string }>,
):
  | { values: { answers: Map<string, SurveyAnswer>; comment: string }; errors?: undefined }
  | { values?: undefined; errors: FormErrors } {
  const schema = z.object({
    answers: z.object(
      Object.fromEntries(
        statements.map((s) => [
          s.id,
          z.enum(SURVEY_ANSWERS, {
            message: `Select how much you agree with “${shortened(s.text)}”, or Don’t know`,
          }),
        ]),
      ),
    ),
    comment: z
      .string()
      .transform((v) => v.replace(/\r\n?/g, '\n').trim())
      .pipe(
        z
          .string()
          .max(COMMENT_MAX, `Your answer must be ${COMMENT_MAX.toLocaleString('en-GB')} characters or fewer`),
      ),
  });
  const parsed = schema.safeParse(state);
  if (!parsed.success)
    return {
      errors: errorsFromZod(parsed.error, (path) =>
        path.startsWith('answers.') ? statementField(path.slice('answers.'.length)) : path,
      ),
    };
  return {
    values: {
      answers: new Map(Object.entries(parsed.data.answers) as Array<[string, SurveyAnswer]>),
      comment: parsed.data.comment,
    },
  };
}

/** Days a survey page stays good to send. */
const FORM_DAYS = 7;
const DAY_MS = 86_400_000;

function formTokenFor(secret: string, link: string, day: string): string {
  return createHmac('sha256', secret).update(`survey-form\u0000${link}\u0000${day}`).digest('base64url');
}

/** A token tying the form to its link and the day it was shown, signed with the app's secret. */
export function surveyFormToken(secret: string, link: string, now: Date): string {
  return formTokenFor(secret, link, londonDate(now));
}

/** Whether the form's token was made for this link in the last FORM_DAYS days. */
export function surveyFormTokenValid(secret: string, link: string, token: unknown, now: Date): boolean {
  if (typeof token !== 'string') return false;
  for (let i = 0; i < FORM_DAYS; i++) {
    const day = londonDate(new Date(now.getTime() - i * DAY_MS));
    if (safeEqual(token, formTokenFor(secret, link, day))) return true;
  }
  return false;
}

/**
 * Whether a post plainly came from another site: browsers say where a form was sent from
 * (Sec-Fetch-Site, Origin), and a survey form is only ever sent from our own page.
 */
export function crossSitePost(headers: Record<string, unknown>): boolean {
  const site = headers['sec-fetch-site'];
  // Browsers that say where a request comes from are believed: the survey pages' no-referrer
  // policy makes them send `Origin: null` with a same-origin form.
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    return origin === 'null' || new URL(origin).host !== headers.host;
  } catch {
    return true;
  }
}
