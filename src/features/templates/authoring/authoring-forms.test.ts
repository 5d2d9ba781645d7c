import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import type { ResponseScale } from '../../../db/schema.ts';
import { validate } from '../../../web/form-route.ts';
import type { EditableVersion } from '../draft-editing.repository.ts';
import { newTemplateSchema } from '../new-template/new-template.form.ts';
import { publishProblems } from '../publish-checks.ts';
import {
  answersField,
  emptyQuestionState,
  optionField,
  optionRowsToShow,
  type QuestionState,
  questionSchema,
  questionState,
  withOptionRows,
} from '../question/question.form.ts';
import { RESPONSE_SCALES } from '../template-definition.ts';
import { type ThemeState, themeFieldId, themeSchema, themeState } from '../theme/theme.form.ts';

/** A form's values, or its errors (each field's message), as the routes get them from the schema. */
function parsed<S extends z.ZodType>(schema: S, state: unknown, fieldId?: (path: string) => string) {
  const v = validate(schema, state, fieldId);
  return v.ok
    ? { values: v.values as z.output<S>, errors: undefined }
    : { values: undefined, errors: v.errors };
}
const parseNewTemplate = (state: { name: string; key: string; description: string }, taken: Set<string>) =>
  parsed(newTemplateSchema(taken), state);
const parseTheme = (state: ThemeState, context: Parameters<typeof themeSchema>[0]) =>
  parsed(themeSchema(context), state, themeFieldId);
const parseQuestion = (state: QuestionState, context: Parameters<typeof questionSchema>[0]) =>
  parsed(questionSchema(context), state);

/** A scale with named options, as the authoring forms treat one (whatever the app offers). */
const WITH_OPTIONS = RESPONSE_SCALES;
const earlier = [
  {
    id: 'q1',
    number: 1,
    text: 'Do you have a lead?',
    answers: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
      { value: 'na', label: 'N/A' },
    ],
  },
];
const context = { takenKeys: new Set(['lead']), earlier };

describe('the authoring forms', () => {
  it('makes a unique key from the name when none is typed, and names every problem at once', () => {
    const ok = parseNewTemplate(
      { name: '  Early  help ', key: '', description: '' },
      new Set(['early-help']),
    );
    assert.deepEqual(ok.values, { name: 'Early help', key: 'early-help-2', description: '' });
    const bad = parseNewTemplate({ name: '', key: 'Early Help', description: 'x'.repeat(2001) }, new Set());
    assert.deepEqual(Object.keys(bad.errors!.byField), ['name', 'key', 'description']);
    const taken = parseNewTemplate(
      { name: 'A', key: 'early-help', description: '' },
      new Set(['early-help']),
    );
    assert.match(taken.errors!.byField.key!, /already has the key "early-help"/);
  });

  it('reads a theme with its localities, sectors and own descriptors', () => {
    const state = themeState({
      title: 'Neglect',
      key: '',
      ownDescriptors: 'yes',
      'theme-red': 'R',
      'theme-amber': '',
      'theme-green': 'G',
      localities: 'l1',
      sectors: ['police', 'police', 'bogus'],
    });
    const parsed = parseTheme(state, {
      takenKeys: new Set(),
      localityIds: new Set(['l1']),
      sectors: new Set(['police']),
    });
    // In the order of the page: the sectors come before the theme's own descriptors.
    assert.deepEqual(Object.keys(parsed.errors!.byField), ['sectors', 'theme-amber']);
    const fixed = parseTheme(
      { ...state, descriptors: { red: 'R', amber: 'A', green: 'G' }, sectors: ['police', 'police'] },
      { takenKeys: new Set(['neglect']), localityIds: new Set(['l1']), sectors: new Set(['police']) },
    );
    assert.deepEqual(fixed.values, {
      key: 'neglect-2',
      title: 'Neglect',
      description: '',
      guidance: '',
      gradeDescriptors: { red: 'R', amber: 'A', green: 'G' },
      localityIds: ['l1'],
      sectors: ['police'],
    });
  });

  it('reads a question with a condition on an earlier question, in the order of its answers', () => {
    const state = questionState(
      {
        text: 'Who is the lead?',
        scale: 'yes_no',
        required: 'no',
        weight: '3',
        showWhen: 'q1',
        [answersField('q1')]: ['na', 'yes'],
      },
      ['q1'],
    );
    const parsed = parseQuestion(state, context);
    assert.deepEqual(parsed.values, {
      key: 'who-is-the-lead',
      text: 'Who is the lead?',
      guidance: '',
      scale: 'yes_no',
      evidencePrompt: '',
      required: false,
      weight: 3,
      options: [],
      showWhen: { questionId: 'q1', answers: ['yes', 'na'] },
    });
  });

  it('refuses a bad weight, a condition without answers and one on a question that is not earlier', () => {
    const base = { ...emptyQuestionState(), text: 'Q', scale: 'graded' };
    for (const weight of ['11', '-1', '1.5', 'ten', ''])
      assert.match(parseQuestion({ ...base, weight }, context).errors!.byField.weight!, /0 to 10/);
    const none = parseQuestion({ ...base, showWhen: 'q1', showWhenAnswers: { q1: [] } }, context);
    assert.match(none.errors!.byField[answersField('q1')]!, /Select the answers to question 1/);
    const unknown = parseQuestion({ ...base, showWhen: 'q1', showWhenAnswers: { q1: ['maybe'] } }, context);
    assert.ok(unknown.errors!.byField[answersField('q1')]);
    const later = parseQuestion({ ...base, showWhen: 'q9', showWhenAnswers: { q9: ['yes'] } }, context);
    assert.match(later.errors!.byField.showWhen!, /earlier question/);
    assert.match(
      parseQuestion({ ...base, key: 'lead' }, context).errors!.byField.key!,
      /already has the key/,
    );
  });

  it('names options for a scale that has them: at least two, keys made from labels and unique', () => {
    const body = {
      text: 'How often is training refreshed?',
      scale: 'choose_one',
      required: 'yes',
      weight: '1',
      showWhen: '',
      optionRows: '4',
      [optionField(0, 'label')]: 'Every year',
      [optionField(0, 'met')]: 'yes',
      [optionField(1, 'label')]: 'Every year',
      [optionField(2, 'label')]: 'Never',
      [optionField(2, 'action')]: 'yes',
    };
    const parsed = parseQuestion(questionState(body, []), { ...context, scales: WITH_OPTIONS });
    assert.deepEqual(parsed.values?.options, [
      { key: 'every-year', label: 'Every year', met: true, action: false },
      { key: 'every-year-2', label: 'Every year', met: false, action: false },
      { key: 'never', label: 'Never', met: false, action: true },
    ]);
    const one = parseQuestion(
      questionState({ ...body, [optionField(1, 'label')]: '', [optionField(2, 'label')]: '' }, []),
      {
        ...context,
        scales: WITH_OPTIONS,
      },
    );
    assert.match(one.errors!.byField.options!, /at least 2 options/);
    const keyOnly = parseQuestion(questionState({ ...body, [optionField(3, 'key')]: 'sometimes' }, []), {
      ...context,
      scales: WITH_OPTIONS,
    });
    assert.match(keyOnly.errors!.byField[optionField(3, 'label')]!, /Enter the label of option 4/);
    // A scale without named options keeps none.
    assert.deepEqual(
      parseQuestion(questionState({ ...body, scale: 'graded' }, []), context).values?.options,
      [],
    );
  });

  it('adds and removes option rows without losing what was typed, and offers blank rows', () => {
    const state = {
      ...emptyQuestionState(),
      options: [
        { key: '', label: 'A', met: true, action: false },
        { key: 'b', label: 'B', met: false, action: true },
      ],
    };
    assert.equal(withOptionRows(state, { add: true }).options.length, 3);
    assert.deepEqual(withOptionRows(state, { remove: 0 }).options, [state.options[1]]);
    assert.equal(optionRowsToShow(state.options).length, 4);
    assert.deepEqual(optionRowsToShow(state.options).slice(0, 2), state.options);
    assert.equal(
      optionRowsToShow([...state.options, { key: '', label: '', met: false, action: false }]).length,
      4,
    );
  });
});

describe('checks before publishing', () => {
  const question = (
    id: string,
    over: Partial<EditableVersion['themes'][number]['questions'][number]> = {},
  ) => ({
    id,
    key: id,
    position: 1,
    text: id,
    guidance: '',
    scale: 'yes_no' as ResponseScale,
    evidencePrompt: '',
    required: true,
    weight: 1,
    options: [],
    showWhen: null,
    ...over,
  });
  const theme = (title: string, questions: ReturnType<typeof question>[]) => ({
    id: title,
    key: title,
    position: 1,
    title,
    description: '',
    guidance: '',
    gradeDescriptors: null,
    localityIds: [],
    sectors: [],
    questions,
  });
  const draft = (themes: ReturnType<typeof theme>[]): EditableVersion => ({
    id: 'v',
    templateId: 't',
    version: 1,
    status: 'draft',
    publishedAt: null,
    createdAt: new Date(0),
    templateKey: 't',
    templateName: 'T',
    templateDescription: '',
    otherVersions: 0,
    gradeDescriptors: { red: 'r', amber: 'a', green: 'g' },
    themes,
  });

  it('passes a draft whose themes have questions and whose conditions point back', () => {
    const ok = draft([
      theme('a', [question('q1'), question('q2', { showWhen: { questionId: 'q1', answers: ['no'] } })]),
    ]);
    assert.deepEqual(publishProblems(ok), []);
  });

  it('names a draft with no themes, an empty theme, and conditions forward or on answers gone', () => {
    assert.deepEqual(
      publishProblems(draft([])).map((p) => p.text),
      ['Add at least one theme'],
    );
    const bad = draft([
      theme('a', [
        question('q1', { showWhen: { questionId: 'q2', answers: ['yes'] } }),
        question('q2'),
        question('q3', { showWhen: { questionId: 'q2', answers: ['fully_met'] } }),
      ]),
      theme('b', []),
    ]);
    assert.deepEqual(
      publishProblems(bad).map((p) => [p.text, p.href]),
      [
        [
          'Theme 1 (a), question 1 is shown depending on a question that is not before it in the theme',
          '#theme-1',
        ],
        ['Theme 1 (a), question 3 is shown on answers that question 2 no longer has', '#theme-1'],
        ['Theme 2 (b) needs at least one question', '#theme-2'],
      ],
    );
  });
});
