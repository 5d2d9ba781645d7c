/**
 * The question form: its text, key, guidance, how it is answered (with named options for scales
 * that have them), whether it is required, its evidence prompt, weight and condition. It keeps what
 * was typed as text; one zod schema gives the values as stored.
 */
import { z } from 'zod';
import type { ScaleOptionJson } from '../../../db/schema.ts';
import { type FormBody, listField, textField } from '../../../web/form-route.ts';
import { keyField, keyOrMade, limitedText, line } from '../authoring/form-fields.ts';
import type { DraftQuestion, QuestionValues } from '../draft-editing.repository.ts';
import { type EarlierQuestion, LIMITS } from '../draft-rules.ts';
import { optionCountProblem, RESPONSE_SCALES, type ResponseScaleInfo } from '../template-definition.ts';
import { keyFrom, keyProblem, uniqueKey } from '../template-keys.ts';

export interface OptionState {
  key: string;
  label: string;
  met: boolean;
  action: boolean;
}

export interface QuestionState {
  text: string;
  key: string;
  guidance: string;
  scale: string;
  required: string;
  evidencePrompt: string;
  weight: string;
  options: OptionState[];
  /** The id of the earlier question it depends on, or '' for always shown. */
  showWhen: string;
  /** The answers chosen for each earlier question (only the chosen question's count). */
  showWhenAnswers: Record<string, string[]>;
}

/** Blank rows offered for new options, without JavaScript. */
export const BLANK_OPTION_ROWS = 2;
const blankOption = (): OptionState => ({ key: '', label: '', met: false, action: false });
const isBlank = (o: OptionState) => o.key.trim() === '' && o.label.trim() === '';

export const optionField = (i: number, part: 'key' | 'label' | 'met' | 'action') => `option-${i}-${part}`;
export const answersField = (questionId: string) => `showWhenAnswers-${questionId}`;

export function questionState(body: FormBody, earlierIds: readonly string[]): QuestionState {
  const rows = Math.min(Math.max(Number.parseInt(textField(body, 'optionRows'), 10) || 0, 0), LIMITS.options);
  const options: OptionState[] = [];
  for (let i = 0; i < rows; i++)
    options.push({
      key: textField(body, optionField(i, 'key')),
      label: textField(body, optionField(i, 'label')),
      met: textField(body, optionField(i, 'met')) === 'yes',
      action: textField(body, optionField(i, 'action')) === 'yes',
    });
  return {
    text: textField(body, 'text'),
    key: textField(body, 'key'),
    guidance: textField(body, 'guidance'),
    scale: textField(body, 'scale'),
    required: textField(body, 'required'),
    evidencePrompt: textField(body, 'evidencePrompt'),
    weight: textField(body, 'weight'),
    options,
    showWhen: textField(body, 'showWhen'),
    showWhenAnswers: Object.fromEntries(earlierIds.map((id) => [id, listField(body, answersField(id))])),
  };
}

/** Adds a blank option row, or removes row `remove`: the form is shown again, nothing saved. */
export function withOptionRows(
  state: QuestionState,
  change: { add: true } | { remove: number },
): QuestionState {
  if ('add' in change)
    return state.options.length >= LIMITS.options
      ? state
      : { ...state, options: [...state.options, blankOption()] };
  return { ...state, options: state.options.filter((_, i) => i !== change.remove) };
}

/** The rows to show: what was typed plus blank rows, up to the limit. */
export function optionRowsToShow(options: readonly OptionState[], blanks = BLANK_OPTION_ROWS): OptionState[] {
  const free = options.filter(isBlank).length;
  const extra = Math.max(0, Math.min(blanks - free, LIMITS.options - options.length));
  return [...options, ...Array.from({ length: extra }, blankOption)];
}

export const emptyQuestionState = (): QuestionState => ({
  text: '',
  key: '',
  guidance: '',
  scale: '',
  required: 'yes',
  evidencePrompt: '',
  weight: '1',
  options: [],
  showWhen: '',
  showWhenAnswers: {},
});

export const stateFromQuestion = (q: DraftQuestion): QuestionState => ({
  text: q.text,
  key: q.key,
  guidance: q.guidance,
  scale: q.scale,
  required: q.required ? 'yes' : 'no',
  evidencePrompt: q.evidencePrompt,
  weight: String(q.weight),
  options: q.options.map((o) => ({ ...o })),
  showWhen: q.showWhen?.questionId ?? '',
  showWhenAnswers: q.showWhen ? { [q.showWhen.questionId]: [...q.showWhen.answers] } : {},
});

type Issue = { path: string; message: string };

/** The named options, as stored, and their problems. */
function checkOptions(options: readonly OptionState[], scale: ResponseScaleInfo) {
  const out: ScaleOptionJson[] = [];
  const issues: Issue[] = [];
  const keys = new Set<string>();
  let rowErrors = false;
  for (const [i, o] of options.entries()) {
    if (isBlank(o)) continue;
    const label = line(o.label);
    const n = i + 1;
    if (!label) {
      issues.push({ path: optionField(i, 'label'), message: `Enter the label of option ${n}` });
      rowErrors = true;
      continue;
    }
    if (label.length > LIMITS.optionLabel)
      issues.push({
        path: optionField(i, 'label'),
        message: `The label of option ${n} must be ${LIMITS.optionLabel} characters or fewer`,
      });
    let key = o.key.trim();
    if (key) {
      const problem = keyProblem(key);
      if (problem)
        issues.push({
          path: optionField(i, 'key'),
          message: `Option ${n}: ${problem.replace(/^The key/, 'the key')}`,
        });
      else if (keys.has(key))
        issues.push({
          path: optionField(i, 'key'),
          message: `Option ${n} has the same key as another option`,
        });
    } else key = uniqueKey(keyFrom(label, 'option'), keys);
    keys.add(key);
    out.push({ key, label, met: o.met, action: o.action });
  }
  const problem = optionCountProblem(scale, out.length);
  if (problem && !rowErrors) issues.push({ path: 'options', message: `Enter ${problem}` });
  return { options: out, issues };
}

/** The condition, as stored, or its problem. */
function checkCondition(
  state: Pick<QuestionState, 'showWhen' | 'showWhenAnswers'>,
  earlier: readonly EarlierQuestion[],
) {
  if (state.showWhen === '') return { showWhen: null, issues: [] };
  const target = earlier.find((q) => q.id === state.showWhen);
  if (!target)
    return {
      showWhen: null,
      issues: [{ path: 'showWhen', message: 'Select an earlier question of this theme, or “Always”' }],
    };
  const chosen = [...new Set(state.showWhenAnswers[target.id] ?? [])];
  const known = new Set(target.answers.map((a) => a.value));
  if (chosen.length === 0 || chosen.some((a) => !known.has(a)))
    return {
      showWhen: null,
      issues: [
        {
          path: answersField(target.id),
          message: `Select the answers to question ${target.number} that show this question`,
        },
      ],
    };
  return {
    showWhen: {
      questionId: target.id,
      answers: target.answers.map((a) => a.value).filter((v) => chosen.includes(v)),
    },
    issues: [],
  };
}

/** The element an error links to: the option count's error links to the first option's label. */
export const questionFieldId = (path: string) => (path === 'options' ? optionField(0, 'label') : path);

/**
 * `takenKeys`: the keys of the theme's other questions (a blank key is made from the text);
 * `earlier`: the questions before this one in its theme that have answers to choose from.
 */
export const questionSchema = (context: {
  takenKeys: ReadonlySet<string>;
  earlier: readonly EarlierQuestion[];
  /** The scales offered (all of them, but for tests). */
  scales?: typeof RESPONSE_SCALES;
}) => {
  const scales = context.scales ?? RESPONSE_SCALES;
  const scaleOf = (value: string) => scales.find((s) => s.value === value);
  const weight = `Enter a weight as a whole number from 0 to ${LIMITS.weight}`;
  return z
    .object({
      text: limitedText(LIMITS.questionText, 'The question', 'Enter the question'),
      key: keyField(context.takenKeys, 'question in this theme'),
      guidance: limitedText(LIMITS.guidance, 'The guidance'),
      scale: z.string().refine((s) => scaleOf(s) !== undefined, 'Select how the question is answered'),
      options: z.array(
        z.object({ key: z.string(), label: z.string(), met: z.boolean(), action: z.boolean() }),
      ),
      required: z.enum(['yes', 'no'], { error: 'Select whether an answer is required' }),
      evidencePrompt: limitedText(LIMITS.evidencePrompt, 'The evidence prompt'),
      weight: z
        .string()
        .trim()
        .refine((w) => /^\d{1,2}$/.test(w) && Number(w) <= LIMITS.weight, weight)
        .transform(Number),
      showWhen: z.string(),
      showWhenAnswers: z.record(z.string(), z.array(z.string())),
    })
    .superRefine((v, ctx) => {
      const scale = scaleOf(v.scale);
      const issues = [
        ...(scale?.hasOptions ? checkOptions(v.options, scale).issues : []),
        ...checkCondition(v, context.earlier).issues,
      ];
      for (const issue of issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.path] });
    })
    .transform((v): QuestionValues => {
      const scale = scaleOf(v.scale)!;
      return {
        key: keyOrMade(v.key, v.text, 'question', context.takenKeys),
        text: v.text,
        guidance: v.guidance,
        scale: scale.value,
        evidencePrompt: v.evidencePrompt,
        required: v.required === 'yes',
        weight: v.weight,
        options: scale.hasOptions ? checkOptions(v.options, scale).options : [],
        showWhen: checkCondition(v, context.earlier).showWhen,
      };
    });
};
