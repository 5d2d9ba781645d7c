/**
 * What an answer means on each response scale (template-definition.ts, RESPONSE_SCALES): which
 * answers a question offers, whether one is given, counts as met, generates an action or is N/A,
 * how it reads, and which questions are shown given the theme's answers (conditional questions).
 */
import { formatDate } from '../../lib/dates.ts';
import { responseScale, type ScaleOption } from '../templates/template-definition.ts';
import type { AnswerValues, QuestionInfo } from './return-structure.ts';

type ScaleOf = Pick<QuestionInfo, 'scale' | 'options'>;

/** The answers a choice question offers (fixed for graded and yes_no; the options otherwise). None for
 * text, number and date. */
export function answerOptions(q: ScaleOf): readonly ScaleOption[] {
  const info = responseScale(q.scale);
  return info.fixed ?? (info.hasOptions ? q.options : []);
}

/** How the question is answered: one choice, several, or a free value. */
export function answerInput(q: Pick<QuestionInfo, 'scale'>) {
  return responseScale(q.scale).input;
}

/** Whether `key` is one of the answers the question offers. */
export function isOfferedAnswer(q: ScaleOf, key: string): boolean {
  return answerOptions(q).some((o) => o.key === key);
}

/** The keys chosen: the response, or the choices of a choose_many question. */
export function chosenKeys(a: Pick<AnswerValues, 'response' | 'choices'> | undefined): string[] {
  if (!a) return [];
  return a.response ? [a.response] : a.choices;
}

/** Whether any answer is given (a pre-filled one too: see countedAnswer for what counts). */
export function hasAnswer(
  q: Pick<QuestionInfo, 'scale'>,
  a: Pick<AnswerValues, 'response' | 'choices' | 'value'> | undefined,
): boolean {
  if (!a) return false;
  switch (answerInput(q)) {
    case 'one':
      return a.response !== null && a.response !== '';
    case 'many':
      return a.choices.length > 0;
    default:
      return a.value !== '';
  }
}

/**
 * The answer that counts: none while missing, or carried forward from the last audit and not yet
 * confirmed or changed by the agency.
 */
export function countedAnswer(
  q: Pick<QuestionInfo, 'scale'>,
  a: AnswerValues | undefined,
): AnswerValues | null {
  if (!a || a.awaitingConfirmation || !hasAnswer(q, a)) return null;
  return a;
}

function chosenOptions(q: ScaleOf, a: AnswerValues): ScaleOption[] {
  const keys = chosenKeys(a);
  return answerOptions(q).filter((o) => keys.includes(o.key));
}

export function isNa(q: Pick<QuestionInfo, 'scale'>, a: Pick<AnswerValues, 'response'> | undefined): boolean {
  return a?.response === 'na' && responseScale(q.scale).hasNa;
}

/** Counts as met: every chosen answer counts as met (never for text, number and date). */
export function answerIsMet(q: ScaleOf, a: AnswerValues): boolean {
  const chosen = chosenOptions(q, a);
  return chosen.length > 0 && chosen.every((o) => o.met);
}

/** Needs an area for development (an action) with a target date: any chosen answer generates one. */
export function answerNeedsAction(q: ScaleOf, a: AnswerValues | undefined): boolean {
  return a !== undefined && chosenOptions(q, a).some((o) => o.action);
}

/** The answers that generate an action, for the reveal and its heading ("If you answered No"). */
export function actionAnswers(q: ScaleOf): ScaleOption[] {
  return answerOptions(q).filter((o) => o.action);
}

/** Scored: the scale says what is met, and the question has a weight. */
export function isScored(q: Pick<QuestionInfo, 'scale' | 'weight'>): boolean {
  return (
    q.weight > 0 && answerInput(q) !== 'text' && answerInput(q) !== 'number' && answerInput(q) !== 'date'
  );
}

/** An answer as people read it: the chosen labels, the text or number, or the date. Empty when none. */
export function answerText(q: ScaleOf, a: AnswerValues | undefined): string {
  if (!a) return '';
  switch (answerInput(q)) {
    case 'one':
    case 'many': {
      const keys = chosenKeys(a);
      return answerOptions(q)
        .filter((o) => keys.includes(o.key))
        .map((o) => o.label)
        .join(', ');
    }
    case 'date':
      return formatDate(a.value);
    default:
      return a.value;
  }
}

/** What an unanswered question reads as on check-answers and the copy. */
export function notAnsweredText(q: Pick<QuestionInfo, 'required'>): string {
  return q.required ? 'Not answered' : 'Not answered (optional)';
}

/** A list of labels as a sentence: "Not met or Partly met". */
export function orList(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/**
 * The questions shown, given the answers saved (or typed): a question with a condition is shown
 * when the earlier question it names is shown and has one of the condition's answers.
 */
export function shownQuestions<Q extends Pick<QuestionInfo, 'id' | 'showWhen'>>(
  questions: readonly Q[],
  answers: ReadonlyMap<string, Pick<AnswerValues, 'response' | 'choices'>>,
): Q[] {
  const shown = new Set<string>();
  const out: Q[] = [];
  for (const q of questions) {
    const when = q.showWhen;
    if (
      when === null ||
      (shown.has(when.questionId) &&
        chosenKeys(answers.get(when.questionId)).some((k) => when.answers.includes(k)))
    ) {
      shown.add(q.id);
      out.push(q);
    }
  }
  return out;
}
