/** A question described in words, for a theme's preview: when it is asked, and how it is answered. */
import { answerInput, answerOptions, orList } from '../answer-scales.ts';
import type { QuestionInfo, ThemeInfo } from '../return-structure.ts';

/** When a conditional question is asked: "Asked only if you answer Yes to question 2." */
export function conditionText(q: QuestionInfo, theme: ThemeInfo): string {
  const parent = theme.questions.find((p) => p.id === q.showWhen?.questionId);
  if (!parent || !q.showWhen) return '';
  const labels = answerOptions(parent)
    .filter((o) => q.showWhen!.answers.includes(o.key))
    .map((o) => o.label);
  return `Asked only if you answer ${orList(labels)} to question ${parent.number}.`;
}

/** How a question is answered, for the preview: its choices, or the kind of value asked for. */
export function previewAnswerText(q: QuestionInfo): string {
  const optional = q.required ? '' : ' (optional)';
  switch (answerInput(q)) {
    case 'one':
      return `Answer${optional}: ${answerOptions(q)
        .map((o) => o.label)
        .join(', ')}.`;
    case 'many':
      return `Answer${optional}, any of: ${answerOptions(q)
        .map((o) => o.label)
        .join(', ')}.`;
    case 'text':
      return `Answer${optional}: in your own words.`;
    case 'number':
      return `Answer${optional}: a number.`;
    case 'date':
      return `Answer${optional}: a date.`;
  }
}
