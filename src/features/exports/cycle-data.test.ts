import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime } from '../../lib/dates.ts';
import type { MonitoringRow } from '../cycles/monitoring.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';
import {
  agencySummaries,
  buildCycleData,
  challengeText,
  participation,
  themeSummaries,
} from './cycle-data.ts';

const grades = { red: 'r', amber: 'a', green: 'g' };
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
const structure: ReturnStructure = {
  templateVersionId: 'v',
  themes: [
    {
      id: 't1',
      key: 'one',
      number: 1,
      title: 'Leadership',
      description: '',
      guidance: '',
      gradeDescriptors: grades,
      localityIds: [],
      sectors: [],
      questions: [question('q1', 1), question('q2', 2)],
    },
    {
      id: 't2',
      key: 'two',
      number: 2,
      title: 'Neglect',
      description: '',
      guidance: '',
      gradeDescriptors: grades,
      localityIds: ['east'],
      sectors: [],
      questions: [question('q3', 1)],
    },
  ],
};
const agency = (id: string, over: Partial<MonitoringRow> = {}): MonitoringRow => ({
  returnId: id,
  agencyId: `a-${id}`,
  agencyName: `Agency ${id}`,
  sector: 'police',
  statutory: true,
  localityIds: [],
  localityNames: ['North'],
  returnStatus: 'in_progress',
  status: 'in_progress',
  themeIds: ['t1'],
  completedThemes: 0,
  totalThemes: 1,
  percentComplete: 0,
  lastActivityAt: null,
  submittedAt: null,
  reference: null,
  leadName: null,
  leadEmail: null,
  deadline: new Date('2026-12-01T17:00:00Z'),
  extendedUntil: null,
  ...over,
});
const at = new Date('2026-11-02T10:00:00Z');

describe('a cycle’s flat rows', () => {
  const returns = [
    agency('r1', { themeIds: ['t1', 't2'] }),
    agency('r2', { returnStatus: 'submitted', statutory: false, sector: 'nhs-trust' }),
  ];
  const data = buildCycleData({
    structure,
    returns,
    answers: [
      {
        returnId: 'r1',
        questionId: 'q1',
        response: 'not_met',
        choices: [],
        value: '',
        naReason: '',
        evidenceDocument: 'Policy',
        evidenceLocation: 'Drive',
        comment: 'c',
        impact: 'i',
        awaitingConfirmation: false,
      },
      {
        returnId: 'r2',
        questionId: 'q2',
        response: 'fully_met',
        choices: [],
        value: '',
        naReason: '',
        evidenceDocument: '',
        evidenceLocation: '',
        comment: '',
        impact: '',
        awaitingConfirmation: true,
      },
    ],
    actions: [
      {
        id: 'x1',
        returnId: 'r1',
        themeId: 't1',
        questionId: 'q1',
        description: 'Fix it',
        targetDate: '2027-01-31',
        leadPerson: 'Lee',
        successCriteria: '',
        status: 'not_started',
        updatedAt: at,
      },
      {
        id: 'x2',
        returnId: 'r1',
        themeId: 't1',
        questionId: null,
        description: 'Theme action',
        targetDate: null,
        leadPerson: '',
        successCriteria: '',
        status: 'in_progress',
        updatedAt: at,
      },
    ],
    ratings: [{ returnId: 'r1', themeId: 't1', rating: 'red', justification: 'Weak', completedAt: at }],
    moderations: [
      {
        returnId: 'r1',
        themeId: 't1',
        rating: 'amber',
        reason: 'Better than said',
        moderatorName: 'Martin',
        updatedAt: at,
      },
    ],
    challenges: [
      {
        id: 'c2',
        returnId: 'r1',
        themeId: null,
        body: 'Overall?',
        status: 'open',
        raisedByName: 'Martin',
        createdAt: new Date('2026-11-04T10:00:00Z'),
        messages: [],
      },
      {
        id: 'c1',
        returnId: 'r1',
        themeId: 't1',
        body: 'Why red?',
        status: 'answered',
        raisedByName: 'Martin',
        createdAt: at,
        messages: [
          {
            side: 'agency',
            authorName: 'Helen',
            body: 'Staffing',
            createdAt: new Date('2026-11-03T09:00:00Z'),
          },
        ],
      },
    ],
  });

  it('has one row per agency and applicable question, in template order', () => {
    assert.deepEqual(
      data.answers.map((a) => `${a.returnId}:${a.questionId}`),
      ['r1:q1', 'r1:q2', 'r1:q3', 'r2:q1', 'r2:q2'],
    );
  });

  it('puts the answer, its action, the theme’s grades and the challenge threads on each row', () => {
    const row = data.answers[0]!;
    assert.equal(row.response, 'not_met');
    assert.equal(row.actionDescription, 'Fix it');
    assert.equal(row.actionLead, 'Lee');
    assert.equal(row.themeRating, 'red');
    assert.equal(row.moderatedGrade, 'amber');
    assert.equal(
      row.challengeThread,
      [
        `On Leadership (answered) — ${formatDateTime(at)}, Martin (partnership): Why red?`,
        `  ${formatDateTime(new Date('2026-11-03T09:00:00Z'))}, Helen (agency): Staffing`,
        `On the whole return (open) — ${formatDateTime(new Date('2026-11-04T10:00:00Z'))}, Martin (partnership): Overall?`,
      ].join('\n'),
    );
    assert.equal(
      data.answers[2]!.challengeThread.startsWith('On the whole return'),
      true,
      'other themes get the whole-return thread only',
    );
    assert.equal(data.answers[4]!.awaitingConfirmation, true);
    assert.equal(data.answers[3]!.response, null, 'unanswered questions are rows too');
  });

  it('lists theme grades and every action, theme-rating actions without a question', () => {
    assert.equal(data.themeGrades.length, 3);
    assert.deepEqual(
      data.actions.map((a) => [a.actionId, a.questionKey]),
      [
        ['x1', 'q1'],
        ['x2', null],
      ],
    );
  });

  it('summarises per agency, per theme and participation', () => {
    const [r1, r2] = agencySummaries(data, returns);
    assert.deepEqual([r1!.answered, r1!.questions, r1!.actions, r1!.challenges], [1, 3, 2, 2]);
    assert.deepEqual(r1!.own, { red: 1, amber: 0, green: 0, none: 1 });
    assert.deepEqual(r1!.moderated, { red: 0, amber: 1, green: 0, none: 1 });
    assert.equal(r2!.answered, 0, 'an answer awaiting confirmation does not count');
    const [t1, t2] = themeSummaries(data, structure);
    assert.deepEqual([t1!.agencies, t2!.agencies], [2, 1]);
    assert.deepEqual(t1!.own, { red: 1, amber: 0, green: 0, none: 1 });
    assert.deepEqual(
      participation(returns, (s) => s),
      [
        { label: 'All agencies', invited: 2, started: 2, submitted: 1 },
        { label: 'Statutory', invited: 1, started: 1, submitted: 0 },
        { label: 'Voluntary', invited: 1, started: 1, submitted: 1 },
        { label: 'nhs-trust', invited: 1, started: 1, submitted: 1 },
        { label: 'police', invited: 1, started: 1, submitted: 0 },
      ],
    );
  });

  it('writes a thread with no author as someone', () => {
    assert.match(
      challengeText(
        {
          id: 'c',
          returnId: 'r',
          themeId: null,
          body: 'B',
          status: 'closed',
          raisedByName: null,
          createdAt: at,
          messages: [{ side: 'partnership', authorName: null, body: 'M', createdAt: at }],
        },
        null,
      ),
      /a reviewer \(partnership\): B\n {2}.*someone \(partnership\): M$/,
    );
  });
});
