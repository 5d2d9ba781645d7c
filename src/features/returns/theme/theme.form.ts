/**
 * The theme page's form: what the agency typed, parsed into answers and a theme rating. Hard
 * errors (text too long, impossible dates, unknown options) save nothing; completion problems
 * (see return-rules.ts) are reported only when the agency says the theme is complete.
 */
import type { Rag } from '../../../db/schema.ts';
import { type DateParts, dateToParts, parseDateParts } from '../../../lib/dates.ts';
import { FormErrorBuilder, type FormErrors } from '../../../views/form-errors.ts';
import { answerInput, answerNeedsAction, answerOptions, isNa, shownQuestions } from '../answer-scales.ts';
import type { CompletionProblem } from '../return-rules.ts';
import {
  type AnswerValues,
  emptyAnswer,
  emptyRating,
  type QuestionInfo,
  type ThemeInfo,
  type ThemeRatingValues,
} from '../return-structure.ts';

export const LONG_TEXT_MAX = 5000;
export const SHORT_TEXT_MAX = 500;

export interface QuestionFormState {
  /** The chosen answer of a one-choice question. */
  response: string;
  /** The chosen answers of a choose_many question. */
  choices: string[];
  /** What was typed for a text or number question. */
  value: string;
  /** What was typed for a date question. */
  date: DateParts;
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
    const input = answerInput(q);
    questions[q.id] = {
      response: a.response ?? '',
      choices: a.choices,
      value: input === 'text' || input === 'number' ? a.value : '',
      date: dateToParts(input === 'date' ? a.value : null),
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
const list = (body: Record<string, unknown>, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
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
    const input = answerInput(q);
    const s: QuestionFormState = {
      response: input === 'one' ? str(body, fieldName.response(n)) : '',
      choices: input === 'many' ? list(body, fieldName.response(n)) : [],
      value: input === 'text' || input === 'number' ? str(body, fieldName.response(n)) : '',
      date: input === 'date' ? parts(body, fieldName.response(n)) : { day: '', month: '', year: '' },
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
    const given = parseGivenAnswer(q, s, errors);
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
    const keepsAction = answerNeedsAction(q, { ...emptyAnswer(), ...given });
    answers.set(q.id, {
      ...given,
      // A reason or an action only means something with the answer that asks for it.
      naReason: isNa(q, given) ? naReason : '',
      evidenceDocument,
      evidenceLocation,
      comment,
      impact,
      actionDescription: keepsAction ? action : '',
      actionTargetDate: keepsAction ? date.value : null,
    });
  }

  // A question hidden by its condition keeps its answer but asks for no action.
  const shown = new Set(shownQuestions(theme.questions, answers).map((q) => q.id));
  for (const [id, a] of answers)
    if (!shown.has(id)) answers.set(id, { ...a, actionDescription: '', actionTargetDate: null });

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
          unansweredMessage(p.question),
          responseFieldId(p.question),
        );
        break;
      case 'unconfirmed':
        errors.add(
          fieldName.response(p.question.number),
          `Check the answer to question ${p.question.number} from your last audit, then confirm or change it`,
          responseFieldId(p.question),
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

/** The id of a question's first answer field (a date's day), which error links focus. */
function responseFieldId(q: Pick<QuestionInfo, 'number' | 'scale'>): string {
  return answerInput(q) === 'date' ? `${fieldName.response(q.number)}-day` : fieldName.response(q.number);
}

function unansweredMessage(q: Pick<QuestionInfo, 'number' | 'scale'>): string {
  switch (answerInput(q)) {
    case 'many':
      return `Select at least one answer for question ${q.number}`;
    case 'text':
      return `Enter an answer for question ${q.number}`;
    case 'number':
      return `Enter a number for question ${q.number}`;
    case 'date':
      return `Enter a date for question ${q.number}`;
    default:
      return `Select an answer for question ${q.number}`;
  }
}

/** Longest number accepted, in characters (15 significant digits survive as a JavaScript number). */
const NUMBER_MAX = 15;

/**
 * The answer given to a question, by its scale: a choice from its list, several, text, a number
 * (commas allowed, stored as 1200 or 12.5) or a real date. What cannot be accepted is an error.
 */
function parseGivenAnswer(
  q: QuestionInfo,
  s: QuestionFormState,
  errors: FormErrorBuilder,
): Pick<AnswerValues, 'response' | 'choices' | 'value'> {
  const n = q.number;
  const field = fieldName.response(n);
  const offered = answerOptions(q).map((o) => o.key);
  const none = { response: null, choices: [], value: '' };
  switch (answerInput(q)) {
    case 'one':
      if (!s.response) return none;
      if (offered.includes(s.response)) return { ...none, response: s.response };
      errors.add(field, `Select one of the options for question ${n}`);
      return none;
    case 'many':
      if (s.choices.some((c) => !offered.includes(c))) {
        errors.add(field, `Select only options listed for question ${n}`);
        return none;
      }
      return { ...none, choices: offered.filter((k) => s.choices.includes(k)) };
    case 'text':
      if (s.value.length > LONG_TEXT_MAX)
        errors.add(
          field,
          `Question ${n} must be ${LONG_TEXT_MAX.toLocaleString('en-GB')} characters or fewer`,
        );
      return { ...none, value: s.value.trim() };
    case 'number': {
      const typed = s.value.trim().replace(/,/g, '');
      if (!typed) return none;
      if (!/^-?\d+(\.\d+)?$/.test(typed) || typed.length > NUMBER_MAX) {
        errors.add(field, `Question ${n} must be a number, like 12 or 3.5`);
        return none;
      }
      return { ...none, value: String(Number(typed)) };
    }
    case 'date': {
      const date = parseDateParts(s.date, `Question ${n}`);
      if (date.error) errors.add(field, date.error, `${field}-day`);
      return { ...none, value: date.value ?? '' };
    }
  }
}

/** The chosen answers of a form's state, by question id: what decides which questions are shown. */
export function stateAnswers(state: ThemeFormState): Map<string, Pick<AnswerValues, 'response' | 'choices'>> {
  return new Map(
    Object.entries(state.questions).map(([id, s]) => [
      id,
      { response: s.response || null, choices: s.choices },
    ]),
  );
}
