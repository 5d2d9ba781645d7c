import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { section11Template } from './builtin/section-11.ts';
import { compareTemplates, fieldList, isSameTemplate } from './template-comparison.ts';
import type { QuestionDefinition, TemplateDefinition, ThemeDefinition } from './template-definition.ts';

const q = (key: string, text = `Question ${key}?`, extra: Partial<QuestionDefinition> = {}) => ({
  key,
  text,
  guidance: '',
  scale: 'yes_no' as const,
  evidencePrompt: '',
  ...extra,
});
const theme = (key: string, questions: QuestionDefinition[], extra: Partial<ThemeDefinition> = {}) => ({
  key,
  title: key,
  description: '',
  guidance: '',
  questions,
  ...extra,
});
const template = (
  themes: ThemeDefinition[],
  extra: Partial<TemplateDefinition> = {},
): TemplateDefinition => ({
  key: 't',
  name: 'T',
  description: '',
  gradeDescriptors: { red: 'r', amber: 'a', green: 'g' },
  themes,
  ...extra,
});

const v1 = template([
  theme('leadership', [q('lead'), q('policy'), q('report'), q('culture')]),
  theme('training', [q('induction'), q('refresher')]),
  theme('old-theme', [q('gone')]),
]);

describe('comparing two versions of a template', () => {
  it('finds nothing changed between a version and itself (the built-in one too)', () => {
    assert.ok(isSameTemplate(compareTemplates(v1, structuredClone(v1))));
    const c = compareTemplates(section11Template, structuredClone(section11Template));
    assert.ok(isSameTemplate(c));
    assert.equal(c.questions.length, section11Template.themes.flatMap((t) => t.questions).length);
  });

  it('lists added and removed questions and themes by key', () => {
    const v2 = template([
      theme('leadership', [q('lead'), q('policy'), q('report'), q('culture'), q('deputy')]),
      theme('training', [q('induction')]),
      theme('online-safety', [q('filtering')]),
    ]);
    const c = compareTemplates(v1, v2);
    const kinds = (kind: string) =>
      c.questions
        .filter((x) => x.kind === kind)
        .map((x) => x.key)
        .sort();
    assert.deepEqual(kinds('added'), ['deputy', 'filtering']);
    assert.deepEqual(kinds('removed'), ['gone', 'refresher']);
    assert.deepEqual(
      c.themes.filter((t) => t.kind === 'added').map((t) => t.key),
      ['online-safety'],
    );
    assert.deepEqual(
      c.themes.filter((t) => t.kind === 'removed').map((t) => t.key),
      ['old-theme'],
    );
    assert.equal(c.themes.find((t) => t.key === 'training')?.kind, 'unchanged');
    assert.ok(!isSameTemplate(c));
  });

  it('names the fields that changed: text, guidance, scale, options, required, weight, condition', () => {
    const v2 = structuredClone(v1);
    const [lead, policy, report, culture] = v2.themes[0]!.questions;
    lead!.text = 'Is there a named lead for safeguarding?';
    lead!.guidance = 'Give the name.';
    policy!.scale = 'graded';
    report!.required = false;
    report!.weight = 2;
    culture!.options = [{ key: 'x', label: 'X', met: true, action: false }];
    culture!.showWhen = { questionKey: 'lead', answers: ['yes'] };
    v2.themes[1]!.title = 'Training and development';
    v2.name = 'T (2026)';
    const c = compareTemplates(v1, v2);
    const fields = (key: string) => c.questions.find((x) => x.key === key)?.fields;
    assert.deepEqual(fields('lead'), ['text', 'guidance']);
    assert.deepEqual(fields('policy'), ['scale']);
    assert.deepEqual(fields('report'), ['required', 'weight']);
    assert.deepEqual(fields('culture'), ['options', 'showWhen']);
    assert.equal(c.questions.find((x) => x.key === 'lead')?.kind, 'changed');
    assert.deepEqual(c.themes.find((t) => t.key === 'training')?.fields, ['title']);
    assert.deepEqual(c.fields, ['name']);
    assert.equal(fieldList(['text', 'scale', 'showWhen']), 'text, answer scale and when it is shown');
  });

  it('treats a default written out as no change (required: true, weight: 1, no sectors)', () => {
    const v2 = structuredClone(v1);
    v2.themes[0]!.questions[0]!.required = true;
    v2.themes[0]!.questions[0]!.weight = 1;
    v2.themes[0]!.sectors = [];
    assert.ok(isSameTemplate(compareTemplates(v1, v2)));
  });

  it('finds a question moved within its theme without flagging the ones that only shifted', () => {
    const v2 = template([
      theme('leadership', [q('new-first'), q('policy'), q('report'), q('lead'), q('culture')]),
      v1.themes[1]!,
      v1.themes[2]!,
    ]);
    const c = compareTemplates(v1, v2);
    const moved = c.questions.filter((x) => x.moved).map((x) => [x.key, x.moved]);
    assert.deepEqual(moved, [['lead', 'position']]);
    const lead = c.questions.find((x) => x.key === 'lead')!;
    assert.deepEqual([lead.beforePlace?.position, lead.afterPlace?.position], [1, 4]);
    assert.equal(lead.kind, 'unchanged');
  });

  it('finds a question moved to another theme, with and without changes', () => {
    const v2 = template([
      theme('leadership', [q('lead'), q('report'), q('culture')]),
      theme('training', [q('induction'), q('refresher'), q('policy', 'Is the policy part of induction?')]),
      v1.themes[2]!,
    ]);
    const c = compareTemplates(v1, v2);
    const policy = c.questions.find((x) => x.key === 'policy')!;
    assert.equal(policy.moved, 'theme');
    assert.deepEqual(policy.beforePlace, { themeKey: 'leadership', position: 2 });
    assert.deepEqual(policy.afterPlace, { themeKey: 'training', position: 3 });
    assert.equal(policy.kind, 'changed');
    assert.deepEqual(policy.fields, ['text']);
    assert.equal(c.questions.filter((x) => x.kind === 'removed' || x.kind === 'added').length, 0);
  });

  it('does not call a key used in two themes a move: the new one is added', () => {
    const v2 = template([...v1.themes, theme('extra', [q('lead')])]);
    const c = compareTemplates(v1, v2);
    const leads = c.questions.filter((x) => x.key === 'lead');
    assert.deepEqual(leads.map((x) => [x.kind, x.moved, x.afterPlace?.themeKey]).sort(), [
      ['added', null, 'extra'],
      ['unchanged', null, 'leadership'],
    ]);
  });

  it('finds themes that changed order', () => {
    const v2 = template([v1.themes[2]!, v1.themes[0]!, v1.themes[1]!]);
    const c = compareTemplates(v1, v2);
    assert.deepEqual(
      c.themes.filter((t) => t.moved).map((t) => [t.key, t.beforePosition, t.afterPosition]),
      [['old-theme', 3, 1]],
    );
    assert.ok(c.themes.every((t) => t.kind === 'unchanged'));
    assert.ok(!isSameTemplate(c));
  });
});
