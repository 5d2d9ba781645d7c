/**
 * The theme page's form: what the agency typed, parsed into answers and a theme rating. Hard
 * errors (text too long, impossible dates, unknown options) save nothing; completion problems
 * (see return-rules.ts) are reported only when the agency says the theme is complete.
 */
import type { Rag, Response } from '../../db/schema.ts';
import { type DateParts, dateToParts, parseDateParts } from '../../lib/dates.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import type { CompletionProblem } from './return-rules.ts';
import { needsAction } from './return-rules.ts';
import {
  type AnswerValues,
  emptyAnswer,
  emptyRating,
  SCALE_RESPONSES,
  type ThemeInfo,
  type ThemeRatingValues,
} from './return-structure.ts';

export const LONG_TEXT_MAX = 5000;
export const SHORT_TEXT_MAX = 500;

export interface QuestionFormState {
  response: string;
  naReason: string;
  evidenceDocument: string;
  evidenceLocation: string;
  comment: string;
  impact: string;
  action: string;
  targetDate: DateParts;
}

export interface ThemeFormState {
  questions: Record<string, QuestionFormState>;
  rating: string;
  justification: string;
  ratingAction: string;
  ratingTargetDate: DateParts;
  completed: string;
}

export type Intent = 'continue' | 'later';

export const fieldName = {
  response: (n: number) => `q${n}-response`,
  naReason: (n: number) => `q${n}-na-reason`,
  evidenceDocument: (n: number) => `q${n}-evidence-document`,
  evidenceLocation: (n: number) => `q${n}-evidence-location`,
  comment: (n: number) => `q${n}-comment`,
  impact: (n: number) => `q${n}-impact`,
  action: (n: number) => `q${n}-action`,
  targetDate: (n: number) => `q${n}-target-date`,
};

export function stateFromSaved(
  theme: ThemeInfo,
  answers: ReadonlyMap<string, AnswerValues>,
  rating: ThemeRatingValues | undefined,
): ThemeFormState {
  const questions: Record<string, QuestionFormState> = {};
  for (const q of theme.questions) {
    const a = answers.get(q.id) ?? emptyAnswer();
    questions[q.id] = {
      response: a.response ?? '',
      naReason: a.naReason,
      evidenceDocument: a.evidenceDocument,
      evidenceLocation: a.evidenceLocation,
      comment: a.comment,
      impact: a.impact,
      action: a.actionDescription,
      targetDate: dateToParts(a.actionTargetDate),
    };
  }
  const r = rating ?? emptyRating();
  return {
    questions,
    rating: r.rating ?? '',
    justification: r.justification,
    ratingAction: r.actionDescription,
    ratingTargetDate: dateToParts(r.actionTargetDate),
    completed: r.completed ? 'yes' : '',
  };
}

const str = (body: Record<string, unknown>, name: string): string => {
  const v = body[name];
  if (Array.isArray(v)) return String(v[v.length - 1] ?? '');
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '';
};
const parts = (body: Record<string, unknown>, name: string): DateParts => ({
  day: str(body, `${name}-day`),
  month: str(body, `${name}-month`),
  year: str(body, `${name}-year`),
});

export interface ParsedThemeForm {
  state: ThemeFormState;
  intent: Intent;
  /** Present when there are no hard errors. */
  values: {
    answers: Map<string, AnswerValues>;
    rating: ThemeRatingValues;
    completeRequested: boolean;
  } | null;
  errors: FormErrors;
}

export function parseThemeForm(theme: ThemeInfo, body: Record<string, unknown>): ParsedThemeForm {
  const errors = new FormErrorBuilder();
  const questions: Record<string, QuestionFormState> = {};
  const answers = new Map<string, AnswerValues>();
  const tooLong = (field: string, value: string, max: number, label: string) => {
    if (value.length > max)
      errors.add(field, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
    return value.trim();
  };

  for (const q of theme.questions) {
    const n = q.number;
    const s: QuestionFormState = {
      response: str(body, fieldName.response(n)),
      naReason: str(body, fieldName.naReason(n)),
      evidenceDocument: str(body, fieldName.evidenceDocument(n)),
      evidenceLocation: str(body, fieldName.evidenceLocation(n)),
      comment: str(body, fieldName.comment(n)),
      impact: str(body, fieldName.impact(n)),
      action: str(body, fieldName.action(n)),
      targetDate: parts(body, fieldName.targetDate(n)),
    };
    questions[q.id] = s;
    const label = `Question ${n}`;
    let response: Response | null = null;
    if (s.response) {
      if ((SCALE_RESPONSES[q.scale] as string[]).includes(s.response)) response = s.response as Response;
      else errors.add(fieldName.response(n), `Select one of the options for question ${n}`);
    }
    const naReason = tooLong(
      fieldName.naReason(n),
      s.naReason,
      LONG_TEXT_MAX,
      `${label}: the reason it does not apply`,
    );
    const evidenceDocument = tooLong(
      fieldName.evidenceDocument(n),
      s.evidenceDocument,
      SHORT_TEXT_MAX,
      `${label}: the evidence`,
    );
    const evidenceLocation = tooLong(
      fieldName.evidenceLocation(n),
      s.evidenceLocation,
      SHORT_TEXT_MAX,
      `${label}: where the evidence is kept`,
    );
    const comment = tooLong(fieldName.comment(n), s.comment, LONG_TEXT_MAX, `${label}: comments`);
    const impact = tooLong(fieldName.impact(n), s.impact, LONG_TEXT_MAX, `${label}: the impact on children`);
    const action = tooLong(
      fieldName.action(n),
      s.action,
      LONG_TEXT_MAX,
      `${label}: the area for development`,
    );
    const date = parseDateParts(s.targetDate, `${label}: the target date`);
    if (date.error) errors.add(`${fieldName.targetDate(n)}`, date.error, `${fieldName.targetDate(n)}-day`);
    const keepsAction = needsAction(response);
    answers.set(q.id, {
      response,
      // A reason or an action only means something with the answer that asks for it.
      naReason: response === 'na' ? naReason : '',
      evidenceDocument,
      evidenceLocation,
      comment,
      impact,
      actionDescription: keepsAction ? action : '',
      actionTargetDate: keepsAction ? date.value : null,
    });
  }

  const state: ThemeFormState = {
    questions,
    rating: str(body, 'rating'),
    justification: str(body, 'justification'),
    ratingAction: str(body, 'rating-action'),
    ratingTargetDate: parts(body, 'rating-target-date'),
    completed: str(body, 'completed'),
  };
  let rating: Rag | null = null;
  if (state.rating) {
    if (['red', 'amber', 'green'].includes(state.rating)) rating = state.rating as Rag;
    else errors.add('rating', 'Select Red, Amber or Green', 'rating');
  }
  const justification = tooLong(
    'justification',
    state.justification,
    LONG_TEXT_MAX,
    'The reason for your rating',
  );
  const ratingAction = tooLong(
    'rating-action',
    state.ratingAction,
    LONG_TEXT_MAX,
    'The area for development',
  );
  const ratingDate = parseDateParts(state.ratingTargetDate, 'The target date');
  if (ratingDate.error) errors.add('rating-target-date', ratingDate.error, 'rating-target-date-day');
  if (state.completed && !['yes', 'no'].includes(state.completed))
    errors.add('completed', 'Select whether you have completed this theme');

  const intent: Intent = str(body, 'intent') === 'later' ? 'later' : 'continue';
  const ratingNeedsAction = rating === 'red' || rating === 'amber';
  return {
    state,
    intent,
    errors: errors.build(),
    values: errors.hasErrors
      ? null
      : {
          answers,
          rating: {
            rating,
            justification,
            actionDescription: ratingNeedsAction ? ratingAction : '',
            actionTargetDate: ratingNeedsAction ? ratingDate.value : null,
            completed: false,
          },
          completeRequested: state.completed === 'yes',
        },
  };
}

/** Completion problems as GOV.UK errors linking to their fields. */
export function completionErrors(problems: CompletionProblem[]): FormErrors {
  const errors = new FormErrorBuilder();
  for (const p of problems) {
    switch (p.kind) {
      case 'unanswered':
        errors.add(
          fieldName.response(p.question.number),
          `Select an answer for question ${p.question.number}`,
        );
        break;
      case 'unconfirmed':
        errors.add(
          fieldName.response(p.question.number),
          `Check the answer to question ${p.question.number} from your last audit, then confirm or change it`,
        );
        break;
      case 'na-reason':
        errors.add(
          fieldName.naReason(p.question.number),
          `Explain why question ${p.question.number} does not apply, and what is in place instead`,
        );
        break;
      case 'action-description':
        errors.add(
          fieldName.action(p.question.number),
          `Describe the area for development for question ${p.question.number}`,
        );
        break;
      case 'action-target-date':
        errors.add(
          fieldName.targetDate(p.question.number),
          `Enter a target date for the area for development for question ${p.question.number}`,
          `${fieldName.targetDate(p.question.number)}-day`,
        );
        break;
      case 'rating':
        errors.add('rating', 'Select a Red, Amber or Green rating for this theme');
        break;
      case 'justification':
        errors.add('justification', 'Explain why you chose this rating');
        break;
      case 'rating-action-description':
        errors.add('rating-action', 'Describe the area for development for this theme');
        break;
      case 'rating-action-target-date':
        errors.add(
          'rating-target-date',
          'Enter a target date for the area for development for this theme',
          'rating-target-date-day',
        );
        break;
    }
  }
  return errors.build();
}
