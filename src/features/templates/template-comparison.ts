/**
 * Comparing two versions of a template: which themes and questions were added, removed, changed
 * (and in which fields) or moved (within their theme, or to another theme). Pure: it works on any
 * template-shaped data whose themes and questions carry keys, so new definition fields are compared
 * without changing this code. Questions are matched by theme key and question key first; a question
 * key that leaves one theme and arrives in another (once on each side) is the same question moved.
 */
import { isDeepStrictEqual } from 'node:util';

type Keyed = { key: string };
export type ComparableQuestion = Keyed & object;
export type ComparableTheme<Q extends ComparableQuestion = ComparableQuestion> = Keyed & { questions: Q[] };
export type ComparableTemplate<T extends ComparableTheme = ComparableTheme> = { themes: T[] };

/** Fields that identify or place an item, never compared as content. */
const NOT_CONTENT = new Set(['key', 'id', 'number', 'position', 'questions', 'themeId', 'templateVersionId']);

/** Values a missing field stands for, so `required: true` equals no `required` at all. */
const DEFAULTS: Record<string, unknown> = { required: true, weight: 1 };

function normal(field: string, value: unknown): unknown {
  const v = value ?? DEFAULTS[field];
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  return v;
}

/** The content fields whose values differ, in the order they first appear. */
export function changedFields(before: object, after: object): string[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => !NOT_CONTENT.has(f),
  );
  return fields.filter(
    (f) =>
      !isDeepStrictEqual(
        normal(f, (before as Record<string, unknown>)[f]),
        normal(f, (after as Record<string, unknown>)[f]),
      ),
  );
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** Where an item sits: the theme (for questions) and its 1-based position. */
export interface Placement {
  themeKey: string;
  position: number;
}

export interface ThemeComparison<T> {
  key: string;
  kind: ChangeKind;
  before: T | null;
  after: T | null;
  /** Content fields that differ (for `changed`). */
  fields: string[];
  /** True when its order among the themes changed (for themes in both versions). */
  moved: boolean;
  beforePosition: number | null;
  afterPosition: number | null;
}

export interface QuestionComparison<Q> {
  key: string;
  kind: ChangeKind;
  before: Q | null;
  after: Q | null;
  beforePlace: Placement | null;
  afterPlace: Placement | null;
  fields: string[];
  /** `theme`: now in another theme; `position`: its order within the theme changed. */
  moved: 'theme' | 'position' | null;
}

export interface TemplateComparison<T, Q> {
  /** Template-level fields that differ (name, description, gradeDescriptors, …). */
  fields: string[];
  themes: Array<ThemeComparison<T>>;
  questions: Array<QuestionComparison<Q>>;
}

/** Keys of the longest common subsequence of two key lists: items outside it changed order. */
function inOrder(before: string[], after: string[]): Set<string> {
  const n = before.length;
  const m = after.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] =
        before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      kept.add(before[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

const kindOf = (fields: string[]): ChangeKind => (fields.length > 0 ? 'changed' : 'unchanged');

/**
 * Every theme and question of both versions, compared: themes in the later version's order then
 * removed ones; questions likewise (by theme, then position).
 */
export function compareTemplates<T extends ComparableTheme>(
  before: ComparableTemplate<T> & object,
  after: ComparableTemplate<T> & object,
): TemplateComparison<T, T['questions'][number]> {
  type Q = T['questions'][number];
  const { themes: _b, ...beforeRest } = before;
  const { themes: _a, ...afterRest } = after;
  const fields = changedFields(beforeRest, afterRest);

  const beforeThemes = new Map(before.themes.map((t, i) => [t.key, { theme: t, position: i + 1 }]));
  const afterThemes = new Map(after.themes.map((t, i) => [t.key, { theme: t, position: i + 1 }]));
  const themeOrder = inOrder(
    before.themes.map((t) => t.key).filter((k) => afterThemes.has(k)),
    after.themes.map((t) => t.key).filter((k) => beforeThemes.has(k)),
  );
  const themes: Array<ThemeComparison<T>> = [];
  for (const [key, a] of afterThemes) {
    const b = beforeThemes.get(key);
    const { questions: _aq, ...aContent } = a.theme;
    if (!b) {
      themes.push({
        key,
        kind: 'added',
        before: null,
        after: a.theme,
        fields: [],
        moved: false,
        beforePosition: null,
        afterPosition: a.position,
      });
      continue;
    }
    const { questions: _bq, ...bContent } = b.theme;
    const f = changedFields(bContent, aContent);
    themes.push({
      key,
      kind: kindOf(f),
      before: b.theme,
      after: a.theme,
      fields: f,
      moved: !themeOrder.has(key),
      beforePosition: b.position,
      afterPosition: a.position,
    });
  }
  for (const [key, b] of beforeThemes)
    if (!afterThemes.has(key))
      themes.push({
        key,
        kind: 'removed',
        before: b.theme,
        after: null,
        fields: [],
        moved: false,
        beforePosition: b.position,
        afterPosition: null,
      });

  // Questions: the same theme and key first.
  type Side = { q: Q; place: Placement };
  const sides = (template: ComparableTemplate<T>) => {
    const list: Side[] = [];
    for (const t of template.themes)
      t.questions.forEach((q, i) => {
        list.push({ q, place: { themeKey: t.key, position: i + 1 } });
      });
    return list;
  };
  const id = (s: Side) => `${s.place.themeKey}\u0000${s.q.key}`;
  const beforeQs = sides(before);
  const afterQs = sides(after);
  const beforeById = new Map(beforeQs.map((s) => [id(s), s]));
  const afterIds = new Set(afterQs.map(id));
  const pairs = new Map<Side, Side | null>();
  for (const a of afterQs) pairs.set(a, beforeById.get(id(a)) ?? null);
  // A question key that leaves one theme and arrives in another, once each, was moved there.
  const leftOver = beforeQs.filter((s) => !afterIds.has(id(s)));
  const arrived = afterQs.filter((a) => pairs.get(a) === null);
  const count = (list: Side[], key: string) => list.filter((s) => s.q.key === key).length;
  const movedFrom = new Map<Side, Side>();
  for (const a of arrived) {
    if (count(arrived, a.q.key) !== 1 || count(leftOver, a.q.key) !== 1) continue;
    const b = leftOver.find((s) => s.q.key === a.q.key)!;
    pairs.set(a, b);
    movedFrom.set(b, a);
  }

  // Order within each theme, among questions that stayed in it.
  const stayedOrder = new Map<string, Set<string>>();
  for (const t of after.themes) {
    const b = beforeThemes.get(t.key);
    if (!b) continue;
    const stayed = (s: Side) => s.place.themeKey === t.key;
    const afterKeys = afterQs.filter((a) => stayed(a) && pairs.get(a)?.place.themeKey === t.key);
    const beforeKeys = beforeQs.filter((s) => stayed(s) && afterIds.has(id(s)));
    stayedOrder.set(
      t.key,
      inOrder(
        beforeKeys.map((s) => s.q.key),
        afterKeys.map((s) => s.q.key),
      ),
    );
  }

  const questions: Array<QuestionComparison<Q>> = [];
  for (const a of afterQs) {
    const b = pairs.get(a) ?? null;
    if (!b) {
      questions.push({
        key: a.q.key,
        kind: 'added',
        before: null,
        after: a.q,
        beforePlace: null,
        afterPlace: a.place,
        fields: [],
        moved: null,
      });
      continue;
    }
    const f = changedFields(b.q, a.q);
    const moved =
      b.place.themeKey !== a.place.themeKey
        ? 'theme'
        : stayedOrder.get(a.place.themeKey)?.has(a.q.key) === false
          ? 'position'
          : null;
    questions.push({
      key: a.q.key,
      kind: kindOf(f),
      before: b.q,
      after: a.q,
      beforePlace: b.place,
      afterPlace: a.place,
      fields: f,
      moved,
    });
  }
  for (const b of beforeQs)
    if (!afterIds.has(id(b)) && !movedFrom.has(b))
      questions.push({
        key: b.q.key,
        kind: 'removed',
        before: b.q,
        after: null,
        beforePlace: b.place,
        afterPlace: null,
        fields: [],
        moved: null,
      });
  return { fields, themes, questions };
}

/** True when nothing differs between the two versions. */
export function isSameTemplate(c: TemplateComparison<unknown, unknown>): boolean {
  return (
    c.fields.length === 0 &&
    c.themes.every((t) => t.kind === 'unchanged' && !t.moved) &&
    c.questions.every((q) => q.kind === 'unchanged' && q.moved === null)
  );
}

/** How a field is named to people. */
const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  description: 'description',
  gradeDescriptors: 'grade descriptors',
  title: 'title',
  guidance: 'guidance',
  sectors: 'sectors',
  localities: 'localities',
  text: 'text',
  scale: 'answer scale',
  evidencePrompt: 'evidence prompt',
  required: 'whether it must be answered',
  weight: 'weight in scores',
  options: 'answer options',
  showWhen: 'when it is shown',
};

export const fieldLabel = (field: string): string =>
  FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, ' $1').toLowerCase();

/** "text and answer scale" */
export function fieldList(fields: string[]): string {
  const labels = fields.map(fieldLabel);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
