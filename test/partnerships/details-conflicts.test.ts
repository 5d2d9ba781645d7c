/**
 * No lost updates on the partnership's details (issue 10): two admins with the details form open.
 * At the service level and through the routes, in both orders.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listRecordHistory } from '../../src/domain/record-history.repository.ts';
import type { DetailsValues } from '../../src/features/partnerships/partnership-form.ts';
import {
  BRANDING_RECORD,
  DETAILS_RECORD,
  detailsRecord,
  localityRecord,
  saveHeaderColour,
  savePartnershipDetails,
} from '../../src/features/partnerships/partnership-settings.service.ts';
import { findPartnership, listLocalities } from '../../src/features/partnerships/partnerships.repository.ts';
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

const stored = async (): Promise<DetailsValues> => {
  const p = (await findPartnership(t.database.db, t.ids.partnershipId))!;
  return { name: p.name, shortName: p.shortName, contactEmail: p.contactEmail, introduction: p.introduction };
};
const historyOf = async (field: string) =>
  (await listRecordHistory(t.database.db, detailsRecord(t.ids.partnershipId)))
    .filter((h) => h.field === field)
    .map((h) => h.newValue ?? '');

describe('two admins saving the partnership’s details', () => {
  const url = () => `/partnerships/${t.ids.partnershipId}/settings/details`;
  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url,
    field: 'introduction',
    other: 'name',
    value: (field, who) =>
      field === 'name' ? `Northshire Partnership ${++n}` : `Welcome, from the ${who} admin (${++n}).`,
    stored: async () => ({ ...(await stored()) }),
    historyOf,
  });

  it('counts the introduction’s characters, with its limit written in the page', async () => {
    const page = await first.get(url());
    assert.match(page.body, /data-module="govuk-character-count" data-maxlength="2000"/);
    assert.match(page.body, /You can enter up to 2000 characters/);
    assert.match(page.body, /Introduction for agencies \(optional\)/);
    assert.ok(formFields(page.body, url())._shown);
  });
});

describe('two admins saving the header colour', () => {
  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url: () => `/partnerships/${t.ids.partnershipId}/settings/branding`,
    action: () => `/partnerships/${t.ids.partnershipId}/settings/branding/colour`,
    field: 'headerColour',
    // Dark enough for white text, and a new one each time.
    value: () => `#0000${(++n % 256).toString(16).padStart(2, '0')}`,
    stored: async () => ({
      headerColour: (await findPartnership(t.database.db, t.ids.partnershipId))!.headerColour ?? '',
    }),
    historyOf,
  });
});

describe('two admins renaming one locality', () => {
  let localityId: string;
  before(async () => {
    localityId = (await listLocalities(t.database.db, t.ids.partnershipId))[0]!.id;
  });
  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url: () => `/partnerships/${t.ids.partnershipId}/settings/localities/${localityId}`,
    field: 'name',
    value: (_field, who) => `Locality of the ${who} admin ${++n}`,
    stored: async () => ({
      name: (await listLocalities(t.database.db, t.ids.partnershipId)).find((l) => l.id === localityId)!.name,
    }),
    historyOf: async (field) =>
      (await listRecordHistory(t.database.db, localityRecord(t.ids.partnershipId, localityId)))
        .filter((h) => h.field === field)
        .map((h) => h.newValue ?? ''),
  });
});

describe('the header colour’s conflict page', () => {
  it('goes back to the branding page, which answers, without saving', async () => {
    const url = `/partnerships/${t.ids.partnershipId}/settings/branding`;
    const formA = formFields((await first.get(url)).body, `${url}/colour`);
    const formB = formFields((await second.get(url)).body, `${url}/colour`);
    t.clock.advance(60_000);
    assert.equal((await first.post(`${url}/colour`, { ...formA, headerColour: '#000a0b' })).status, 303);
    const clash = await second.post(`${url}/colour`, { ...formB, headerColour: '#000c0d' });
    assert.equal(clash.status, 409);
    const back = /<a href="([^"]+)" class="govuk-back-link"/.exec(clash.body)?.[1];
    assert.equal(back, url);
    assert.equal((await second.get(back!)).status, 200);
  });
});

describe('saving the header colour, at the service level', () => {
  for (const [a, b] of [
    ['admin', 'second'],
    ['second', 'admin'],
  ] as const)
    it(`refuses to write over a colour saved since the form was shown (${a} first)`, async () => {
      const ids = { admin: t.ids.userIds.admin!, second: secondId };
      const base = (await findPartnership(t.database.db, t.ids.partnershipId))!.headerColour;
      const shown = { [BRANDING_RECORD]: shownRecord({ headerColour: base }) };
      const firstColour = `#00${(++n % 256).toString(16).padStart(2, '0')}00`;
      const secondColour = `#00${(++n % 256).toString(16).padStart(2, '0')}00`;
      assert.deepEqual(
        await saveHeaderColour(t.database.db, t.ids.partnershipId, firstColour, ids[a], t.clock.now(), {
          shown,
        }),
        { saved: true },
      );
      const clash = await saveHeaderColour(
        t.database.db,
        t.ids.partnershipId,
        secondColour,
        ids[b],
        t.clock.now(),
        {
          shown,
        },
      );
      assert.ok('conflicts' in clash);
      assert.deepEqual(
        clash.conflicts.map((c) => [c.field, c.mine, c.theirs]),
        [['headerColour', secondColour, firstColour]],
      );
      assert.equal((await findPartnership(t.database.db, t.ids.partnershipId))!.headerColour, firstColour);
      // The same stale form left unchanged saves nothing over the newer colour.
      assert.deepEqual(
        await saveHeaderColour(t.database.db, t.ids.partnershipId, base, ids[b], t.clock.now(), { shown }),
        { saved: true },
      );
      assert.equal((await findPartnership(t.database.db, t.ids.partnershipId))!.headerColour, firstColour);
      assert.ok((await historyOf('headerColour')).includes(firstColour));
    });
});

describe('saving the details, at the service level', () => {
  for (const [a, b] of [
    ['admin', 'second'],
    ['second', 'admin'],
  ] as const)
    it(`merges two saves from one shown form (${a} first)`, async () => {
      const ids = { admin: t.ids.userIds.admin!, second: secondId };
      const round = ++n;
      const base = await stored();
      const shown = { [DETAILS_RECORD]: shownRecord(base) };
      const save = (values: DetailsValues, userId: string, resolutions = new Map()) => {
        t.clock.advance(60_000);
        return savePartnershipDetails(t.database.db, t.ids.partnershipId, values, userId, t.clock.now(), {
          shown,
          resolutions,
        });
      };
      const aIntro = `Intro by ${a}, round ${round}`;
      assert.deepEqual(await save({ ...base, introduction: aIntro }, ids[a]), { saved: true });
      // Another field from the stale form: both kept.
      const bName = `Partnership named by ${b}, round ${round}`;
      assert.deepEqual(await save({ ...base, name: bName }, ids[b]), { saved: true });
      assert.deepEqual(await stored(), { ...base, introduction: aIntro, name: bName });
      // The same field: a conflict, and nothing saved until the choice.
      const bIntro = `Intro by ${b}, round ${round}`;
      const clash = await save({ ...base, introduction: bIntro, contactEmail: 'both@nrscp.example' }, ids[b]);
      assert.ok('conflicts' in clash);
      assert.deepEqual(
        clash.conflicts.map((c) => [c.field, c.mine, c.theirs]),
        [['introduction', bIntro, aIntro]],
      );
      assert.equal((await stored()).contactEmail, base.contactEmail);
      const theirs = await save(
        { ...base, introduction: bIntro, contactEmail: 'both@nrscp.example' },
        ids[b],
        new Map([
          [fieldKey(DETAILS_RECORD, 'introduction'), { choice: 'theirs', seen: fingerprint(aIntro) }],
        ]),
      );
      assert.deepEqual(theirs, { saved: true });
      assert.deepEqual(await stored(), {
        ...base,
        name: bName,
        introduction: aIntro,
        contactEmail: 'both@nrscp.example',
      });
      const history = await listRecordHistory(t.database.db, detailsRecord(t.ids.partnershipId));
      assert.ok(
        history.some((h) => h.field === 'introduction' && h.newValue === aIntro && h.userId === ids[a]),
      );
      assert.ok(history.some((h) => h.field === 'name' && h.newValue === bName && h.userId === ids[b]));
      // Put back for the next round (a form without what it showed writes what it holds).
      await savePartnershipDetails(t.database.db, t.ids.partnershipId, base, ids[a], t.clock.now());
      assert.deepEqual(await stored(), base);
    });
});
