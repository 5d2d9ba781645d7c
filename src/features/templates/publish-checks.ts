/**
 * What a draft needs before it is published: at least one theme, at least one question in each,
 * descriptors for every grade, named options for scales that need them, and conditions that point
 * at an earlier question of the same theme and name its answers.
 */
import type { ErrorItem } from '../../views/form-errors.ts';
import type { EditableVersion } from './draft-editing.repository.ts';
import { conditionAnswers, LIMITS, scaleHasOptions } from './draft-rules.ts';
import { optionCountProblem, responseScale } from './template-definition.ts';

/** Every problem, each linking to its theme on the draft's page; empty when it can be published. */
export function publishProblems(draft: EditableVersion): ErrorItem[] {
  const out: ErrorItem[] = [];
  const g = draft.gradeDescriptors;
  if (!g.red.trim() || !g.amber.trim() || !g.green.trim())
    out.push({ text: 'Enter what Red, Amber and Green mean', href: '#details' });
  if (draft.themes.length === 0) out.push({ text: 'Add at least one theme', href: '#themes' });
  if (draft.themes.length > LIMITS.themes)
    out.push({ text: `A template can have at most ${LIMITS.themes} themes`, href: '#themes' });
  for (const [i, theme] of draft.themes.entries()) {
    const href = `#theme-${i + 1}`;
    const name = `Theme ${i + 1} (${theme.title})`;
    if (theme.questions.length === 0) out.push({ text: `${name} needs at least one question`, href });
    if (theme.questions.length > LIMITS.questions)
      out.push({ text: `${name} can have at most ${LIMITS.questions} questions`, href });
    for (const [j, q] of theme.questions.entries()) {
      const label = `${name}, question ${j + 1}`;
      const problem = scaleHasOptions(q.scale)
        ? optionCountProblem(responseScale(q.scale), q.options.length)
        : null;
      if (problem) out.push({ text: `${label} needs ${problem} for its scale`, href });
      if (!q.showWhen) continue;
      const target = theme.questions.findIndex((x) => x.id === q.showWhen!.questionId);
      if (target < 0 || target >= j)
        out.push({
          text: `${label} is shown depending on a question that is not before it in the theme`,
          href,
        });
      else {
        const known = new Set(conditionAnswers(theme.questions[target]!).map((a) => a.value));
        if (q.showWhen.answers.length === 0 || q.showWhen.answers.some((a) => !known.has(a)))
          out.push({ text: `${label} is shown on answers that question ${target + 1} no longer has`, href });
      }
    }
  }
  return out;
}
