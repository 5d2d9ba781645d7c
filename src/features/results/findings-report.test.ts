import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeResponses } from '../returns/return-grade-codes.ts';
import {
  draftReport,
  finaliseProblems,
  parseReportForm,
  reportFormState,
  reportStatusText,
} from './findings-report.ts';
import { type ResultsAgency, type ResultsTheme, resultsFigures } from './results.ts';
import { describeFilters, parseResultsQuery, resultsQueryString } from './results-query.ts';

const themes: ResultsTheme[] = [
  {
    id: 't1',
    key: 'leadership',
    number: 1,
    title: 'Leadership',
    questions: [{ id: 'q1', key: 'l1', number: 1, text: 'Is there a lead?' }],
  },
  { id: 't2', key: 'training', number: 2, title: 'Training', questions: [] },
];
const agency = (over: Partial<ResultsAgency>): ResultsAgency => ({
  returnId: 'r',
  agencyId: 'a',
  agencyName: 'Alpha',
  sector: 'police',
  statutory: true,
  localityIds: ['n'],
  submitted: true,
  submittedAt: new Date('2026-11-01T10:00:00Z'),
  deadline: new Date('2026-11-20T17:00:00Z'),
  themeIds: ['t1', 't2'],
  self: { t1: 'amber', t2: 'green' },
  moderated: {},
  responses: encodeResponses({ themes }, new Map([['q1', 'no']])),
  actions: [],
  ...over,
});
const gamma = agency({
  returnId: 'r3',
  agencyId: 'c',
  agencyName: 'Gamma',
  submitted: false,
  submittedAt: null,
  self: {},
  responses: '',
});
const figuresWith = (now: string, others: ResultsAgency[] = [gamma]) =>
  resultsFigures({
    themes,
    agencies: [
      agency({}),
      agency({ returnId: 'r2', agencyId: 'b', agencyName: 'Beta', self: { t1: 'red', t2: 'green' } }),
      ...others,
    ],
    localities: [{ id: 'n', name: 'Northshire' }],
    filters: {},
    now: new Date(now),
  });
const figures = resultsFigures({
  themes,
  agencies: [
    agency({}),
    agency({ returnId: 'r2', agencyId: 'b', agencyName: 'Beta', self: { t1: 'red', t2: 'green' } }),
    agency({
      returnId: 'r3',
      agencyId: 'c',
      agencyName: 'Gamma',
      submitted: false,
      submittedAt: null,
      self: {},
      responses: '',
    }),
  ],
  localities: [{ id: 'n', name: 'Northshire' }],
  filters: {},
  now: new Date('2026-11-23T10:00:00Z'),
});
const cycle = {
  name: 'Audit 2026',
  opensAt: new Date('2026-09-01T08:00:00Z'),
  closesAt: new Date('2026-11-20T17:00:00Z'),
  localities: [{ name: 'Northshire' }],
};

describe('the findings report’s first draft and form', () => {
  it('writes each section from the figures and leaves recommendations to the partnership', () => {
    const draft = draftReport(cycle, figures, new Date('2026-11-23T10:00:00Z'));
    assert.equal(
      draft.summary,
      '2 of 3 agencies invited to Audit 2026 submitted their return (66%). Across the themes, agencies were graded Green 2 times, Amber 1 time and Red 1 time. The strongest theme was Training. The theme needing most attention was Leadership.',
    );
    assert.equal(draft.participation, '2 submitted on time and 0 late; 1 had not submitted by its deadline.');
    assert.equal(
      draft.themeFindings.leadership,
      'Of the 2 agencies graded, 0 were Green, 1 Amber and 1 Red. 1 agency had not submitted. “Is there a lead?” was answered Not met, Partly met or No by 2 of 2.',
    );
    assert.equal(
      draft.improvements,
      '- Leadership: Is there a lead? (2 of 2 answered Not met, Partly met or No)',
    );
    assert.match(
      draft.method,
      /^The audit opened on 1 September 2026 and closed on 20 November 2026, covering Northshire\./,
    );
    assert.equal(draft.recommendations, '');
  });

  it('says an audit still open closes, and one not yet open opens, rather than that it closed', () => {
    const open = draftReport(cycle, figuresWith('2026-11-10T10:00:00Z'), new Date('2026-11-10T10:00:00Z'));
    assert.match(
      open.method,
      /^The audit opened on 1 September 2026 and closes on 20 November 2026, covering/,
    );
    const before = draftReport(cycle, figuresWith('2026-08-10T10:00:00Z'), new Date('2026-08-10T10:00:00Z'));
    assert.match(
      before.method,
      /^The audit opens on 1 September 2026 and closes on 20 November 2026, covering/,
    );
  });

  it('speaks of an extension only for an agency given a later deadline', () => {
    const openNow = '2026-11-10T10:00:00Z';
    assert.equal(
      draftReport(cycle, figuresWith(openNow), new Date(openNow)).participation,
      '2 submitted on time and 0 late; 0 had not submitted by their deadline, and 1 still has time before the audit closes.',
    );
    const extended = agency({ ...gamma, deadline: new Date('2026-11-27T17:00:00Z') });
    const closedNow = '2026-11-23T10:00:00Z';
    assert.equal(
      draftReport(cycle, figuresWith(closedNow, [extended]), new Date(closedNow)).participation,
      '2 submitted on time and 0 late; 0 had not submitted by their deadline, and 1 still has time under an extension.',
    );
    const delta = agency({ ...gamma, returnId: 'r4', agencyId: 'd', agencyName: 'Delta' });
    const epsilon = agency({ ...gamma, returnId: 'r5', agencyId: 'e', agencyName: 'Epsilon' });
    assert.equal(
      draftReport(
        cycle,
        figuresWith(openNow, [gamma, delta, { ...extended, returnId: 'r6', agencyId: 'f' }, epsilon]),
        new Date(openNow),
      ).participation,
      '2 submitted on time and 0 late; 0 had not submitted by their deadline, and 3 still have time before the audit closes and 1 has time under an extension.',
    );
  });

  it('says when the report was saved or made final with one “on” (at 1:25pm on Friday …)', () => {
    const at = new Date('2026-12-04T13:25:00Z');
    const base = { status: 'draft' as const, finalisedAt: null, finalisedByName: null };
    assert.equal(
      reportStatusText({ ...base, updatedAt: at, updatedByName: 'Priya Shah' }),
      'Last saved at 1:25pm on Friday 4 December 2026 by Priya Shah. The figures are live until the report is made final.',
    );
    assert.equal(
      reportStatusText({
        status: 'final',
        finalisedAt: at,
        finalisedByName: null,
        updatedAt: at,
        updatedByName: 'Priya Shah',
      }),
      'Made final at 1:25pm on Friday 4 December 2026. The text and figures no longer change.',
    );
    assert.match(reportStatusText({ ...base, updatedAt: null, updatedByName: null }), /^Not saved yet/);
  });

  it('validates every field at once and tidies what it keeps', () => {
    const state = reportFormState(
      {
        summary: 'x'.repeat(20_001),
        method: ' How \r\n',
        'theme-leadership': 'y'.repeat(5_001),
        comparedCycleId: 'someone-else',
        recommendations: 'Do it',
      },
      ['leadership', 'training'],
    );
    const bad = parseReportForm(state, themes, ['earlier-id']);
    assert.deepEqual(
      bad.errors?.list.map((e) => e.href),
      ['#summary', '#theme-leadership', '#comparedCycleId'],
    );
    const good = parseReportForm(
      { ...state, summary: ' Fine\r\n', comparedCycleId: 'earlier-id', themeFindings: {} },
      themes,
      ['earlier-id'],
    );
    assert.equal(good.values?.summary, 'Fine');
    assert.equal(good.values?.method, 'How');
    assert.deepEqual(good.values?.themeFindings, { leadership: '', training: '' });
  });

  it('is made final only with a summary, recommendations and the confirmation', () => {
    assert.deepEqual(
      finaliseProblems({ summary: ' ', recommendations: '' }, false)?.list.map((e) => e.href),
      ['#missing-summary', '#missing-recommendations', '#confirm'],
    );
    assert.equal(finaliseProblems({ summary: 'S', recommendations: 'R' }, true), null);
  });
});

describe('the results query string', () => {
  it('reads filters leniently and writes back only what differs from the defaults', () => {
    const q = parseResultsQuery({
      locality: 'n',
      basis: 'nonsense',
      grades: 'difference',
      compare: 'not-a-uuid',
    });
    assert.deepEqual(q, {
      locality: 'n',
      sector: undefined,
      basis: undefined,
      grades: 'difference',
      compare: undefined,
    });
    assert.equal(resultsQueryString(q), '?locality=n&grades=difference');
    assert.equal(resultsQueryString({ grades: 'self' }), '');
    assert.deepEqual(
      describeFilters({ locality: 'n', sector: 'police', basis: 'voluntary' }, [
        { id: 'n', name: 'Northshire' },
      ]),
      ['Northshire', 'Police', 'taking part voluntarily'],
    );
  });
});
