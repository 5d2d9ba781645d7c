import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SurveyAnswer } from '../../db/schema.ts';
import { disagreement, groupResults, MIN_GROUP, type SurveyResponseData, tally } from './survey-results.ts';

const themes = [
  {
    themeId: 'training',
    statements: [
      { id: 't1', text: 'My training is up to date.' },
      { id: 't2', text: 'Training helps me.' },
    ],
  },
  { themeId: 'supervision', statements: [{ id: 's1', text: 'I get supervision.' }] },
];

function response(answers: Record<string, SurveyAnswer>, comment = ''): SurveyResponseData {
  return { answers: new Map(Object.entries(answers)), comment };
}

describe('tally', () => {
  it('counts every answer, leaves Don’t know out of the share agreeing and the mean', () => {
    const t = tally(['strongly_agree', 'agree', 'disagree', 'dont_know', 'dont_know', 'neither']);
    assert.equal(t.counts.dont_know, 2);
    assert.equal(t.withView, 4);
    assert.equal(t.agreePercent, 50);
    // (5 + 4 + 2 + 3) / 4 = 3.5
    assert.equal(t.mean, 3.5);
  });

  it('rounds to whole per cents and one decimal place', () => {
    const t = tally(['agree', 'agree', 'strongly_disagree']);
    assert.equal(t.agreePercent, 67);
    assert.equal(t.mean, 3);
    assert.equal(tally(['agree', 'strongly_agree', 'strongly_agree']).mean, 4.7);
  });

  it('has no share or mean when nobody gave a view', () => {
    const t = tally(['dont_know', 'dont_know']);
    assert.equal(t.agreePercent, null);
    assert.equal(t.mean, null);
  });
});

describe('the disagreement rule', () => {
  it('flags a Green grade with under 60% agreeing', () => {
    assert.equal(disagreement('green', 59), 'staff-less-positive');
    assert.equal(disagreement('green', 60), null);
  });

  it('flags a Red grade with 80% or more agreeing', () => {
    assert.equal(disagreement('red', 80), 'staff-more-positive');
    assert.equal(disagreement('red', 79), null);
  });

  it('never flags Amber, a missing grade or missing views', () => {
    assert.equal(disagreement('amber', 0), null);
    assert.equal(disagreement('amber', 100), null);
    assert.equal(disagreement(null, 10), null);
    assert.equal(disagreement('green', null), null);
  });
});

describe('group results', () => {
  const agreeing = (comment = '') => response({ t1: 'agree', t2: 'strongly_agree', s1: 'disagree' }, comment);

  it(`shows nothing but the count below ${MIN_GROUP} responses, comments included`, () => {
    const result = groupResults(
      themes,
      Array.from({ length: MIN_GROUP - 1 }, () => agreeing('Something to say')),
    );
    assert.equal(result.responses, MIN_GROUP - 1);
    assert.equal(result.shown, false);
    assert.deepEqual(result.themes, []);
    assert.deepEqual(result.comments, []);
  });

  it(`shows themes, statements and comments from ${MIN_GROUP} responses`, () => {
    const result = groupResults(themes, [
      agreeing('Zebra crossings'),
      agreeing(''),
      agreeing('  '),
      agreeing('Apples'),
      response({ t1: 'disagree', t2: 'disagree', s1: 'agree' }, 'Middle'),
    ]);
    assert.equal(result.shown, true);
    const training = result.themes.find((t) => t.themeId === 'training')!;
    assert.equal(training.shown, true);
    assert.equal(training.respondents, 5);
    // 8 of the 10 training answers agree.
    assert.equal(training.overall!.agreePercent, 80);
    assert.deepEqual(
      training.statements.map((s) => [s.id, s.tally.agreePercent]),
      [
        ['t1', 80],
        ['t2', 80],
      ],
    );
    const supervision = result.themes.find((t) => t.themeId === 'supervision')!;
    assert.equal(supervision.overall!.agreePercent, 20);
    // Blank comments dropped; the rest in alphabetical order, not the order they came.
    assert.deepEqual(result.comments, ['Apples', 'Middle', 'Zebra crossings']);
  });

  it(`hides a theme on which fewer than ${MIN_GROUP} people gave a view`, () => {
    const result = groupResults(themes, [
      ...Array.from({ length: 4 }, () => response({ t1: 'agree', t2: 'agree', s1: 'dont_know' })),
      response({ t1: 'agree', t2: 'agree', s1: 'agree' }),
    ]);
    const supervision = result.themes.find((t) => t.themeId === 'supervision')!;
    assert.equal(supervision.respondents, 1);
    assert.equal(supervision.shown, false);
    assert.equal(supervision.overall, null);
    assert.deepEqual(supervision.statements, []);
    assert.equal(result.themes.find((t) => t.themeId === 'training')!.shown, true);
  });
});
