import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countedAnswer } from './answer-scales.ts';
import { matchQuestions, matchThemes, planCarryForward } from './carry-forward.ts';
import { questionInfo } from './question-fixtures.ts';
import {
  scoreQuestions,
  themeCompletionProblems,
  themeProgress,
  unansweredQuestions,
} from './return-rules.ts';
import {
  type AnswerValues,
  emptyAnswer,
  emptyRating,
  type QuestionInfo,
  type ThemeInfo,
} from './return-structure.ts';

const q = (
  id: string,
  key: string,
  text: string,
  scale: QuestionInfo['scale'] = 'graded',
  number = 1,
): QuestionInfo => questionInfo(number, scale, { id, key, text });
const theme = (id: string, key: string, questions: QuestionInfo[]): ThemeInfo => ({
  id,
  key,
  number: 1,
  title: key,
  description: '',
  guidance: '',
  gradeDescriptors: { red: '', amber: '', green: '' },
  localityIds: [],
  sectors: [],
  questions,
});

const v1 = {
  themes: [
    theme('t1', 'leadership', [
      q('v1-a', 'lead-1', 'Is there a named lead?'),
      q('v1-b', 'lead-2', 'Is the policy reviewed?'),
      q('v1-c', 'lead-3', 'Do staff know the policy?', 'yes_no'),
    ]),
  ],
};
const v2 = {
  themes: [
    theme('t2', 'leadership', [
      q('v2-a', 'lead-1', 'Is there a named lead?'),
      q('v2-b', 'lead-2', 'Is the policy reviewed every year?'),
      q('v2-c', 'lead-3', 'Do staff know the policy?', 'graded'),
      q('v2-d', 'lead-4', 'Is there a deputy lead?'),
    ]),
    theme('t3', 'training', [q('v2-e', 'lead-1', 'Is there a named lead?')]),
  ],
};

describe('matching questions between template versions', () => {
  it('treats the same question, or the same keys with the same text and scale, as unchanged', () => {
    const same = matchQuestions(v1, v1);
    assert.deepEqual(same.get('v1-b'), { change: 'unchanged', previousQuestionId: 'v1-b' });
    const later = matchQuestions(v1, v2);
    assert.deepEqual(later.get('v2-a'), { change: 'unchanged', previousQuestionId: 'v1-a' });
  });

  it('flags changed text or scale as changed, and unknown keys (or another theme) as new', () => {
    const later = matchQuestions(v1, v2);
    assert.equal(later.get('v2-b')?.change, 'changed', 'text changed');
    assert.equal(later.get('v2-c')?.change, 'changed', 'scale changed');
    assert.equal(later.get('v2-d')?.change, 'new');
    assert.equal(later.get('v2-e')?.change, 'new', 'same question key in another theme');
  });

  it('flags a question whose options changed (a key or a label) as changed', () => {
    const opts = (labels: string[]) =>
      labels.map((label, i) => ({ key: `o${i}`, label, met: i > 1, action: i < 2 }));
    const level = (id: string, labels: string[]) => ({
      ...q(id, 'maturity', 'How mature is supervision?', 'four_level'),
      options: opts(labels),
    });
    const before = { themes: [theme('t1', 'leadership', [level('a', ['None', 'Some', 'Most', 'All'])])] };
    const same = { themes: [theme('t2', 'leadership', [level('b', ['None', 'Some', 'Most', 'All'])])] };
    const relabelled = {
      themes: [theme('t3', 'leadership', [level('c', ['None', 'A few', 'Most', 'All'])])],
    };
    assert.equal(matchQuestions(before, same).get('b')?.change, 'unchanged');
    assert.equal(matchQuestions(before, relabelled).get('c')?.change, 'changed');
  });
});

describe('planning the carry forward', () => {
  const matches = matchQuestions(v1, v2);
  const ids = ['v2-a', 'v2-b', 'v2-c', 'v2-d'];
  it('carries answers of unchanged questions and their open actions only', () => {
    const plan = planCarryForward(
      matches,
      ids,
      [
        { questionId: 'v1-a', answered: true, awaitingConfirmation: false },
        { questionId: 'v1-b', answered: true, awaitingConfirmation: false },
      ],
      [
        { id: 'act-a', themeId: 't1', questionId: 'v1-a', status: 'in_progress' },
        { id: 'act-b', themeId: 't1', questionId: 'v1-b', status: 'not_started' },
      ],
      { matches: matchThemes(v1, v2), themeIds: ['t2', 't3'] },
    );
    assert.deepEqual(plan.answers, [{ questionId: 'v2-a', fromQuestionId: 'v1-a' }]);
    assert.deepEqual(plan.actions, [{ questionId: 'v2-a', fromActionId: 'act-a' }]);
    assert.equal(plan.changedQuestions, 2);
    assert.equal(plan.newQuestions, 1);
  });

  it('leaves completed and no-longer-needed actions, unanswered and never-confirmed answers behind', () => {
    const plan = planCarryForward(
      matchQuestions(v1, v1),
      ['v1-a', 'v1-b', 'v1-c'],
      [
        { questionId: 'v1-a', answered: true, awaitingConfirmation: false },
        { questionId: 'v1-b', answered: true, awaitingConfirmation: false },
        { questionId: 'v1-c', answered: true, awaitingConfirmation: true },
      ],
      [
        { id: 'done', themeId: 't1', questionId: 'v1-a', status: 'completed' },
        { id: 'dropped', themeId: 't1', questionId: 'v1-b', status: 'no_longer_needed' },
      ],
      { matches: matchThemes(v1, v1), themeIds: ['t1'] },
    );
    assert.deepEqual(
      plan.answers.map((a) => a.questionId),
      ['v1-a', 'v1-b'],
    );
    assert.deepEqual(plan.actions, []);
  });
});

describe('carrying forward actions of theme ratings and challenge events', () => {
  it('carries the open ones onto the theme with the same key, if it applies to the agency', () => {
    const v3 = { themes: [...v2.themes, theme('t4', 'neglect', [])] };
    const previous = { themes: [...v1.themes, theme('t0', 'neglect', []), theme('t9', 'retired', [])] };
    assert.deepEqual(
      [...matchThemes(previous, v3)],
      [
        ['t1', 't2'],
        ['t0', 't4'],
      ],
    );
    const plan = planCarryForward(
      matchQuestions(previous, v3),
      [],
      [],
      [
        { id: 'rating', themeId: 't1', questionId: null, status: 'not_started' },
        { id: 'event', themeId: 't1', questionId: null, status: 'in_progress' },
        { id: 'event-done', themeId: 't1', questionId: null, status: 'completed' },
        { id: 'rating-dropped', themeId: 't1', questionId: null, status: 'no_longer_needed' },
        { id: 'not-applying', themeId: 't0', questionId: null, status: 'in_progress' },
        { id: 'theme-gone', themeId: 't9', questionId: null, status: 'in_progress' },
        { id: 'question-unanswered', themeId: 't1', questionId: 'v1-a', status: 'in_progress' },
      ],
      { matches: matchThemes(previous, v3), themeIds: ['t2', 't3'] },
    );
    assert.deepEqual(plan.themeActions, [
      { themeId: 't2', fromActionId: 'rating' },
      { themeId: 't2', fromActionId: 'event' },
    ]);
    assert.deepEqual(plan.actions, [], 'a question’s action still travels with its answer');
  });
});

describe('unconfirmed carried-forward answers count as unanswered', () => {
  const t = { questions: [q('a', 'a', 'A', 'graded', 1), q('b', 'b', 'B', 'graded', 2)] };
  const carried = (values: Partial<AnswerValues>): AnswerValues => ({
    ...emptyAnswer(),
    ...values,
    awaitingConfirmation: true,
  });
  const answers = new Map<string, AnswerValues>([
    ['a', carried({ response: 'fully_met', evidenceDocument: 'Policy' })],
    ['b', { ...emptyAnswer(), response: 'fully_met' }],
  ]);
  const rating = { ...emptyRating(), rating: 'green' as const, justification: 'In place' };

  it('in scores, unanswered lists and completion', () => {
    assert.equal(countedAnswer({ scale: 'graded' }, answers.get('a')), null);
    assert.equal(countedAnswer({ scale: 'graded' }, answers.get('b'))?.response, 'fully_met');
    assert.deepEqual(
      unansweredQuestions(t, answers).map((x) => x.id),
      ['a'],
    );
    const score = scoreQuestions(t.questions, answers);
    assert.equal(score.unanswered, 1);
    assert.equal(score.met, 1);
    assert.deepEqual(
      themeCompletionProblems(t, answers, rating).map((p) => p.kind),
      ['unconfirmed'],
    );
  });

  it('in progress: a theme with only pre-filled answers is not started', () => {
    const onlyCarried = new Map([['a', carried({ response: 'fully_met' })]]);
    assert.equal(themeProgress(t, onlyCarried, undefined), 'not_started');
    const confirmed = new Map([
      ['a', { ...carried({ response: 'fully_met' }), awaitingConfirmation: false }],
    ]);
    assert.equal(themeProgress(t, confirmed, undefined), 'in_progress');
  });
});

describe('question flags', async () => {
  const { questionFlags } = await import('./carry-forward.ts');
  it('marks focus questions, and new or changed ones only when the return was pre-filled', () => {
    const flags = questionFlags(v2, ['v2-a'], v1);
    assert.deepEqual(flags.get('v2-a'), { focus: true, change: null });
    assert.deepEqual(flags.get('v2-b'), { focus: false, change: 'changed' });
    assert.deepEqual(flags.get('v2-d'), { focus: false, change: 'new' });
    assert.deepEqual(questionFlags(v2, [], null).get('v2-d'), { focus: false, change: null });
  });
});

describe('carry forward follows the template comparison', () => {
  it('carries the answer of a question moved to another theme when its text and scale are the same', () => {
    const earlier = {
      themes: [
        theme('t1', 'leadership', [q('a-1', 'lead-1', 'Is there a named lead?'), q('a-2', 'plan', 'Plan?')]),
        theme('t2', 'training', [q('a-3', 'induction', 'Induction?')]),
      ],
    };
    const later = {
      themes: [
        theme('t3', 'leadership', [q('b-1', 'lead-1', 'Is there a named lead?')]),
        theme('t4', 'training', [q('b-3', 'induction', 'Induction?'), q('b-2', 'plan', 'Plan?')]),
        theme('t5', 'governance', [q('b-4', 'induction', 'Induction?')]),
      ],
    };
    const matches = matchQuestions(earlier, later);
    assert.deepEqual(matches.get('b-2'), { change: 'unchanged', previousQuestionId: 'a-2' });
    assert.equal(matches.get('b-4')?.change, 'new', 'a key still in its theme is not moved');
    const moved = structuredClone(later);
    moved.themes[1]!.questions[1]!.text = 'Is there a plan?';
    assert.equal(matchQuestions(earlier, moved).get('b-2')?.change, 'changed');
  });
});
