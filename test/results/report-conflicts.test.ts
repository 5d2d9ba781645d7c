/**
 * No lost updates on the findings report's draft (issue 10): two admins with the edit form open.
 * At the service level and through the routes, in both orders.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listRecordHistory } from '../../src/domain/record-history.repository.ts';
import { findReport } from '../../src/features/results/findings-report.repository.ts';
import {
  REPORT_RECORD,
  reportRecord,
  saveReportDraft,
} from '../../src/features/results/findings-report.service.ts';
import { type ReportText, reportFields } from '../../src/features/results/findings-report.ts';
import { fieldKey, fingerprint, shownRecord } from '../../src/web/form-version.ts';
import { formFields, itKeepsBothSaves, startWithTwoAdmins } from '../helpers/record-conflicts.ts';
import type { TestApp, TestClient } from '../helpers/test-app.ts';

let t: TestApp;
let first: TestClient;
let second: TestClient;
let secondId: string;
let n = 0;

before(async () => {
  ({ t, first, second, secondId } = await startWithTwoAdmins());
});
after(async () => t?.close());

const stored = async () => {
  const report = await findReport(t.database.db, t.ids.partnershipId, t.ids.cycleId);
  return report ? reportFields(report, Object.keys(report.themeFindings)) : {};
};
const historyOf = async (field: string) => {
  const report = await findReport(t.database.db, t.ids.partnershipId, t.ids.cycleId);
  return (await listRecordHistory(t.database.db, reportRecord(t.ids.partnershipId, report!.id!)))
    .filter((h) => h.field === field)
    .map((h) => h.newValue ?? '');
};

describe('two admins saving the findings report', () => {
  const url = () => `/cycles/${t.ids.cycleId}/report/edit`;

  it('saves the first version whole, recording its sections', async () => {
    const form = formFields((await first.get(url())).body, url());
    const saved = await first.post(url(), { ...form, summary: 'The first summary.' });
    assert.equal(saved.status, 303, saved.body.slice(0, 400));
    assert.equal((await stored()).summary, 'The first summary.');
    assert.deepEqual(await historyOf('summary'), ['The first summary.']);
  });

  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url,
    field: 'summary',
    other: 'recommendations',
    value: (field, who) =>
      `${field === 'summary' ? 'Summary' : 'Recommendations'} by the ${who} admin (${++n}).`,
    stored,
    historyOf,
  });

  it('counts each section’s characters, with the limit written in the page, and says which are optional', async () => {
    const page = (await first.get(url())).body;
    assert.match(page, /data-module="govuk-character-count" data-maxlength="20000"/);
    assert.match(page, /You can enter up to 20000 characters/);
    assert.match(page, /data-maxlength="5000"/);
    assert.match(page, /How the audit was run \(optional\)/);
    assert.match(page, /Areas for improvement \(optional\)/);
    assert.doesNotMatch(page, /Recommendations \(optional\)/, 'needed before the report is made final');
  });
});

describe('saving the report, at the service level', () => {
  for (const [a, b] of [
    ['admin', 'second'],
    ['second', 'admin'],
  ] as const)
    it(`merges two saves from one shown form (${a} first)`, async () => {
      const ids = { admin: t.ids.userIds.admin!, second: secondId };
      const round = ++n;
      const report = (await findReport(t.database.db, t.ids.partnershipId, t.ids.cycleId))!;
      const keys = Object.keys(report.themeFindings);
      const base: ReportText = { ...report };
      const shown = { [REPORT_RECORD]: shownRecord(reportFields(base, keys)) };
      const save = (values: ReportText, userId: string, resolutions = new Map()) => {
        t.clock.advance(60_000);
        return saveReportDraft(
          t.database.db,
          { partnershipId: t.ids.partnershipId, cycleId: t.ids.cycleId },
          values,
          keys,
          userId,
          t.clock.now(),
          { shown, resolutions },
        );
      };
      const aSummary = `Summary by ${a}, round ${round}`;
      assert.ok('saved' in (await save({ ...base, summary: aSummary }, ids[a])));
      const bImprovements = `Improvements by ${b}, round ${round}`;
      assert.ok('saved' in (await save({ ...base, improvements: bImprovements }, ids[b])));
      let now = await stored();
      assert.equal(now.summary, aSummary);
      assert.equal(now.improvements, bImprovements);
      const bSummary = `Summary by ${b}, round ${round}`;
      const clash = await save({ ...base, summary: bSummary, method: `Changed too, round ${round}` }, ids[b]);
      assert.ok('conflicts' in clash);
      assert.deepEqual(
        clash.conflicts.map((c) => [c.field, c.mine, c.theirs]),
        [['summary', bSummary, aSummary]],
      );
      assert.notEqual((await stored()).method, `Changed too, round ${round}`, 'nothing saved');
      const chosen = await save(
        { ...base, summary: bSummary, method: `Changed too, round ${round}` },
        ids[b],
        new Map([[fieldKey(REPORT_RECORD, 'summary'), { choice: 'mine', seen: fingerprint(aSummary) }]]),
      );
      assert.ok('saved' in chosen);
      now = await stored();
      assert.equal(now.summary, bSummary);
      assert.equal(now.method, `Changed too, round ${round}`);
      assert.equal(now.improvements, bImprovements);
      const history = (await listRecordHistory(t.database.db, reportRecord(t.ids.partnershipId, report.id!)))
        .filter((h) => h.field === 'summary')
        .map((h) => [h.userId, h.newValue]);
      assert.deepEqual(history.slice(-2), [
        [ids[a], aSummary],
        [ids[b], bSummary],
      ]);
    });
});

describe('a save that comes after the report was made final', () => {
  it('is a 409 page naming who made it final and showing everything typed, saving nothing', async () => {
    const url = `/cycles/${t.ids.cycleId}/report/edit`;
    const form = formFields((await first.get(url)).body, url);
    const before = await stored();
    const finalised = await second.post(`/cycles/${t.ids.cycleId}/report/finalise`, { confirm: 'yes' });
    assert.equal(finalised.status, 303, finalised.body.slice(0, 400));
    const typed = 'A summary typed while the report was being made final, with <tags> & ampersands.';
    const late = await first.post(url, {
      ...form,
      summary: typed,
      recommendations: 'Recommend & follow up.',
    });
    assert.equal(late.status, 409);
    assert.match(late.body, /The report was made final while you were editing it/);
    assert.match(late.body, /your changes have not been saved/);
    const name = (await findReport(t.database.db, t.ids.partnershipId, t.ids.cycleId))?.finalisedByName;
    assert.ok(name, 'the report records who made it final');
    assert.ok(late.body.includes(`${name} made the findings report final on `), 'names who made it final');
    assert.ok(late.body.includes('with &lt;tags> &amp; ampersands.'), 'the typed summary, escaped');
    assert.ok(!late.body.includes('<tags>'), 'never as markup');
    assert.ok(late.body.includes('Recommend &amp; follow up.'), 'the typed recommendations');
    assert.equal((await stored()).summary, before.summary, 'nothing saved');
  });

  it('is the same 409, keeping what was typed, when what was typed would also be refused', async () => {
    // The report is final (above): a section over its length is not asked to be shortened first.
    const url = `/cycles/${t.ids.cycleId}/report/edit`;
    await first.get(`/cycles/${t.ids.cycleId}/report`);
    const late = await first.post(url, {
      summary: `${'Too long. '.repeat(2_001)}The end.`,
      recommendations: 'Recommendations typed after the report was final.',
    });
    assert.equal(late.status, 409);
    assert.match(late.body, /The report was made final while you were editing it/);
    assert.ok(late.body.includes('The end.'), 'the over-long summary, whole');
    assert.ok(late.body.includes('Recommendations typed after the report was final.'));
    assert.doesNotMatch(late.body, /There is a problem/);
  });
});
