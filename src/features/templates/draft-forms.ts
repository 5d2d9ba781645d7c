/**
 * The forms that author a draft template: a new template, the draft's details and grade
 * descriptors, a theme and a question (with its named options and its condition). Each keeps what
 * was typed as text, so a form that cannot be accepted is shown again exactly as it was sent.
 */
import type { GradeDescriptorsJson, ScaleOptionJson } from '../../db/schema.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import type { DraftQuestion, QuestionValues, ThemeValues } from './draft-editing.repository.ts';
import { optionCountProblem, RESPONSE_SCALES, type ResponseScaleInfo } from './template-definition.ts';
import { keyFrom, keyProblem, uniqueKey } from './template-keys.ts';

/** The same limits as the template file format (docs/template-format.md). */
export const LIMITS = {
  name: 200,
  templateDescription: 2000,
  descriptor: 500,
  themeTitle: 200,
  themeDescription: 1000,
  guidance: 4000,
  questionText: 1000,
  evidencePrompt: 1000,
  optionLabel: 200,
  themes: 30,
  questions: 40,
  options: 20,
  weight: 10,
} as const;

type Body = Record<string, unknown>;
type Parsed<T> = { values: T; errors?: undefined } | { values?: undefined; errors: FormErrors };

const str = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
const list = (body: Body, key: string): string[] => {
  const raw = body[key];
  const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return items.filter((v): v is string => typeof v === 'string');
};
/** Line endings as stored, no blank space around. */
const clean = (value: string) => value.replace(/\r\n?/g, '\n').trim();
/** One line. */
const line = (value: string) => value.replace(/\s+/g, ' ').trim();

function checkText(
  errors: FormErrorBuilder,
  field: string,
  value: string,
  max: number,
  what: string,
): string {
  const v = clean(value);
  if (v.length > max) errors.add(field, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`);
  return v;
}

/** A typed key, or one made from the title, unique among `taken`. */
function checkKey(
  errors: FormErrorBuilder,
  field: string,
  typed: string,
  title: string,
  fallback: string,
  taken: ReadonlySet<string>,
  what: string,
): string {
  const key = typed.trim();
  if (key === '') return uniqueKey(keyFrom(title, fallback), taken);
  const problem = keyProblem(key);
  if (problem) errors.add(field, problem);
  else if (taken.has(key))
    errors.add(field, `Another ${what} already has the key "${key}": choose another, or leave it blank`);
  return key;
}

function checkName(errors: FormErrorBuilder, typed: string): string {
  const name = line(typed);
  if (!name) errors.add('name', 'Enter the template’s name');
  else if (name.length > LIMITS.name)
    errors.add('name', `The name must be ${LIMITS.name} characters or fewer`);
  return name;
}

// New template

export interface NewTemplateState {
  name: string;
  key: string;
  description: string;
}

export const newTemplateState = (body: Body): NewTemplateState => ({
  name: str(body, 'name'),
  key: str(body, 'key'),
  description: str(body, 'description'),
});

export function parseNewTemplate(
  state: NewTemplateState,
  takenKeys: ReadonlySet<string>,
): Parsed<{ name: string; key: string; description: string }> {
  const errors = new FormErrorBuilder();
  const name = checkName(errors, state.name);
  const key = checkKey(errors, 'key', state.key, name, 'template', takenKeys, 'template');
  const description = checkText(
    errors,
    'description',
    state.description,
    LIMITS.templateDescription,
    'The description',
  );
  if (errors.hasErrors) return { errors: errors.build() };
  return { values: { name, key, description } };
}

// Details and grade descriptors

export interface DescriptorsState {
  red: string;
  amber: string;
  green: string;
}

export interface DetailsState extends DescriptorsState {
  name: string;
  description: string;
}

export const detailsState = (body: Body): DetailsState => ({
  name: str(body, 'name'),
  description: str(body, 'description'),
  red: str(body, 'red'),
  amber: str(body, 'amber'),
  green: str(body, 'green'),
});

const RAG_NAMES = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

function checkDescriptors(
  errors: FormErrorBuilder,
  state: DescriptorsState,
  prefix = '',
): GradeDescriptorsJson {
  const out = { red: '', amber: '', green: '' };
  for (const rag of ['red', 'amber', 'green'] as const) {
    const field = prefix ? `${prefix}-${rag}` : rag;
    out[rag] = clean(state[rag]);
    if (!out[rag]) errors.add(field, `Enter what ${RAG_NAMES[rag]} means`);
    else if (out[rag].length > LIMITS.descriptor)
      errors.add(field, `What ${RAG_NAMES[rag]} means must be ${LIMITS.descriptor} characters or fewer`);
  }
  return out;
}

/** With `nameEditable` false (the template has other versions), the name and description are kept. */
export function parseDetails(
  state: DetailsState,
  nameEditable: boolean,
): Parsed<{ gradeDescriptors: GradeDescriptorsJson; name?: string; description?: string }> {
  const errors = new FormErrorBuilder();
  let named: { name?: string; description?: string } = {};
  if (nameEditable) {
    const name = checkName(errors, state.name);
    named = {
      name,
      description: checkText(
        errors,
        'description',
        state.description,
        LIMITS.templateDescription,
        'The description',
      ),
    };
  }
  const gradeDescriptors = checkDescriptors(errors, state);
  if (errors.hasErrors) return { errors: errors.build() };
  return { values: { gradeDescriptors, ...named } };
}

// Theme

export interface ThemeState {
  title: string;
  key: string;
  description: string;
  guidance: string;
  /** 'yes': the theme has descriptors of its own. */
  ownDescriptors: string;
  descriptors: DescriptorsState;
  localityIds: string[];
  sectors: string[];
}

export const themeState = (body: Body): ThemeState => ({
  title: str(body, 'title'),
  key: str(body, 'key'),
  description: str(body, 'description'),
  guidance: str(body, 'guidance'),
  ownDescriptors: str(body, 'ownDescriptors'),
  descriptors: {
    red: str(body, 'theme-red'),
    amber: str(body, 'theme-amber'),
    green: str(body, 'theme-green'),
  },
  localityIds: list(body, 'localities'),
  sectors: list(body, 'sectors'),
});

export const stateFromTheme = (
  theme: Omit<ThemeValues, 'gradeDescriptors'> & { gradeDescriptors: GradeDescriptorsJson | null },
): ThemeState => ({
  title: theme.title,
  key: theme.key,
  description: theme.description,
  guidance: theme.guidance,
  ownDescriptors: theme.gradeDescriptors ? 'yes' : 'no',
  descriptors: theme.gradeDescriptors ?? { red: '', amber: '', green: '' },
  localityIds: theme.localityIds,
  sectors: theme.sectors,
});

export const emptyThemeState = (): ThemeState => ({
  title: '',
  key: '',
  description: '',
  guidance: '',
  ownDescriptors: 'no',
  descriptors: { red: '', amber: '', green: '' },
  localityIds: [],
  sectors: [],
});

export function parseTheme(
  state: ThemeState,
  context: {
    /** Keys of the draft's other themes. */
    takenKeys: ReadonlySet<string>;
    localityIds: ReadonlySet<string>;
    sectors: ReadonlySet<string>;
  },
): Parsed<ThemeValues> {
  const errors = new FormErrorBuilder();
  const title = line(state.title);
  if (!title) errors.add('title', 'Enter the theme’s title');
  else if (title.length > LIMITS.themeTitle)
    errors.add('title', `The title must be ${LIMITS.themeTitle} characters or fewer`);
  const key = checkKey(errors, 'key', state.key, title, 'theme', context.takenKeys, 'theme');
  const description = checkText(
    errors,
    'description',
    state.description,
    LIMITS.themeDescription,
    'The description',
  );
  const guidance = checkText(errors, 'guidance', state.guidance, LIMITS.guidance, 'The guidance');
  let gradeDescriptors: GradeDescriptorsJson | null = null;
  if (state.ownDescriptors === 'yes') gradeDescriptors = checkDescriptors(errors, state.descriptors, 'theme');
  else if (state.ownDescriptors !== 'no')
    errors.add('ownDescriptors', 'Select whether the theme has its own grade descriptors');
  const localityIds = [...new Set(state.localityIds)];
  if (localityIds.some((id) => !context.localityIds.has(id)))
    errors.add('localities', 'Select localities from the list', 'localities');
  const sectors = [...new Set(state.sectors)];
  if (sectors.some((s) => !context.sectors.has(s)))
    errors.add('sectors', 'Select sectors from the list', 'sectors');
  if (errors.hasErrors) return { errors: errors.build() };
  return { values: { key, title, description, guidance, gradeDescriptors, localityIds, sectors } };
}

// Question

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

/** A choosable answer of an earlier question, for conditions. */
export interface ConditionAnswer {
  value: string;
  label: string;
}

export const scaleHasOptions = (scale: string) =>
  RESPONSE_SCALES.some((s) => s.value === scale && s.hasOptions);

/** The answers a condition can name: the question's options, or its scale's fixed answers. */
export function conditionAnswers(q: Pick<DraftQuestion, 'scale' | 'options'>): ConditionAnswer[] {
  if (scaleHasOptions(q.scale)) return q.options.map((o) => ({ value: o.key, label: o.label }));
  const fixed = RESPONSE_SCALES.find((s) => s.value === q.scale)?.fixed ?? [];
  return fixed.map((o) => ({ value: o.key, label: o.label }));
}

export const optionField = (i: number, part: 'key' | 'label' | 'met' | 'action') => `option-${i}-${part}`;
export const answersField = (questionId: string) => `showWhenAnswers-${questionId}`;

export function questionState(body: Body, earlierIds: readonly string[]): QuestionState {
  const rows = Math.min(Math.max(Number.parseInt(str(body, 'optionRows'), 10) || 0, 0), LIMITS.options);
  const options: OptionState[] = [];
  for (let i = 0; i < rows; i++)
    options.push({
      key: str(body, optionField(i, 'key')),
      label: str(body, optionField(i, 'label')),
      met: str(body, optionField(i, 'met')) === 'yes',
      action: str(body, optionField(i, 'action')) === 'yes',
    });
  return {
    text: str(body, 'text'),
    key: str(body, 'key'),
    guidance: str(body, 'guidance'),
    scale: str(body, 'scale'),
    required: str(body, 'required'),
    evidencePrompt: str(body, 'evidencePrompt'),
    weight: str(body, 'weight'),
    options,
    showWhen: str(body, 'showWhen'),
    showWhenAnswers: Object.fromEntries(earlierIds.map((id) => [id, list(body, answersField(id))])),
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

export interface EarlierQuestion {
  id: string;
  number: number;
  text: string;
  answers: ConditionAnswer[];
}

function checkOptions(
  errors: FormErrorBuilder,
  options: readonly OptionState[],
  scale: ResponseScaleInfo,
): ScaleOptionJson[] {
  const out: ScaleOptionJson[] = [];
  const keys = new Set<string>();
  let rowErrors = false;
  for (const [i, o] of options.entries()) {
    if (isBlank(o)) continue;
    const label = line(o.label);
    const n = i + 1;
    if (!label) {
      errors.add(optionField(i, 'label'), `Enter the label of option ${n}`);
      rowErrors = true;
      continue;
    }
    if (label.length > LIMITS.optionLabel)
      errors.add(
        optionField(i, 'label'),
        `The label of option ${n} must be ${LIMITS.optionLabel} characters or fewer`,
      );
    let key = o.key.trim();
    if (key) {
      const problem = keyProblem(key);
      if (problem)
        errors.add(optionField(i, 'key'), `Option ${n}: ${problem.replace(/^The key/, 'the key')}`);
      else if (keys.has(key))
        errors.add(optionField(i, 'key'), `Option ${n} has the same key as another option`);
    } else key = uniqueKey(keyFrom(label, 'option'), keys);
    keys.add(key);
    out.push({ key, label, met: o.met, action: o.action });
  }
  const problem = optionCountProblem(scale, out.length);
  if (problem && !rowErrors) errors.add('options', `Enter ${problem}`, optionField(0, 'label'));
  return out;
}

export function parseQuestion(
  state: QuestionState,
  context: {
    /** Keys of the theme's other questions. */
    takenKeys: ReadonlySet<string>;
    /** The questions before this one in its theme that have answers to choose from. */
    earlier: readonly EarlierQuestion[];
    /** The scales offered (all of them, but for tests). */
    scales?: typeof RESPONSE_SCALES;
  },
): Parsed<QuestionValues> {
  const errors = new FormErrorBuilder();
  const text = clean(state.text);
  if (!text) errors.add('text', 'Enter the question');
  else if (text.length > LIMITS.questionText)
    errors.add('text', `The question must be ${LIMITS.questionText} characters or fewer`);
  const key = checkKey(
    errors,
    'key',
    state.key,
    text,
    'question',
    context.takenKeys,
    'question in this theme',
  );
  const guidance = checkText(errors, 'guidance', state.guidance, LIMITS.guidance, 'The guidance');
  const scale = (context.scales ?? RESPONSE_SCALES).find((s) => s.value === state.scale);
  if (!scale) errors.add('scale', 'Select how the question is answered', 'scale');
  const required = state.required === 'yes' ? true : state.required === 'no' ? false : null;
  if (required === null) errors.add('required', 'Select whether an answer is required', 'required');
  const evidencePrompt = checkText(
    errors,
    'evidencePrompt',
    state.evidencePrompt,
    LIMITS.evidencePrompt,
    'The evidence prompt',
  );
  const weightText = state.weight.trim();
  const weight = /^\d{1,2}$/.test(weightText) ? Number(weightText) : Number.NaN;
  if (!(weight >= 0 && weight <= LIMITS.weight))
    errors.add('weight', `Enter a weight as a whole number from 0 to ${LIMITS.weight}`);
  const options = scale?.hasOptions ? checkOptions(errors, state.options, scale) : [];
  let showWhen: QuestionValues['showWhen'] = null;
  if (state.showWhen !== '') {
    const target = context.earlier.find((q) => q.id === state.showWhen);
    if (!target) errors.add('showWhen', 'Select an earlier question of this theme, or “Always”', 'showWhen');
    else {
      const chosen = [...new Set(state.showWhenAnswers[target.id] ?? [])];
      const known = new Set(target.answers.map((a) => a.value));
      if (chosen.length === 0 || chosen.some((a) => !known.has(a)))
        errors.add(
          answersField(target.id),
          `Select the answers to question ${target.number} that show this question`,
          answersField(target.id),
        );
      else
        showWhen = {
          questionId: target.id,
          answers: target.answers.map((a) => a.value).filter((v) => chosen.includes(v)),
        };
    }
  }
  if (errors.hasErrors || !scale || required === null) return { errors: errors.build() };
  return {
    values: {
      key,
      text,
      guidance,
      scale: scale.value,
      evidencePrompt,
      required,
      weight,
      options,
      showWhen,
    },
  };
}
