/**
 * No lost updates on an audit's details and its automatic reminders (issue 10): two admins with the
 * same form open. Through the routes in both orders, and at the service level.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { cycles } from '../../src/db/schema.ts';
import { listRecordHistory } from '../../src/domain/record-history.repository.ts';
import {
  CYCLE_DETAILS_RECORD,
  cycleDetailsRecord,
  cycleRecord,
  REMINDERS_RECORD,
  saveCycleDetails,
  saveReminders,
} from '../../src/features/cycles/cycle-settings.service.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import { shownRecord } from '../../src/web/form-version.ts';
import { decoded } from '../helpers/form-fields.ts';
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

const storedCycle = async () => {
  const [c] = await t.database.db
    .select()
    .from(cycles)
    .where(and(eq(cycles.id, t.ids.cycleId), eq(cycles.partnershipId, t.ids.partnershipId)));
  return c!;
};
const historyOf = (field: string) => async () =>
  (await listRecordHistory(t.database.db, cycleRecord(t.ids.partnershipId, t.ids.cycleId)))
    .filter((h) => h.field === field)
    .map((h) => h.newValue ?? '');

describe('two admins changing an audit’s details', () => {
  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url: () => `/cycles/${t.ids.cycleId}/change`,
    field: 'introduction',
    other: 'name',
    value: (field, who) =>
      field === 'name' ? `Section 11 audit, ${who} ${++n}` : `Welcome, from the ${who} admin (${++n}).`,
    stored: async () => {
      const c = await storedCycle();
      return { name: c.name, introduction: c.introduction };
    },
    historyOf: (field) => historyOf(field)(),
  });

  it('refuses a name another audit of the partnership has, keeping what was typed', async () => {
    const url = `/cycles/${t.ids.cycleId}/change`;
    const other = `Another audit ${++n}`;
    await t.database.db
      .insert(cycles)
      .values({ ...(await storedCycle()), id: undefined as never, name: other, createdAt: t.clock.now() });
    const form = formFields((await first.get(url)).body, url);
    const refused = await first.post(url, { ...form, name: other.toUpperCase(), introduction: 'Kept text' });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /There is already an audit with this name/);
    assert.match(refused.body, /Kept text/);
    assert.ok(formFields(refused.body, url)._shown, 'the refused form still carries what it showed');
  });
  it('names the focus questions on the conflict page by their theme and number', async () => {
    const url = `/cycles/${t.ids.cycleId}/change`;
    const cycle = await storedCycle();
    const structure = await loadReturnStructure(t.database.db, t.ids.partnershipId, cycle.templateVersionId);
    const [theme] = structure.themes;
    const [q1, q2] = theme!.questions;
    const formA = formFields((await first.get(url)).body, url);
    const formB = formFields((await second.get(url)).body, url);
    t.clock.advance(60_000);
    assert.equal((await first.post(url, { ...formA, focusQuestionIds: [q1!.id] })).status, 303);
    const clash = await second.post(url, { ...formB, focusQuestionIds: [q2!.id] });
    assert.equal(clash.status, 409);
    assert.ok(decoded(clash.body).includes(`${theme!.number}.${q1!.number} `), 'theirs, by number');
    assert.ok(decoded(clash.body).includes(`${theme!.number}.${q2!.number} `), 'yours, by number');
    assert.deepEqual((await storedCycle()).focusQuestionIds, [q1!.id], 'nothing saved yet');
  });
});

describe('two admins changing the automatic reminders', () => {
  const days = (list: number[]) => list.join(', ');
  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url: () => `/cycles/${t.ids.cycleId}/reminder-schedule`,
    field: 'before',
    other: 'after',
    // Written as the page shows them (nearest the deadline last), a new one each time.
    value: (field) => (field === 'before' ? days([30 + (++n % 300), 2]) : days([1, 3 + (++n % 300)])),
    stored: async () => {
      const c = await storedCycle();
      return { before: days(c.reminderDaysBefore), after: days(c.reminderDaysAfter) };
    },
    historyOf: (field) => historyOf(field === 'before' ? 'daysBefore' : 'daysAfter')(),
  });
});

describe('saving an audit’s details and reminders, at the service level', () => {
  it('refuses to write over details saved since the form was shown, and records who changed what', async () => {
    const ids = { admin: t.ids.userIds.admin!, second: secondId };
    const c = await storedCycle();
    const base = cycleDetailsRecord({ ...c, kind: c.kind ?? 'annual' });
    const shown = { [CYCLE_DETAILS_RECORD]: shownRecord(base) };
    const values = { ...base, kind: base.kind as 'annual' };
    const save = (v: typeof values, userId: string) => {
      t.clock.advance(60_000);
      return saveCycleDetails(t.database.db, t.ids.partnershipId, t.ids.cycleId, v, userId, t.clock.now(), {
        shown,
      });
    };
    const mine = `Service intro ${++n}`;
    assert.deepEqual(await save({ ...values, introduction: mine }, ids.admin), { saved: true });
    const clash = await save({ ...values, introduction: `Other intro ${++n}` }, ids.second);
    assert.ok('conflicts' in clash);
    assert.deepEqual(
      clash.conflicts.map((x) => x.field),
      ['introduction'],
    );
    // The stale form changing nothing leaves the newer introduction alone.
    assert.deepEqual(await save(values, ids.second), { saved: true });
    assert.equal((await storedCycle()).introduction, mine);
    const history = await listRecordHistory(t.database.db, cycleRecord(t.ids.partnershipId, t.ids.cycleId));
    assert.ok(
      history.some((h) => h.field === 'introduction' && h.newValue === mine && h.userId === ids.admin),
    );
  });

  it('does the same for the reminders', async () => {
    const c = await storedCycle();
    const base = { daysBefore: c.reminderDaysBefore, daysAfter: c.reminderDaysAfter };
    const shown = { [REMINDERS_RECORD]: shownRecord(base) };
    const save = (s: typeof base, userId: string) =>
      saveReminders(t.database.db, t.ids.partnershipId, t.ids.cycleId, s, userId, t.clock.now(), { shown });
    assert.deepEqual(await save({ ...base, daysBefore: [21, 7] }, secondId), { saved: true });
    const clash = await save({ ...base, daysBefore: [28] }, t.ids.userIds.admin!);
    assert.ok('conflicts' in clash);
    assert.deepEqual(
      clash.conflicts.map((x) => [x.field, x.mine, x.theirs]),
      [['daysBefore', [28], [21, 7]]],
    );
    assert.deepEqual((await storedCycle()).reminderDaysBefore, [21, 7]);
  });
});
