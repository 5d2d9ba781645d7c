import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { londonDate } from '../../lib/dates.ts';
import { actionPlanItems, isOverdue, summariseScores } from './return-records.ts';
import { type AnswerValues, emptyAnswer, type ThemeInfo } from './return-structure.ts';
import type { ActionRow } from './returns.repository.ts';

const question = (id: string, number: number) => ({
  id,
  key: id,
  number,
  text: `Question ${id}`,
  guidance: '',
  scale: 'graded' as const,
  evidencePrompt: '',
  required: true,
  weight: 1,
  options: [],
  showWhen: null,
});
const theme = (id: string, number: number, questionIds: string[]): ThemeInfo => ({
  id,
  key: id,
  number,
  title: `Theme ${id}`,
  description: '',
  guidance: '',
  gradeDescriptors: { red: '', amber: '', green: '' },
  localityIds: [],
  sectors: [],
  questions: questionIds.map((q, i) => question(q, i + 1)),
});
const answer = (response: AnswerValues['response']): AnswerValues => ({ ...emptyAnswer(), response });
const action = (over: Partial<ActionRow>): ActionRow => ({
  id: 'a',
  themeId: 't1',
  questionId: null,
  description: 'Do it',
  targetDate: '2027-01-31',
  leadPerson: '',
  successCriteria: '',
  status: 'not_started',
  updatedAt: new Date('2026-11-01T00:00:00Z'),
  ...over,
});

describe('score summary', () => {
  const themes = [theme('t1', 1, ['q1', 'q2', 'q3']), theme('t2', 2, ['q4'])];
  const answers = new Map([
    ['q1', answer('fully_met')],
    ['q2', answer('na')],
    ['q3', answer('partly_met')],
  ]);
  const ratings = new Map([
    [
      't1',
      {
        rating: 'green' as const,
        justification: 'ok',
        actionDescription: '',
        actionTargetDate: null,
        completed: true,
      },
    ],
  ]);

  it('keeps the agency’s own ratings before submission', () => {
    const s = summariseScores(themes, answers, ratings, false);
    assert.deepEqual(
      s.rows.map((r) => [r.rating, r.defaulted]),
      [
        ['green', false],
        [null, false],
      ],
    );
    assert.deepEqual(s.ratingCounts, { red: 0, amber: 0, green: 1 });
    assert.equal(s.rows[0]!.score.percentMet, 50);
  });

  it('grades unanswered themes Red once submitted, and totals across themes', () => {
    const s = summariseScores(themes, answers, ratings, true);
    assert.deepEqual(
      s.rows.map((r) => [r.rating, r.defaulted]),
      [
        ['green', false],
        ['red', true],
      ],
    );
    assert.deepEqual(s.ratingCounts, { red: 1, amber: 0, green: 1 });
    assert.deepEqual(
      [s.total.met, s.total.partlyMet, s.total.na, s.total.unanswered, s.total.applicable],
      [1, 1, 1, 1, 3],
    );
  });
});

describe('action plan', () => {
  const now = new Date('2027-02-01T10:00:00Z');
  const today = londonDate(now);
  it('counts an open action past its target date as overdue, and a finished one never', () => {
    assert.equal(isOverdue(action({}), today), true);
    assert.equal(isOverdue(action({ status: 'in_progress' }), today), true);
    assert.equal(isOverdue(action({ status: 'completed' }), today), false);
    assert.equal(isOverdue(action({ status: 'no_longer_needed' }), today), false);
    assert.equal(isOverdue(action({ targetDate: '2027-02-01' }), today), false);
    assert.equal(isOverdue(action({ targetDate: null }), today), false);
  });

  it('orders actions by theme, questions before the theme rating, and names their source', () => {
    const themes = [theme('t1', 1, ['q1', 'q2']), theme('t2', 2, ['q3'])];
    const items = actionPlanItems(
      themes,
      [
        action({ id: 'r2', themeId: 't2' }),
        action({ id: 'r1', themeId: 't1' }),
        action({ id: 'q2', themeId: 't1', questionId: 'q2' }),
        action({ id: 'q1', themeId: 't1', questionId: 'q1' }),
        action({ id: 'gone', themeId: 'unknown' }),
      ],
      [{ actionId: 'q1', status: 'in_progress', note: 'Started', createdAt: now, userName: 'A' }],
      now,
    );
    assert.deepEqual(
      items.map((i) => [i.id, i.source]),
      [
        ['q1', 'Question 1'],
        ['q2', 'Question 2'],
        ['r1', 'Theme rating'],
        ['r2', 'Theme rating'],
      ],
    );
    assert.equal(items[0]!.updates[0]!.note, 'Started');
    assert.equal(items[1]!.updates.length, 0);
  });
});
