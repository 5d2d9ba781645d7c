import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScaleOption } from '../templates/template-definition.ts';
import {
  actionAnswers,
  answerIsMet,
  answerNeedsAction,
  answerText,
  hasAnswer,
  shownQuestions,
} from './answer-scales.ts';
import { questionInfo } from './question-fixtures.ts';
import {
  gradeOf,
  ratingAtSubmission,
  scoreQuestions,
  themeCompletionProblems,
  unansweredQuestions,
} from './return-rules.ts';
import { type AnswerValues, emptyAnswer, emptyRating, type QuestionInfo } from './return-structure.ts';
import { completionErrors, parseThemeForm } from './theme/theme.form.ts';

const opt = (key: string, met: boolean, action: boolean): ScaleOption => ({
  key,
  label: key.toUpperCase(),
  met,
  action,
});
const LEVELS = [
  opt('not-started', false, true),
  opt('developing', false, true),
  opt('established', true, false),
  opt('embedded', true, false),
];
const CHOICES = [opt('monthly', true, false), opt('yearly', false, true), opt('unsure', false, false)];

let n = 0;
const question = (scale: QuestionInfo['scale'], extra: Partial<QuestionInfo> = {}): QuestionInfo =>
  questionInfo(++n, scale, {
    options: scale === 'four_level' ? LEVELS : scale.startsWith('choose') ? CHOICES : [],
    ...extra,
  });
const answer = (values: Partial<AnswerValues>): AnswerValues => ({ ...emptyAnswer(), ...values });
const green = { ...emptyRating(), rating: 'green' as const, justification: 'In place' };

describe('response scales: met and action', () => {
  it('graded and yes_no: fixed answers', () => {
    const graded = question('graded');
    assert.equal(answerIsMet(graded, answer({ response: 'fully_met' })), true);
    assert.equal(answerIsMet(graded, answer({ response: 'partly_met' })), false);
    assert.equal(answerNeedsAction(graded, answer({ response: 'partly_met' })), true);
    assert.equal(answerNeedsAction(graded, answer({ response: 'na' })), false);
    assert.equal(gradeOf(graded, answer({ response: 'partly_met' })), 'partly_met');
    assert.equal(gradeOf(graded, answer({ response: 'na' })), 'na');
    const yesNo = question('yes_no');
    assert.equal(answerIsMet(yesNo, answer({ response: 'yes' })), true);
    assert.equal(answerNeedsAction(yesNo, answer({ response: 'no' })), true);
    assert.deepEqual(
      actionAnswers(yesNo).map((o) => o.key),
      ['no'],
    );
  });

  it('four_level and choose_one: the chosen option’s flags; no N/A', () => {
    const four = question('four_level');
    assert.equal(answerIsMet(four, answer({ response: 'established' })), true);
    assert.equal(answerNeedsAction(four, answer({ response: 'developing' })), true);
    assert.equal(gradeOf(four, answer({ response: 'developing' })), 'not_met');
    assert.equal(answerText(four, answer({ response: 'embedded' })), 'EMBEDDED');
    const one = question('choose_one');
    assert.equal(gradeOf(one, answer({ response: 'unsure' })), 'not_met');
    assert.equal(answerNeedsAction(one, answer({ response: 'unsure' })), false, 'neither met nor an action');
    assert.equal(gradeOf(one, answer({ response: 'na' })), 'not_met', 'N/A is not one of its answers');
  });

  it('choose_many: met when every choice is met, an action when any choice generates one', () => {
    const many = question('choose_many');
    assert.equal(answerIsMet(many, answer({ choices: ['monthly'] })), true);
    assert.equal(answerIsMet(many, answer({ choices: ['monthly', 'unsure'] })), false);
    assert.equal(answerNeedsAction(many, answer({ choices: ['monthly', 'yearly'] })), true);
    assert.equal(answerText(many, answer({ choices: ['monthly', 'yearly'] })), 'MONTHLY, YEARLY');
    assert.equal(hasAnswer(many, answer({ choices: [] })), false);
  });

  it('text, number and date: answered or not, never met, never an action, never scored', () => {
    const text = question('text');
    const num = question('number');
    const date = question('date');
    assert.equal(hasAnswer(text, answer({ value: 'Some words' })), true);
    assert.equal(answerNeedsAction(num, answer({ value: '12' })), false);
    assert.equal(answerText(date, answer({ value: '2027-03-31' })), '31 March 2027');
    const answers = new Map([
      [text.id, answer({ value: 'x' })],
      [num.id, answer({ value: '3' })],
    ]);
    assert.deepEqual(scoreQuestions([text, num, date], answers), {
      met: 0,
      partlyMet: 0,
      notMet: 0,
      na: 0,
      unanswered: 0,
      applicable: 0,
      percentMet: null,
    });
    assert.deepEqual(
      unansweredQuestions({ questions: [text, num, date] }, answers).map((q) => q.id),
      [date.id],
      'a required date left blank is unanswered (Red at submission)',
    );
  });
});

describe('required, weight and conditions', () => {
  it('an optional question may be blank: no completion problem, not Red, not scored', () => {
    const required = question('yes_no');
    const optional = question('graded', { required: false });
    const theme = { questions: [required, optional] };
    const answers = new Map([[required.id, answer({ response: 'yes' })]]);
    assert.deepEqual(themeCompletionProblems(theme, answers, green), []);
    assert.deepEqual(ratingAtSubmission(theme, answers, green), { rating: 'green', defaulted: false });
    assert.equal(scoreQuestions(theme.questions, answers).unanswered, 0);
    assert.equal(scoreQuestions(theme.questions, answers).percentMet, 100);
    // Answered, it counts, and asks for its action like any other.
    answers.set(optional.id, answer({ response: 'not_met' }));
    assert.deepEqual(
      themeCompletionProblems(theme, answers, green).map((p) => p.kind),
      ['action-description', 'action-target-date'],
    );
    assert.equal(scoreQuestions(theme.questions, answers).percentMet, 50);
  });

  it('weights the percentage met; weight 0 leaves a question out', () => {
    const heavy = question('graded', { weight: 3 });
    const light = question('graded');
    const ignored = question('yes_no', { weight: 0 });
    const answers = new Map([
      [heavy.id, answer({ response: 'fully_met' })],
      [light.id, answer({ response: 'not_met' })],
      [ignored.id, answer({ response: 'no' })],
    ]);
    const score = scoreQuestions([heavy, light, ignored], answers);
    assert.equal(score.percentMet, 75);
    assert.equal(score.applicable, 2);
    assert.equal(score.notMet, 1);
  });

  it('a hidden conditional question is never required, checked, scored or graded Red', () => {
    const lead = question('yes_no');
    const trained = question('yes_no', { showWhen: { questionId: lead.id, answers: ['yes'] } });
    const followUp = question('text', { showWhen: { questionId: trained.id, answers: ['no'] } });
    const theme = { questions: [lead, trained, followUp] };
    const answers = new Map([
      [lead.id, answer({ response: 'no', actionDescription: 'Appoint', actionTargetDate: '2027-01-01' })],
      // Saved when it was shown; now hidden, its No asks for nothing and does not count.
      [trained.id, answer({ response: 'no' })],
    ]);
    assert.deepEqual(
      shownQuestions(theme.questions, answers).map((q) => q.id),
      [lead.id],
      'hidden, and so is the question that depends on it',
    );
    assert.deepEqual(themeCompletionProblems(theme, answers, green), []);
    assert.deepEqual(unansweredQuestions(theme, answers), []);
    assert.deepEqual(ratingAtSubmission(theme, answers, green), { rating: 'green', defaulted: false });
    assert.equal(scoreQuestions(theme.questions, answers).notMet, 1, 'only the shown No counts');

    answers.set(lead.id, answer({ response: 'yes' }));
    assert.deepEqual(
      shownQuestions(theme.questions, answers).map((q) => q.id),
      [lead.id, trained.id, followUp.id],
    );
    assert.deepEqual(
      themeCompletionProblems(theme, answers, green).map((p) => [
        p.kind,
        'question' in p ? p.question.id : null,
      ]),
      [
        ['action-description', trained.id],
        ['action-target-date', trained.id],
        ['unanswered', followUp.id],
      ],
    );
    assert.deepEqual(
      ratingAtSubmission(theme, answers, green),
      { rating: 'red', defaulted: true },
      'shown and unanswered: Red',
    );
  });

  it('a condition on a choose_many question matches any chosen answer', () => {
    const many = question('choose_many');
    const gaps = question('text', { showWhen: { questionId: many.id, answers: ['yearly'] } });
    const shown = (choices: string[]) =>
      shownQuestions([many, gaps], new Map([[many.id, answer({ choices })]])).map((q) => q.id);
    assert.deepEqual(shown(['monthly']), [many.id]);
    assert.deepEqual(shown(['monthly', 'yearly']), [many.id, gaps.id]);
  });
});

describe('the theme form, per scale', () => {
  const one = question('choose_one');
  const many = question('choose_many');
  const num = question('number');
  const date = question('date');
  const text = question('text');
  const theme = {
    id: 't',
    key: 't',
    number: 1,
    title: 'Theme',
    description: '',
    guidance: '',
    gradeDescriptors: { red: 'r', amber: 'a', green: 'g' },
    localityIds: [],
    sectors: [],
    questions: [one, many, num, date, text],
  };
  const f = (q: QuestionInfo) => `q${q.number}-response`;

  it('takes a choice, several choices, a number (commas allowed), a real date and text', () => {
    const parsed = parseThemeForm(theme, {
      [f(one)]: 'yearly',
      [f(many)]: ['unsure', 'monthly'],
      [f(num)]: ' 1,200 ',
      [`${f(date)}-day`]: '31',
      [`${f(date)}-month`]: '3',
      [`${f(date)}-year`]: '2027',
      [f(text)]: ' Words\r\nmore ',
      [`q${one.number}-action`]: 'Audit monthly',
    });
    assert.deepEqual(parsed.errors.list, []);
    const a = parsed.values!.answers;
    assert.equal(a.get(one.id)!.response, 'yearly');
    assert.equal(a.get(one.id)!.actionDescription, 'Audit monthly', 'Once a year generates an action');
    assert.deepEqual(a.get(many.id)!.choices, ['monthly', 'unsure'], 'in the list’s order');
    assert.equal(a.get(num.id)!.value, '1200');
    assert.equal(a.get(date.id)!.value, '2027-03-31');
    assert.equal(a.get(text.id)!.value, 'Words\nmore');
  });

  it('refuses a number that is not one, a date that is not real and a choice not in the list, keeping what was typed', () => {
    const parsed = parseThemeForm(theme, {
      [f(one)]: 'weekly',
      [f(many)]: ['monthly', 'daily'],
      [f(num)]: 'twelve',
      [`${f(date)}-day`]: '31',
      [`${f(date)}-month`]: '2',
      [`${f(date)}-year`]: '2027',
    });
    assert.equal(parsed.values, null);
    assert.deepEqual(parsed.errors.list, [
      { text: `Select one of the options for question ${one.number}`, href: `#${f(one)}` },
      { text: `Select only options listed for question ${many.number}`, href: `#${f(many)}` },
      { text: `Question ${num.number} must be a number, like 12 or 3.5`, href: `#${f(num)}` },
      { text: `Question ${date.number} must be a real date`, href: `#${f(date)}-day` },
    ]);
    assert.equal(parsed.state.questions[num.id]!.value, 'twelve');
    assert.deepEqual(parsed.state.questions[date.id]!.date, { day: '31', month: '2', year: '2027' });
    assert.deepEqual(parsed.state.questions[many.id]!.choices, ['monthly', 'daily']);
  });

  it('links an unanswered date to its day field, and asks for each scale in its words', () => {
    const errors = completionErrors([
      { kind: 'unanswered', question: date },
      { kind: 'unanswered', question: many },
      { kind: 'unanswered', question: num },
    ]);
    assert.deepEqual(errors.list, [
      { text: `Enter a date for question ${date.number}`, href: `#${f(date)}-day` },
      { text: `Select at least one answer for question ${many.number}`, href: `#${f(many)}` },
      { text: `Enter a number for question ${num.number}`, href: `#${f(num)}` },
    ]);
  });
});
