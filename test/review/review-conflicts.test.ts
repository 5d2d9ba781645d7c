/**
 * No lost updates in the review (issue 10): two admins with a challenge event's notes, or a theme's
 * moderated grade, open at once. Through the routes, in both orders; each save is in the record
 * history. And a return's events are read within the partnership running its cycle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { challengeEvents, themeModerations } from '../../src/db/schema.ts';
import { listRecordHistory } from '../../src/domain/record-history.repository.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { listEventsForReturn } from '../../src/features/review/challenge-events.repository.ts';
import { eventRecord } from '../../src/features/review/challenge-events.service.ts';
import { gradeRecord } from '../../src/features/review/review.service.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { ADMIN, addSecondAdmin, itKeepsBothSaves, SECOND_ADMIN } from '../helpers/record-conflicts.ts';
import { completeThemeFields, giveDetailsAndSignOff, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

let t: TestApp;
let first: TestClient;
let second: TestClient;
let returnId: string;
let theme: ThemeInfo;
let eventId: string;
let n = 0;

before(async () => {
  t = await startTestApp();
  await addSecondAdmin(t);
  first = await t.signIn(ADMIN);
  second = await t.signIn(SECOND_ADMIN);
  returnId = t.ids.returnIds.council!;
  const themes = await themesFor(t, 'council');
  theme = themes[0]!;
  const lead = await t.signIn(COUNCIL_LEAD);
  for (const th of themes.slice(0, 2)) {
    await lead.get(`/returns/${returnId}/themes/${th.id}`);
    const saved = await lead.post(`/returns/${returnId}/themes/${th.id}`, completeThemeFields(th));
    assert.equal(saved.status, 303, saved.body.slice(0, 500));
  }
  await lead.get(`/returns/${returnId}/details`);
  await giveDetailsAndSignOff(lead, returnId, COUNCIL_LEAD);
  await lead.get(`/returns/${returnId}/check`);
  assert.equal((await lead.post(`/returns/${returnId}/submit`)).status, 303);

  await first.get(`/cycles/${t.ids.cycleId}/challenge-events/new`);
  const event = await first.post(`/cycles/${t.ids.cycleId}/challenge-events/new`, {
    title: 'Council challenge panel',
    returnIds: [returnId],
    'date-day': '10',
    'date-month': '12',
    'date-year': '2026',
    time: '2pm',
    location: 'Room 4, County Hall',
    chair: 'Independent scrutineer',
    attendees: '',
  });
  assert.equal(event.status, 303, event.body.slice(0, 500));
  eventId = /\/challenge-events\/([0-9a-f-]{36})/.exec(event.location!)![1]!;
  // Notes to start from: they are required, so a form sent unchanged needs some.
  const notes = await first.post(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}/notes`, {
    notes: 'To start from',
  });
  assert.equal(notes.status, 303, notes.body.slice(0, 500));

  // A grade to start from: the form needs one to be sent unchanged.
  await first.get(`/returns/${returnId}/review/grades/${theme.id}`);
  const graded = await first.post(`/returns/${returnId}/review/grades/${theme.id}`, {
    rating: 'amber',
    reason: 'To start from',
  });
  assert.equal(graded.status, 303, graded.body.slice(0, 500));
});
after(async () => t?.close());

const historyOf = (record: () => Parameters<typeof listRecordHistory>[1]) => async (field: string) =>
  (await listRecordHistory(t.database.db, record()))
    .filter((h) => h.field === field)
    .map((h) => h.newValue ?? '');

describe('two admins saving a challenge event’s notes', () => {
  const event = () => `/cycles/${t.ids.cycleId}/challenge-events/${eventId}`;
  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url: event,
    action: () => `${event()}/notes`,
    field: 'notes',
    value: (_field, who) => `Notes from the ${who} admin (${++n}).`,
    stored: async () => {
      const [row] = await t.database.db
        .select({ notes: challengeEvents.notes })
        .from(challengeEvents)
        .where(eq(challengeEvents.id, eventId));
      return { notes: row!.notes };
    },
    historyOf: historyOf(() => eventRecord(t.ids.partnershipId, eventId)),
  });
});

describe('two admins saving a theme’s moderated grade', () => {
  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url: () => `/returns/${returnId}/review/grades/${theme.id}`,
    field: 'reason',
    value: (_field, who) => `Graded by the ${who} admin (${++n}).`,
    stored: async () => {
      const [row] = await t.database.db
        .select({ rating: themeModerations.rating, reason: themeModerations.reason })
        .from(themeModerations)
        .where(eq(themeModerations.returnId, returnId));
      return { rating: row!.rating, reason: row!.reason };
    },
    historyOf: historyOf(() => gradeRecord({ partnershipId: t.ids.partnershipId, id: returnId }, theme.id)),
  });
});

describe('a return’s challenge events', () => {
  it('are listed for the partnership running its cycle, and for no other', async () => {
    const own = await listEventsForReturn(t.database.db, t.ids.partnershipId, returnId);
    assert.deepEqual(
      own.map((e) => e.id),
      [eventId],
    );
    const other = await addOtherPartnership(t);
    assert.deepEqual(await listEventsForReturn(t.database.db, other.partnershipId, returnId), []);
  });
});
