import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Response } from '../../db/schema.ts';
import { encodeResponses } from '../returns/return-grade-codes.ts';
import {
  calibration,
  compareCycles,
  filterAgencies,
  gradeDifference,
  gradeDistribution,
  heatmap,
  overdueActions,
  participation,
  type ResultsAgency,
  type ResultsTheme,
  resultsFigures,
  weakestQuestions,
} from './results.ts';

/*
 * A hand-computed fixture: four agencies, three themes (the third applies only to Riverside's
 * agencies), the audit closing on 20 November at 5pm, "now" 23 November.
 *
 *                  sector    basis      localities  submitted        T1 self/mod  T2 self/mod  T3
 *   Alpha Council  council   statutory  N           19 Nov (on time) Green/Amber  Amber/Amber  n/a
 *   Beta Police    police    statutory  N, R        21 Nov (late)    Red/Amber    Green/-      Green/-
 *   Gamma Trust    VCF       voluntary  R           no (overdue)     -            -            -
 *   Delta Health   NHS       statutory  R           no (extended to 1 Dec)
 */
const themes: ResultsTheme[] = [
  {
    id: 't1',
    key: 'leadership',
    number: 1,
    title: 'Leadership',
    questions: [
      { id: 'q1', key: 'l-1', number: 1, text: 'Is there a named lead?' },
      { id: 'q2', key: 'l-2', number: 2, text: 'Does the board review safeguarding?' },
    ],
  },
  {
    id: 't2',
    key: 'training',
    number: 2,
    title: 'Training',
    questions: [{ id: 'q3', key: 't-1', number: 1, text: 'Are staff trained?' }],
  },
  {
    id: 't3',
    key: 'neglect',
    number: 3,
    title: 'Neglect',
    questions: [{ id: 'q4', key: 'n-1', number: 1, text: 'Is the neglect tool used?' }],
  },
];
const N = 'loc-north';
const R = 'loc-river';
const closes = new Date('2026-11-20T17:00:00Z');
const now = new Date('2026-11-23T10:00:00Z');

/** The counted responses as the results hold them: a letter a question (return-grade-codes.ts). */
const letters = (r: Record<string, Response>) =>
  encodeResponses({ themes: themes }, new Map(Object.entries(r)));

const base = { actions: [], moderated: {}, responses: '', self: {} };
const alpha: ResultsAgency = {
  ...base,
  returnId: 'r-a',
  agencyId: 'a',
  agencyName: 'Alpha Council',
  sector: 'la-childrens-services',
  statutory: true,
  localityIds: [N],
  submitted: true,
  submittedAt: new Date('2026-11-19T12:00:00Z'),
  deadline: closes,
  themeIds: ['t1', 't2'],
  self: { t1: 'green', t2: 'amber' },
  moderated: { t1: 'amber', t2: 'amber' },
  responses: letters({ q1: 'fully_met', q2: 'no', q3: 'partly_met' }),
  actions: [
    {
      themeId: 't1',
      description: 'Board training',
      targetDate: '2026-10-01',
      leadPerson: 'Ann',
      status: 'not_started',
    },
    {
      themeId: 't2',
      description: 'Done already',
      targetDate: '2026-09-01',
      leadPerson: 'Ann',
      status: 'completed',
    },
    {
      themeId: 't2',
      description: 'Later',
      targetDate: '2027-03-01',
      leadPerson: 'Ann',
      status: 'in_progress',
    },
  ],
};
const beta: ResultsAgency = {
  ...base,
  returnId: 'r-b',
  agencyId: 'b',
  agencyName: 'Beta Police',
  sector: 'police',
  statutory: true,
  localityIds: [N, R],
  submitted: true,
  submittedAt: new Date('2026-11-21T09:00:00Z'),
  deadline: closes,
  themeIds: ['t1', 't2', 't3'],
  self: { t1: 'red', t2: 'green', t3: 'green' },
  moderated: { t1: 'amber' },
  responses: letters({ q1: 'not_met', q2: 'no', q3: 'fully_met', q4: 'not_met' }),
  actions: [
    {
      themeId: 't1',
      description: 'Named lead',
      targetDate: '2026-11-01',
      leadPerson: 'Bo',
      status: 'in_progress',
    },
  ],
};
const gamma: ResultsAgency = {
  ...base,
  returnId: 'r-c',
  agencyId: 'c',
  agencyName: 'Gamma Trust',
  sector: 'voluntary-community-faith',
  statutory: false,
  localityIds: [R],
  submitted: false,
  submittedAt: null,
  deadline: closes,
  themeIds: ['t1', 't2', 't3'],
  // Work in progress never counts.
  responses: letters({ q1: 'not_met' }),
  actions: [
    {
      themeId: 't1',
      description: 'Draft action',
      targetDate: '2026-01-01',
      leadPerson: '',
      status: 'not_started',
    },
  ],
};
const delta: ResultsAgency = {
  ...base,
  returnId: 'r-d',
  agencyId: 'd',
  agencyName: 'Delta Health',
  sector: 'nhs-trust',
  statutory: true,
  localityIds: [R],
  submitted: false,
  submittedAt: null,
  deadline: new Date('2026-12-01T17:00:00Z'),
  themeIds: ['t1', 't2', 't3'],
};
const agencies = [delta, gamma, beta, alpha];

describe('a cycle’s results', () => {
  it('distributes final grades (moderated where recorded) per theme, with agencies yet to submit as not rated', () => {
    assert.deepEqual(
      gradeDistribution(agencies, themes).map((d) => [
        d.themeKey,
        d.red,
        d.amber,
        d.green,
        d.notRated,
        d.total,
      ]),
      [
        ['leadership', 0, 2, 0, 2, 4],
        ['training', 0, 1, 1, 2, 4],
        ['neglect', 0, 0, 1, 2, 3],
      ],
    );
  });

  it('lays out submitted returns agency by agency with both grades, and the gap between them', () => {
    const rows = heatmap(agencies, themes);
    assert.deepEqual(
      rows.map((r) => r.agencyName),
      ['Alpha Council', 'Beta Police'],
    );
    assert.deepEqual(rows[0]!.cells[0], {
      themeKey: 'leadership',
      applies: true,
      self: 'green',
      moderated: 'amber',
    });
    assert.deepEqual(rows[0]!.cells[2], { themeKey: 'neglect', applies: false, self: null, moderated: null });
    assert.equal(gradeDifference(rows[0]!.cells[0]!), -1);
    assert.equal(gradeDifference(rows[1]!.cells[0]!), 1);
    assert.equal(gradeDifference(rows[1]!.cells[1]!), null);
  });

  it('ranks the questions most often Not met, Partly met or No across submitted returns', () => {
    assert.deepEqual(
      weakestQuestions(agencies, themes).map((q) => [
        q.questionText,
        q.notMet,
        q.partlyMet,
        q.no,
        q.answered,
      ]),
      [
        ['Does the board review safeguarding?', 0, 0, 2, 2],
        ['Is there a named lead?', 1, 0, 0, 2],
        ['Is the neglect tool used?', 1, 0, 0, 1],
        ['Are staff trained?', 0, 1, 0, 2],
      ],
    );
    assert.equal(weakestQuestions(agencies, themes, 2).length, 2);
  });

  it('counts no response to a theme that no longer applies to the agency, though its letter is kept', () => {
    // Alpha's letters as kept, with an answer to the neglect theme, which does not apply to it.
    const kept = { ...alpha, responses: letters({ q1: 'fully_met', q4: 'not_met' }) };
    const neglect = weakestQuestions([kept], themes).find(
      (q) => q.questionText === 'Is the neglect tool used?',
    );
    assert.equal(neglect, undefined);
    assert.equal(weakestQuestions([{ ...kept, themeIds: ['t1', 't3'] }], themes)[0]?.notMet, 1);
  });

  it('lists open actions of submitted returns past their target date, oldest first', () => {
    assert.deepEqual(
      overdueActions(agencies, themes, now).map((a) => [
        a.agencyName,
        a.description,
        a.themeTitle,
        a.targetDate,
      ]),
      [
        ['Alpha Council', 'Board training', '1. Leadership', '2026-10-01'],
        ['Beta Police', 'Named lead', '1. Leadership', '2026-11-01'],
      ],
    );
  });

  it('counts participation: on time, late, not submitted by the deadline, and not yet due on an extension', () => {
    const p = participation(agencies, now);
    assert.deepEqual(
      [p.invited, p.submitted, p.onTime, p.submittedLate, p.overdue, p.notYetDue, p.late, p.percentSubmitted],
      [4, 2, 1, 1, 1, 1, 2, 50],
    );
    assert.deepEqual(
      p.agencies.map((a) => [a.agencyName, a.state]),
      [
        ['Alpha Council', 'on_time'],
        ['Beta Police', 'late'],
        ['Delta Health', 'not_yet_due'],
        ['Gamma Trust', 'overdue'],
      ],
    );
  });

  it('calibrates self-assessed against moderated grades: agreement, over- and under-grading', () => {
    const c = calibration(agencies, themes);
    assert.deepEqual(
      c.themes.map((t) => [t.themeKey, t.moderated, t.agreed, t.overGraded, t.underGraded, t.agreementRate]),
      [
        ['leadership', 2, 0, 1, 1, 0],
        ['training', 1, 1, 0, 0, 100],
        ['neglect', 0, 0, 0, 0, null],
      ],
    );
    assert.deepEqual(c.total, { moderated: 3, agreed: 1, overGraded: 1, underGraded: 1, agreementRate: 33 });
  });

  it('filters by locality, sector and statutory or voluntary basis', () => {
    const names = (f: Parameters<typeof filterAgencies>[1]) =>
      filterAgencies(agencies, f)
        .map((a) => a.agencyName)
        .sort();
    assert.deepEqual(names({ basis: 'voluntary' }), ['Gamma Trust']);
    assert.deepEqual(names({ basis: 'statutory' }), ['Alpha Council', 'Beta Police', 'Delta Health']);
    assert.deepEqual(names({ sector: 'police' }), ['Beta Police']);
    assert.deepEqual(names({ locality: R }), ['Beta Police', 'Delta Health', 'Gamma Trust']);
    assert.deepEqual(names({ locality: R, basis: 'statutory' }), ['Beta Police', 'Delta Health']);
  });

  it('applies the filters to every figure', () => {
    const figures = resultsFigures({
      themes,
      agencies,
      localities: [
        { id: N, name: 'Northshire' },
        { id: R, name: 'Riverside' },
      ],
      filters: { locality: N },
      now,
    });
    assert.equal(figures.agencyCount, 2);
    assert.equal(figures.participation.invited, 2);
    assert.deepEqual(figures.distribution[0], {
      themeKey: 'leadership',
      themeNumber: 1,
      themeTitle: 'Leadership',
      red: 0,
      amber: 2,
      green: 0,
      notRated: 0,
      total: 2,
    });
    assert.deepEqual(
      figures.byLocality.map((g) => [g.name, g.agencies]),
      [
        ['Northshire', 2],
        ['Riverside', 1],
      ],
    );
    assert.deepEqual(
      figures.bySector.map((g) => [g.name, g.agencies, g.themes[1]!.green]),
      [
        ['Local authority: children’s services', 1, 0],
        ['Police', 1, 1],
      ],
    );
    assert.equal(figures.comparison, null);
  });

  it('compares with an earlier cycle theme by theme (matched by key) and agency by agency', () => {
    const earlierThemes: ResultsTheme[] = [
      { id: 'old-1', key: 'leadership', number: 1, title: 'Leadership', questions: [] },
      { id: 'old-2', key: 'training', number: 2, title: 'Training and learning', questions: [] },
    ];
    const earlier = (agency: ResultsAgency, self: ResultsAgency['self']): ResultsAgency => ({
      ...agency,
      returnId: `old-${agency.returnId}`,
      submitted: true,
      themeIds: ['old-1', 'old-2'],
      self,
      moderated: {},
    });
    const c = compareCycles(
      { themes, agencies },
      {
        themes: earlierThemes,
        agencies: [
          earlier(alpha, { 'old-1': 'green', 'old-2': 'red' }),
          earlier(beta, { 'old-1': 'red', 'old-2': 'green' }),
        ],
      },
      { id: 'c-old', name: 'Audit 2024' },
    );
    assert.deepEqual(
      c.themes.map((t) => [t.themeKey, t.previous, t.current, t.trend, t.better, t.same, t.worse]),
      [
        ['leadership', 2, 2, 'same', 1, 0, 1],
        ['training', 2, 2.5, 'better', 1, 1, 0],
        ['neglect', null, 3, null, 0, 0, 0],
      ],
    );
    assert.deepEqual(
      c.agencies.map((a) => [a.agencyName, a.compared, a.better, a.same, a.worse, a.trend]),
      [
        ['Alpha Council', 2, 1, 0, 1, 'same'],
        ['Beta Police', 2, 1, 1, 0, 'better'],
      ],
    );
  });
});
