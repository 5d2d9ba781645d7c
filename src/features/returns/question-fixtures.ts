/** Questions for unit tests: question `n` of a theme, on `scale`, required, weight 1, unconditional. */
import type { QuestionInfo } from './return-structure.ts';

export function questionInfo(
  n: number,
  scale: QuestionInfo['scale'] = 'graded',
  extra: Partial<QuestionInfo> = {},
): QuestionInfo {
  return {
    id: `q${n}`,
    key: `question-${n}`,
    number: n,
    text: `Question ${n}`,
    guidance: '',
    scale,
    evidencePrompt: '',
    required: true,
    weight: 1,
    options: [],
    showWhen: null,
    ...extra,
  };
}
