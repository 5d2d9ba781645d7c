/**
 * The template file format (docs/template-format.md): one zod schema is the single source of
 * truth for what a YAML or JSON template file may hold; reading a file either yields a definition
 * or names every problem with its field path and, where it can, its line. Writing a definition
 * gives the same file back that reading it took in.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { closestWord } from '../../lib/did-you-mean.ts';
import {
  optionCountProblem,
  type QuestionDefinition,
  RESPONSE_SCALE_VALUES,
  responseScale,
  type TemplateDefinition,
} from './template-definition.ts';

/** Files larger than this are refused unread. */
export const TEMPLATE_FILE_MAX_BYTES = 256 * 1024;

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const key = z
  .string({ error: 'Enter a key' })
  .min(1, 'Enter a key')
  .max(60, 'A key must be 60 characters or fewer')
  .regex(KEY, 'A key must use only lowercase letters, numbers and single hyphens, like "safer-recruitment"');
const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .max(max, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .refine((s) => s.trim().length >= min, `Enter ${what.toLowerCase()}`);

/**
 * An object's own message for being no object at all (a list or text where it belongs). Unknown and
 * missing fields get their own messages, naming the field (`readTemplateFile`).
 */
const notAnObject = (message: string) => ({
  error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? message : undefined),
});

const gradeDescriptors = z.strictObject(
  {
    red: text('The red descriptor', 1, 500),
    amber: text('The amber descriptor', 1, 500),
    green: text('The green descriptor', 1, 500),
  },
  notAnObject('Grade descriptors must have red, amber and green'),
);

const option = z.strictObject(
  {
    key,
    label: text('The option label', 1, 200),
    met: z.boolean({ error: 'met must be true or false' }),
    action: z.boolean({ error: 'action must be true or false' }),
  },
  notAnObject('Each option must have key, label, met and action'),
);

const showWhen = z.strictObject(
  {
    questionKey: key,
    answers: z
      .array(z.string({ error: 'Each answer must be text' }), { error: 'answers must be a list' })
      .min(1, 'Name at least 1 answer that shows the question'),
  },
  notAnObject('showWhen must have questionKey and answers'),
);

const question = z
  .strictObject(
    {
      key,
      text: text('Question text', 1, 1000),
      scale: z.enum(RESPONSE_SCALE_VALUES, {
        error: `The scale must be one of ${RESPONSE_SCALE_VALUES.map((s) => `"${s}"`).join(', ')}`,
      }),
      options: z
        .array(option, { error: 'Options must be a list' })
        .max(20, 'A question can have at most 20 options')
        .superRefine((items, ctx) => uniqueKeys('option')(items, ctx))
        .optional(),
      required: z.boolean({ error: 'required must be true or false' }).optional(),
      weight: z
        .number({ error: 'weight must be a whole number from 0 to 100' })
        .int('weight must be a whole number from 0 to 100')
        .min(0, 'weight must be a whole number from 0 to 100')
        .max(100, 'weight must be a whole number from 0 to 100')
        .optional(),
      showWhen: showWhen.optional(),
      guidance: text('Question guidance', 0, 4000),
      evidencePrompt: text('The evidence prompt', 0, 1000),
    },
    notAnObject('Each question must have key, text, scale, guidance and evidencePrompt'),
  )
  .superRefine((q, ctx) => {
    const scale = responseScale(q.scale);
    const count = q.options?.length ?? 0;
    if (!scale.hasOptions) {
      if (q.options !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: `A "${q.scale}" question has no options`,
        });
      return;
    }
    const problem = optionCountProblem(scale, count);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `A "${q.scale}" question must have ${problem}`,
      });
  });

/** The answers a question offers, by key (none for text, number and date). */
function answerKeys(q: Pick<QuestionDefinition, 'scale' | 'options'>): string[] {
  const scale = responseScale(q.scale);
  return (scale.fixed ?? q.options ?? []).map((o) => o.key);
}

/** A condition names an earlier question of its theme that has choices, and answers it offers. */
function checkConditions(
  questions: ReadonlyArray<Pick<QuestionDefinition, 'key' | 'scale' | 'options' | 'showWhen'>>,
  ctx: z.core.$RefinementCtx<unknown>,
) {
  for (const [i, q] of questions.entries()) {
    if (!q.showWhen) continue;
    const path = [i, 'showWhen'];
    const j = questions.findIndex((earlier) => earlier.key === q.showWhen!.questionKey);
    if (j < 0 || j >= i) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'questionKey'],
        message: `showWhen must name an earlier question of the same theme; "${q.showWhen.questionKey}" is not one`,
      });
      continue;
    }
    const offered = answerKeys(questions[j]!);
    if (offered.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'questionKey'],
        message: `showWhen must name a question answered by choosing; "${q.showWhen.questionKey}" is not`,
      });
      continue;
    }
    for (const [k, answer] of q.showWhen.answers.entries())
      if (!offered.includes(answer))
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'answers', k],
          message: `"${answer}" is not an answer of question "${q.showWhen.questionKey}" (it offers ${offered.map((o) => `"${o}"`).join(', ')})`,
        });
  }
}

/** Keys must be unique among their siblings: the issue points at the second one. */
const uniqueKeys =
  (what: string) => (items: Array<{ key: string }>, ctx: z.core.$RefinementCtx<Array<{ key: string }>>) => {
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (seen.has(item.key))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'key'],
          message: `The ${what} key "${item.key}" is used twice`,
        });
      seen.add(item.key);
    }
  };

const theme = z.strictObject(
  {
    key,
    title: text('Theme title', 1, 200),
    sectors: z
      .array(
        z.enum(AGENCY_SECTORS, { error: 'Each sector must be one of the sector codes in the format guide' }),
        {
          error: 'sectors must be a list',
        },
      )
      .optional(),
    localities: z
      .array(text('Each locality', 1, 200), { error: 'localities must be a list of locality names' })
      .superRefine((names, ctx) => {
        const seen = new Set<string>();
        for (const [i, name] of names.entries()) {
          if (seen.has(localityName(name)))
            ctx.addIssue({ code: 'custom', path: [i], message: `The locality "${name}" is named twice` });
          seen.add(localityName(name));
        }
      })
      .optional(),
    description: text('Theme description', 0, 1000),
    guidance: text('Theme guidance', 0, 4000),
    gradeDescriptors: gradeDescriptors.optional(),
    questions: z
      .array(question, { error: 'Questions must be a list' })
      .min(1, 'A theme must have at least 1 question')
      .max(40, 'A theme can have at most 40 questions')
      .superRefine(uniqueKeys('question'))
      .superRefine(checkConditions),
  },
  notAnObject('Each theme must have key, title, description, guidance and questions'),
);

export const templateFileSchema = z.strictObject(
  {
    key,
    name: text('The template name', 1, 200),
    description: text('The template description', 0, 2000),
    gradeDescriptors,
    themes: z
      .array(theme, { error: 'Themes must be a list' })
      .min(1, 'A template must have at least 1 theme')
      .max(30, 'A template can have at most 30 themes')
      .superRefine(uniqueKeys('theme')),
  },
  notAnObject('The file must hold one template: key, name, description, gradeDescriptors and themes'),
);

/** A locality's name as matched: case and spacing aside (as the partnership keeps them unique). */
export const localityName = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The localities a definition's themes name that are not the partnership's (`known`: its
 * localities' names, retired ones too), each with the locality it most likely stands for.
 */
export function localityIssues(definition: TemplateDefinition, known: ReadonlyArray<string>): FileIssue[] {
  const names = new Set(known.map(localityName));
  const issues: FileIssue[] = [];
  for (const [i, theme] of definition.themes.entries())
    for (const [j, name] of (theme.localities ?? []).entries()) {
      if (names.has(localityName(name))) continue;
      const guess = closestWord(name, known);
      issues.push({
        path: ['themes', i, 'localities', j],
        message: `"${name}" is not a locality of this partnership${
          guess
            ? ` – did you mean "${guess}"?`
            : known.length
              ? ` (its localities are ${known.map((k) => `"${k}"`).join(', ')})`
              : ' (it has none)'
        }`,
      });
    }
  return issues;
}

/** What each object of a file is called in messages: "is not a field of a question". */
const OBJECT_NAMES = new Map<z.ZodType, string>([
  [templateFileSchema, 'the template'],
  [gradeDescriptors, 'gradeDescriptors'],
  [theme, 'a theme'],
  [question, 'a question'],
  [option, 'an option'],
  [showWhen, 'showWhen'],
]);

/** The object schema at `path` of a file (through lists and optional fields), if it is one. */
function objectSchemaAt(path: ReadonlyArray<string | number>): z.ZodObject | undefined {
  const unwrap = (s: z.ZodType): z.ZodType => (s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s);
  let schema: z.ZodType = templateFileSchema;
  for (const p of path) {
    schema = unwrap(schema);
    if (typeof p === 'number' && schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (typeof p === 'string' && schema instanceof z.ZodObject && Object.hasOwn(schema.shape, p))
      schema = schema.shape[p] as z.ZodType;
    else return undefined;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? schema : undefined;
}

/** The value at `path` of what was read, if there is one. */
function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A schema issue as the person reads it: one per unknown field, and "is missing" for missing ones. */
export interface FileIssue {
  path: Array<string | number>;
  message: string;
  /** The path ends with a field the object does not have: its line is that of the key itself. */
  unknownKey?: boolean;
}

/**
 * The issues of checking `value` against the file schema, in words: an unknown field is named, with
 * the field it most likely stands for, in its own issue whose path ends with it; a missing field
 * "is missing". Shared by the YAML/JSON reading and the XLSX reading.
 */
export function fileIssues(value: unknown, issues: ReadonlyArray<z.core.$ZodIssue>): FileIssue[] {
  const out: FileIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const schema = objectSchemaAt(path);
      const object = valueAt(value, path);
      const fields = schema ? Object.keys(schema.shape) : [];
      const absent = fields.filter((f) => !isPlainObject(object) || !Object.hasOwn(object, f));
      const what = (schema && OBJECT_NAMES.get(schema)) ?? 'this object';
      for (const k of issue.keys) {
        const guess = closestWord(k, absent);
        out.push({
          path: [...path, k],
          message: `"${k}" is not a field of ${what}${guess ? ` – did you mean "${guess}"?` : ''}`,
          unknownKey: true,
        });
      }
      continue;
    }
    const last = path.at(-1);
    const parent = valueAt(value, path.slice(0, -1));
    if (
      issue.code === 'invalid_type' &&
      typeof last === 'string' &&
      isPlainObject(parent) &&
      !Object.hasOwn(parent, last)
    ) {
      out.push({ path, message: `"${last}" is missing` });
      continue;
    }
    out.push({ path, message: issue.message });
  }
  return out;
}

export type TemplateFormat = 'yaml' | 'json';

export interface TemplateFileProblem {
  /** Like `themes[2].questions[0].text`; empty for the file as a whole. */
  field: string;
  /** 1-based, when known. */
  line?: number;
  message: string;
}

export type TemplateFileResult =
  | { definition: TemplateDefinition; problems?: undefined }
  | { definition?: undefined; problems: TemplateFileProblem[] };

/** A problem in words: "Line 12, themes[0].key: message", or the message alone for the whole file. */
export function problemText(p: TemplateFileProblem): string {
  return (
    [p.line === undefined ? '' : `Line ${p.line}`, p.field].filter(Boolean).join(', ') +
    (p.line === undefined && p.field === '' ? p.message : `: ${p.message}`)
  );
}

/** `themes[2].questions[0].text` */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

/** The format a file name claims, or undefined for anything else. */
export function formatOf(fileName: string): TemplateFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

const whole = (message: string, line?: number): TemplateFileResult => ({
  problems: [line === undefined ? { field: '', message } : { field: '', line, message }],
});

/**
 * Reads a template file. Never throws: any input gives a definition or a list of problems.
 * YAML is read with the core schema only (no custom tags), no aliases or anchors, one document.
 */
export function readTemplateFile(
  format: TemplateFormat,
  data: Uint8Array,
  /** The importing partnership's locality names: a theme naming another is a problem. */
  localities?: ReadonlyArray<string>,
): TemplateFileResult {
  try {
    return readUnsafe(format, data, localities);
  } catch {
    return whole('The file could not be read as a template');
  }
}

function readUnsafe(
  format: TemplateFormat,
  data: Uint8Array,
  localities: ReadonlyArray<string> | undefined,
): TemplateFileResult {
  if (data.byteLength > TEMPLATE_FILE_MAX_BYTES) return whole('The file must be smaller than 256 KB');
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return whole('The file must be text encoded as UTF-8');
  }
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  if (source.trim() === '') return whole('The file is empty');
  if (nestedTooDeeply(source)) return whole('The file is nested too deeply to be a template');

  // Positions come from the YAML reading in both formats: JSON is a subset of YAML 1.2.
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(Math.min(offset, source.length)).line;

  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(source);
    } catch (e) {
      const at = /position (\d+)/.exec(String((e as Error).message));
      return whole('The file is not valid JSON', at ? lineAt(Number(at[1])) : undefined);
    }
    const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
    if (duplicate)
      return whole(`The file is not valid: ${yamlMessage(duplicate.code)}`, lineAt(duplicate.pos[0]));
  } else {
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem)
      return whole(`The file is not valid YAML: ${yamlMessage(problem.code)}`, lineAt(problem.pos[0]));
    const extra = notPlainData(doc.contents as Node | null);
    if (extra === 'alias') return whole('The file must not use YAML anchors or aliases (& and *)');
    if (extra === 'tag') return whole('The file is not valid YAML: it uses a tag that is not plain data');
    value = doc.toJS({ maxAliasCount: 0 });
  }

  const parsed = templateFileSchema.safeParse(value);
  const issues = parsed.success
    ? localities
      ? localityIssues(parsed.data, localities)
      : []
    : fileIssues(value, parsed.error.issues);
  if (parsed.success && issues.length === 0) return { definition: parsed.data };
  const problems = issues.map(({ path, message, unknownKey }) => {
    const line = unknownKey ? keyLine(doc, path, lineAt) : lineOf(doc, path, lineAt);
    const problem: TemplateFileProblem = { field: fieldPath(path), message };
    if (line !== undefined) problem.line = line;
    return problem;
  });
  // In the order of the file, as people read it.
  return { problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** The line of a field in a file already read successfully (for problems found later), if known. */
export function lineOfField(data: Uint8Array, path: Array<string | number>): number | undefined {
  try {
    const source = new TextDecoder().decode(data);
    const lineCounter = new LineCounter();
    const doc = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true });
    return lineOf(doc, path, (offset) =>
      offset === undefined ? undefined : lineCounter.linePos(offset).line,
    );
  } catch {
    return undefined;
  }
}

/**
 * A cheap look before parsing: a template nests about six deep, so brackets 32 deep or a line
 * starting with 200 spaces and dashes is refused (deep nesting costs the parsers a second of CPU).
 */
function nestedTooDeeply(source: string): boolean {
  let depth = 0;
  let lead = 0;
  let atLineStart = true;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      lead = 0;
      continue;
    }
    if (atLineStart) {
      if (c === 32 || c === 45 || c === 9) {
        if (++lead > 200) return true;
      } else atLineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > 32) return true;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return false;
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'a key is repeated in the same mapping',
  MULTIPLE_DOCS: 'the file must hold only one document',
  TAG_RESOLVE_FAILED: 'it uses a tag that is not plain data',
  BAD_ALIAS: 'it uses an alias',
};
const yamlMessage = (code: string) => YAML_MESSAGES[code] ?? 'its structure is broken';

/** Anything beyond plain data: an anchor or alias, or an explicit tag (like `!!binary`). */
function notPlainData(node: Node | null | undefined, depth = 0): 'alias' | 'tag' | undefined {
  if (!node) return undefined;
  if (depth > 100) return 'tag';
  if (isAlias(node) || (node as { anchor?: string }).anchor) return 'alias';
  if ((node as { tag?: string }).tag) return 'tag';
  const children: unknown[] = isMap(node)
    ? node.items.flatMap((pair) => [pair.key, pair.value])
    : isSeq(node)
      ? node.items
      : [];
  for (const child of children) {
    const found = notPlainData(child as Node | null, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The line of the key that ends `path` (the key itself, whatever its value), else as `lineOf`. */
function keyLine(
  doc: ReturnType<typeof parseDocument>,
  path: Array<string | number>,
  lineAt: (offset: number | undefined) => number | undefined,
): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (doc.errors.length === 0 && isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1));
    if (pair && isScalar(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
  }
  return lineOf(doc, path, lineAt);
}

/** The line of the deepest node along `path` that the document has. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: Array<string | number>,
  lineAt: (offset: number | undefined) => number | undefined,
): number | undefined {
  if (doc.errors.length > 0) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return lineAt(node.range[0]);
  }
  return undefined;
}

/** The definition in file order: what reading gives back exactly. */
function ordered(d: TemplateDefinition) {
  return {
    key: d.key,
    name: d.name,
    description: d.description,
    gradeDescriptors: {
      red: d.gradeDescriptors.red,
      amber: d.gradeDescriptors.amber,
      green: d.gradeDescriptors.green,
    },
    themes: d.themes.map((t) => ({
      key: t.key,
      title: t.title,
      ...(t.sectors?.length ? { sectors: [...t.sectors] } : {}),
      ...(t.localities?.length ? { localities: [...t.localities] } : {}),
      description: t.description,
      guidance: t.guidance,
      ...(t.gradeDescriptors
        ? {
            gradeDescriptors: {
              red: t.gradeDescriptors.red,
              amber: t.gradeDescriptors.amber,
              green: t.gradeDescriptors.green,
            },
          }
        : {}),
      questions: t.questions.map((q) => ({
        key: q.key,
        text: q.text,
        scale: q.scale,
        // Defaults are left out, so a file reads back the same.
        ...(q.options
          ? { options: q.options.map((o) => ({ key: o.key, label: o.label, met: o.met, action: o.action })) }
          : {}),
        ...(q.required === false ? { required: false } : {}),
        ...(q.weight !== undefined && q.weight !== 1 ? { weight: q.weight } : {}),
        ...(q.showWhen
          ? { showWhen: { questionKey: q.showWhen.questionKey, answers: [...q.showWhen.answers] } }
          : {}),
        guidance: q.guidance,
        evidencePrompt: q.evidencePrompt,
      })),
    })),
  };
}

/** A template file's text in the given format. */
export function writeTemplateFile(format: TemplateFormat, definition: TemplateDefinition): string {
  const data = ordered(definition);
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  return stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });
}
