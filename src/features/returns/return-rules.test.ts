import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { questionInfo } from './question-fixtures.ts';
import {
  applicableThemes,
  ratingAtSubmission,
  scoreQuestions,
  themeApplies,
  themeCompletionProblems,
  themeProgress,
} from './return-rules.ts';
import { type AnswerValues, emptyAnswer, emptyRating } from './return-structure.ts';

const question = questionInfo;
const theme = { questions: [question(1), question(2), question(3, 'yes_no')] };
const answer = (values: Partial<AnswerValues>): AnswerValues => ({ ...emptyAnswer(), ...values });
const greenRating = { ...emptyRating(), rating: 'green' as const, justification: 'All in place' };

describe('theme completion rules', () => {
  it('requires every question to be answered', () => {
    const answers = new Map([['q1', answer({ response: 'fully_met' })]]);
    const problems = themeCompletionProblems(theme, answers, greenRating);
    assert.deepEqual(
      problems.map((p) => [p.kind, 'question' in p ? p.question.id : null]),
      [
        ['unanswered', 'q2'],
        ['unanswered', 'q3'],
      ],
    );
  });

  it('requires a reason for N/A', () => {
    const answers = new Map([
      ['q1', answer({ response: 'na' })],
      ['q2', answer({ response: 'na', naReason: 'We do not recruit staff; our parent trust does.' })],
      ['q3', answer({ response: 'yes' })],
    ]);
    assert.deepEqual(
      themeCompletionProblems(theme, answers, greenRating).map((p) => p.kind),
      ['na-reason'],
    );
  });

  it('requires an area for development and target date for Not met, Partly met and No', () => {
    const answers = new Map([
      ['q1', answer({ response: 'not_met' })],
      [
        'q2',
        answer({
          response: 'partly_met',
          actionDescription: 'Train managers',
          actionTargetDate: '2027-03-31',
        }),
      ],
      ['q3', answer({ response: 'no', actionDescription: 'Write the policy' })],
    ]);
    const problems = themeCompletionProblems(theme, answers, greenRating).map((p) => [
      p.kind,
      'question' in p ? p.question.id : null,
    ]);
    assert.deepEqual(problems, [
      ['action-description', 'q1'],
      ['action-target-date', 'q1'],
      ['action-target-date', 'q3'],
    ]);
  });

  it('requires a rating with justification, and an action for Red or Amber', () => {
    const answers = new Map(
      theme.questions.map((q) => [q.id, answer({ response: q.scale === 'graded' ? 'fully_met' : 'yes' })]),
    );
    assert.deepEqual(
      themeCompletionProblems(theme, answers, emptyRating()).map((p) => p.kind),
      ['rating', 'justification'],
    );
    assert.deepEqual(
      themeCompletionProblems(theme, answers, {
        ...emptyRating(),
        rating: 'amber',
        justification: 'Partly embedded',
      }).map((p) => p.kind),
      ['rating-action-description', 'rating-action-target-date'],
    );
    assert.deepEqual(themeCompletionProblems(theme, answers, greenRating), []);
  });
});

describe('submission grading', () => {
  it('grades a theme Red when any question is unanswered, whatever its own rating', () => {
    const answers = new Map([
      ['q1', answer({ response: 'fully_met' })],
      ['q3', answer({ response: 'yes' })],
    ]);
    assert.deepEqual(ratingAtSubmission(theme, answers, greenRating), { rating: 'red', defaulted: true });
  });
  it('keeps the agency rating when every question is answered', () => {
    const answers = new Map(theme.questions.map((q) => [q.id, answer({ response: 'na', naReason: 'x' })]));
    assert.deepEqual(ratingAtSubmission(theme, answers, { ...greenRating, rating: 'amber' }), {
      rating: 'amber',
      defaulted: false,
    });
  });
  it('counts unanswered questions and leaves N/A out of the percentage met', () => {
    const answers = new Map([
      ['q1', answer({ response: 'fully_met' })],
      ['q2', answer({ response: 'na', naReason: 'x' })],
    ]);
    assert.deepEqual(scoreQuestions(theme.questions, answers), {
      met: 1,
      partlyMet: 0,
      notMet: 0,
      na: 1,
      unanswered: 1,
      applicable: 2,
      percentMet: 50,
    });
  });
});

describe('locality-only and sector-only themes', () => {
  const everywhere = { localityIds: [] as string[], sectors: [] as string[], title: 'Leadership' };
  const peterboroughOnly = { localityIds: ['peterborough'], sectors: [] as string[], title: 'Neglect' };
  const healthOnly = {
    localityIds: [] as string[],
    sectors: ['nhs-trust', 'general-practice'],
    title: 'Health',
  };
  it('applies a locality-only theme only to agencies serving that locality', () => {
    assert.equal(themeApplies(peterboroughOnly, ['cambridgeshire'], 'police'), false);
    assert.equal(themeApplies(peterboroughOnly, ['cambridgeshire', 'peterborough'], 'police'), true);
    assert.equal(themeApplies(everywhere, [], 'police'), true);
    assert.deepEqual(
      applicableThemes([everywhere, peterboroughOnly], ['cambridgeshire'], 'police').map((t) => t.title),
      ['Leadership'],
    );
  });

  it('applies a sector-only theme only to agencies in one of its sectors', () => {
    assert.equal(themeApplies(healthOnly, [], 'police'), false);
    assert.equal(themeApplies(healthOnly, [], 'nhs-trust'), true);
    assert.equal(themeApplies(healthOnly, [], 'general-practice'), true);
    assert.deepEqual(
      applicableThemes([everywhere, peterboroughOnly, healthOnly], ['peterborough'], 'police').map(
        (t) => t.title,
      ),
      ['Leadership', 'Neglect'],
    );
    const both = { ...healthOnly, localityIds: ['peterborough'] };
    assert.equal(themeApplies(both, ['cambridgeshire'], 'nhs-trust'), false, 'both limits apply');
    assert.equal(themeApplies(both, ['peterborough'], 'nhs-trust'), true);
  });
});

describe('theme progress', () => {
  it('is not started, in progress, then completed', () => {
    assert.equal(themeProgress(theme, new Map(), undefined), 'not_started');
    assert.equal(
      themeProgress(theme, new Map([['q2', answer({ comment: 'draft' })]]), undefined),
      'in_progress',
    );
    assert.equal(themeProgress(theme, new Map(), { ...greenRating, completed: true }), 'completed');
  });
});
