import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileTemplate, fillTemplate } from '../../views/compiled-template.ts';
import { toHtml } from '../../views/render.ts';
import { RESPONSE_SCALE_VALUES } from '../templates/template-definition.ts';
import { answerOptions } from './answer-scales.ts';
import type { QuestionFlags } from './carry-forward.ts';
import type { QuestionInfo } from './return-structure.ts';
import { compiledQuestion, Question, renderQuestion } from './theme/question.view.tsx';
import { conditionText, previewAnswerText } from './theme/question-text.ts';
import type { QuestionFormState } from './theme/theme.form.ts';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const optionKey = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const question = fc.record<QuestionInfo>({
  id: fc.uuid(),
  key: fc.string({ minLength: 1, maxLength: 10 }),
  number: fc.integer({ min: 1, max: 30 }),
  text,
  guidance: text,
  scale: fc.constantFrom(...RESPONSE_SCALE_VALUES),
  evidencePrompt: text,
  required: fc.boolean(),
  weight: fc.integer({ min: 0, max: 5 }),
  // Options are used by the scales that have them (and ignored by the others).
  options: fc.uniqueArray(
    fc.record({ key: optionKey, label: text, met: fc.boolean(), action: fc.boolean() }),
    { minLength: 1, maxLength: 5, selector: (o) => o.key },
  ),
  showWhen: fc.constant(null),
});
const state = (q: QuestionInfo) => {
  const keys = answerOptions(q).map((o) => o.key);
  return fc.record<QuestionFormState>({
    response: keys.length ? fc.constantFrom('', ...keys) : fc.constant(''),
    choices: keys.length ? fc.subarray(keys) : fc.constant([]),
    value: text,
    date: fc.record({ day: text, month: text, year: text }),
    naReason: text,
    evidenceDocument: text,
    evidenceLocation: text,
    comment: text,
    impact: text,
    action: text,
    targetDate: fc.record({ day: text, month: text, year: text }),
  });
};
const tags = fc.record({
  flags: fc.option(
    fc.record<QuestionFlags>({
      focus: fc.boolean(),
      change: fc.constantFrom<QuestionFlags['change']>(null, 'new', 'changed'),
    }),
    { nil: undefined },
  ),
  awaiting: fc.boolean(),
});
type Tags = { flags?: QuestionFlags | undefined; awaiting?: boolean };
const full = (q: QuestionInfo, s: QuestionFormState, t: Tags = {}) =>
  toHtml(Question({ q, s, themeTitle: 'Theme', flags: t.flags, awaiting: t.awaiting }));

describe('compiled question markup', () => {
  it('is the same HTML as rendering the question, for any question, scale, answer, tags and values', () => {
    fc.assert(
      fc.property(
        question.chain((q) =>
          fc.tuple(fc.constant(q), fc.array(fc.tuple(state(q), tags), { minLength: 1, maxLength: 4 })),
        ),
        ([q, cases]) => {
          // The same question object again and again, as a published version's cached structure gives.
          for (const [s, t] of cases)
            assert.equal(renderQuestion(q, s, undefined, 'Theme', t), full(q, s, t));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is compiled (not rendered in full on every request) for every scale and answer', () => {
    fc.assert(
      fc.property(
        question.chain((q) => fc.tuple(fc.constant(q), state(q), tags)),
        ([q, s, t]) => {
          // Text holding the marker character is the one case rendered in full (tested below).
          fc.pre(
            ![q.text, q.guidance, q.evidencePrompt, ...q.options.map((o) => o.label)]
              .join('')
              .includes('\u001f'),
          );
          assert.ok(compiledQuestion(q, s, 'Theme', t), `a ${q.scale} question is compiled`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('escapes what the agency typed', () => {
    const q: QuestionInfo = {
      id: 'q',
      key: 'k',
      number: 1,
      text: 'Q',
      guidance: '',
      scale: 'graded',
      evidencePrompt: '',
      required: true,
      weight: 1,
      options: [],
      showWhen: null,
    };
    const s: QuestionFormState = {
      response: 'na',
      choices: [],
      value: '',
      date: { day: '', month: '', year: '' },
      naReason: '<script>alert(1)</script>',
      evidenceDocument: '" onfocus="x',
      evidenceLocation: '',
      comment: '',
      impact: '',
      action: '',
      targetDate: { day: '', month: '', year: '' },
    };
    const html = String(renderQuestion(q, s, undefined, 'Theme'));
    assert.ok(html.includes('&lt;script>alert(1)&lt;/script>'));
    assert.ok(html.includes('>&#34; onfocus=&#34;x</textarea>'), 'the evidence, in its text area');
    assert.ok(!html.includes('<script>'));
  });

  it('renders in full when the question text holds the marker character', () => {
    const q: QuestionInfo = {
      id: 'q',
      key: 'k',
      number: 1,
      text: 'Odd \u001f0\u001f text',
      guidance: '',
      scale: 'yes_no',
      evidencePrompt: '',
      required: true,
      weight: 1,
      options: [],
      showWhen: null,
    };
    const s: QuestionFormState = {
      response: 'yes',
      choices: [],
      value: '',
      date: { day: '', month: '', year: '' },
      naReason: 'n',
      evidenceDocument: 'd',
      evidenceLocation: 'l',
      comment: 'c',
      impact: 'i',
      action: 'a',
      targetDate: { day: '1', month: '2', year: '2027' },
    };
    assert.equal(renderQuestion(q, s, undefined, 'Theme'), full(q, s));
  });
});

describe('the preview of a theme', () => {
  const base = {
    key: 'k',
    text: 'Q',
    guidance: '',
    evidencePrompt: '',
    required: true,
    weight: 1,
    options: [],
    showWhen: null,
  };
  const lead: QuestionInfo = { ...base, id: 'a', number: 2, scale: 'yes_no' };
  const since: QuestionInfo = {
    ...base,
    id: 'b',
    number: 3,
    scale: 'date',
    required: false,
    showWhen: { questionId: 'a', answers: ['yes', 'na'] },
  };
  const theme = {
    id: 't',
    key: 't',
    number: 1,
    title: 'T',
    description: '',
    guidance: '',
    gradeDescriptors: { red: '', amber: '', green: '' },
    localityIds: [],
    sectors: [],
    questions: [lead, since],
  };

  it('says how each question is answered and when a conditional one is asked', () => {
    assert.equal(previewAnswerText(lead), 'Answer: Yes, No, N/A.');
    assert.equal(previewAnswerText(since), 'Answer (optional): a date.');
    assert.equal(conditionText(since, theme), 'Asked only if you answer Yes or N/A to question 2.');
  });
});

describe('compileTemplate', () => {
  it('compiles markup that never prints a value, and refuses markup that depends on one', () => {
    const unused = compileTemplate(2, (marks) => `<p>${marks[0]}</p>`);
    assert.ok(unused);
    assert.equal(fillTemplate(unused, ['a', 'b']), '<p>a</p>');
    // A paragraph only when the value is not empty cannot be a template.
    assert.equal(
      compileTemplate(2, (marks) => `<p>${marks[0]}</p>${marks[1] ? `<p>${marks[1]}</p>` : ''}`),
      null,
    );
  });

  it('fills repeated slots and escapes each value', () => {
    const t = compileTemplate(2, (marks) => `<a title="${marks[1]}">${marks[0]} ${marks[1]}</a>`);
    assert.ok(t);
    assert.equal(fillTemplate(t, ['<b>', '"x"']), '<a title="&#34;x&#34;">&lt;b> &#34;x&#34;</a>');
  });
});
