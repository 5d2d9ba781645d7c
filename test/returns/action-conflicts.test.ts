/**
 * No lost updates on the action plan (issue 10): two people with the same action open. Fields only
 * one of them changed are all kept; a field both changed brings the conflict page, which saves
 * nothing until the person chooses. Both orders, through the service and through the routes.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { and, eq, gte, like } from 'drizzle-orm';
import { actions, actionUpdates, returnHistory, users } from '../../src/db/schema.ts';
import { loadCurrentUser } from '../../src/features/auth/users.repository.ts';
import {
  ACTION_RECORD,
  actionFields,
  statusChangedByPerson,
  updateAction,
} from '../../src/features/returns/action-plan.service.ts';
import type { ActionValues } from '../../src/features/returns/actions/action.form.ts';
import { findAccessibleReturn, type ReturnContext } from '../../src/features/returns/returns.repository.ts';
import { fieldKey, fingerprint, type Shown, shownRecord } from '../../src/web/form-version.ts';
import { hiddenFields } from '../helpers/record-conflicts.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example'; // Helen Ward
const CONTRIBUTOR = 'hr.adviser@northshire-council.example'; // Tom Bradley, assigned Safer recruitment
const DESCRIPTION = 'Refresh safer recruitment training for hiring managers';

const ORIGINAL = {
  leadPerson: 'Head of HR',
  successCriteria: 'Every hiring manager trained',
  targetDate: '2027-03-31',
  status: 'not_started' as const,
};

describe('two people updating one action', () => {
  let t: TestApp;
  let lead: TestClient;
  let contributor: TestClient;
  let returnId: string;
  let actionId: string;
  let url: string;
  const ctxs: Record<'lead' | 'contributor', ReturnContext> = {} as never;
  const userIds: Record<'lead' | 'contributor', string> = {} as never;
  let since: Date;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    contributor = await t.signIn(CONTRIBUTOR);
    returnId = t.ids.returnIds.council!;
    const theme = (await themesFor(t, 'council')).find((x) => x.key === 'safer-recruitment')!;
    const [row] = await t.database.db
      .insert(actions)
      .values({
        partnershipId: t.ids.partnershipId,
        returnId,
        themeId: theme.id,
        description: DESCRIPTION,
        ...ORIGINAL,
      })
      .returning({ id: actions.id });
    actionId = row!.id;
    url = `/returns/${returnId}/actions/${actionId}`;
    for (const [who, email] of [
      ['lead', COUNCIL_LEAD],
      ['contributor', CONTRIBUTOR],
    ] as const) {
      const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      userIds[who] = u!.id;
      const user = await loadCurrentUser(t.database.db, u!.id);
      ctxs[who] = (await findAccessibleReturn(t.database.db, user!, returnId))!;
    }
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.database.db.update(actions).set(ORIGINAL).where(eq(actions.id, actionId));
    await t.database.db.delete(actionUpdates).where(eq(actionUpdates.actionId, actionId));
    // The change history is append-only: each test reads only what was recorded since it began.
    t.clock.advance(1000);
    since = t.clock.now();
  });

  const stored = async () => (await t.database.db.select().from(actions).where(eq(actions.id, actionId)))[0]!;

  describe('through the service', () => {
    /** What a form opened now shows of the action. */
    const opened = async (): Promise<Shown> => ({
      [ACTION_RECORD]: shownRecord(actionFields(await stored())),
    });
    const values = (changes: Partial<ActionValues>): ActionValues => ({ ...ORIGINAL, note: '', ...changes });
    const save = (
      who: 'lead' | 'contributor',
      shown: Shown,
      changes: Partial<ActionValues>,
      resolutions = new Map(),
    ) => {
      t.clock.advance(60_000);
      return updateAction(t.database.db, ctxs[who], actionId, values(changes), userIds[who], t.clock.now(), {
        shown,
        resolutions,
      });
    };

    for (const [first, second] of [
      ['lead', 'contributor'],
      ['contributor', 'lead'],
    ] as const) {
      it(`keeps both saves when they change different fields (${first} first)`, async () => {
        const shownA = await opened();
        const shownB = await opened();
        const a = await save(first, shownA, { leadPerson: `Named by the ${first}` });
        assert.deepEqual(a.conflicts, []);
        // The second form still shows the old lead person, and leaves it as the first saved it.
        const b = await save(second, shownB, { targetDate: '2027-06-30' });
        assert.deepEqual(b.conflicts, []);
        const row = await stored();
        assert.equal(row.leadPerson, `Named by the ${first}`);
        assert.equal(row.targetDate, '2027-06-30');
      });

      it(`asks when both change one field, saving nothing until they choose (${first} first)`, async () => {
        const shownA = await opened();
        const shownB = await opened();
        await save(first, shownA, { successCriteria: `Criteria of the ${first}` });
        const clash = await save(second, shownB, {
          successCriteria: `Criteria of the ${second}`,
          leadPerson: `Lead of the ${second}`,
          note: 'Progress from the second',
        });
        assert.equal(clash.changed, false);
        assert.deepEqual(
          clash.conflicts.map((c) => [c.field, c.mine, c.theirs]),
          [['successCriteria', `Criteria of the ${second}`, `Criteria of the ${first}`]],
        );
        assert.equal(
          (await stored()).leadPerson,
          ORIGINAL.leadPerson,
          'nothing of the second save is stored',
        );
        const notes = await t.database.db
          .select()
          .from(actionUpdates)
          .where(eq(actionUpdates.actionId, actionId));
        assert.equal(notes.length, 0, 'the progress update waits for the choice too');

        // Choosing theirs keeps the first save's criteria and saves the rest of the second.
        const key = fieldKey(ACTION_RECORD, 'successCriteria');
        const chosen = await save(
          second,
          shownB,
          {
            successCriteria: `Criteria of the ${second}`,
            leadPerson: `Lead of the ${second}`,
            note: 'Progress from the second',
          },
          new Map([[key, { choice: 'theirs' as const, seen: fingerprint(`Criteria of the ${first}`) }]]),
        );
        assert.deepEqual(chosen.conflicts, []);
        const row = await stored();
        assert.equal(row.successCriteria, `Criteria of the ${first}`);
        assert.equal(row.leadPerson, `Lead of the ${second}`);
        const history = await t.database.db
          .select({
            field: returnHistory.field,
            newValue: returnHistory.newValue,
            userId: returnHistory.userId,
          })
          .from(returnHistory)
          .where(and(eq(returnHistory.returnId, returnId), gte(returnHistory.createdAt, since)));
        const mine = history.filter((h) => h.field?.startsWith('Action: Refresh'));
        assert.ok(
          mine.some((h) => h.userId === userIds[first] && h.newValue === `Criteria of the ${first}`),
          'the first save is in the history',
        );
        assert.ok(
          mine.some((h) => h.userId === userIds[second] && h.newValue === 'Progress from the second'),
          'the second save is in the history',
        );
      });
    }

    it('asks for a progress update only for a status the person changed from the one their form showed', async () => {
      const shownB = await opened();
      await save('lead', await opened(), { status: 'in_progress', note: 'Started' });
      const saved = (await stored()).status;
      assert.equal(saved, 'in_progress');
      // The second form still showed Not started: the lead's change is not the second person's.
      assert.equal(statusChangedByPerson(saved, { shown: shownB }, 'not_started'), false);
      assert.equal(statusChangedByPerson(saved, { shown: shownB }, 'completed'), true);
      // A form showing nothing of the status is compared with the one saved.
      assert.equal(statusChangedByPerson(saved, {}, 'in_progress'), false);
      assert.equal(statusChangedByPerson(saved, {}, 'not_started'), true);
      assert.equal(statusChangedByPerson(saved, { shown: { [ACTION_RECORD]: {} } }, 'completed'), true);
    });

    it('saves the person’s own value when they choose it', async () => {
      const shownA = await opened();
      const shownB = await opened();
      await save('lead', shownA, { status: 'in_progress', note: 'Started' });
      const clash = await save('contributor', shownB, { status: 'completed', note: 'Done' });
      assert.equal(clash.conflicts[0]?.field, 'status');
      const chosen = await save(
        'contributor',
        shownB,
        { status: 'completed', note: 'Done' },
        new Map([
          [fieldKey(ACTION_RECORD, 'status'), { choice: 'mine' as const, seen: fingerprint('in_progress') }],
        ]),
      );
      assert.deepEqual(chosen.conflicts, []);
      assert.equal((await stored()).status, 'completed');
    });
  });

  it('counts the characters of the action form’s limited text areas, the limit written in the page', async () => {
    const page = await lead.get(url);
    assert.equal(page.status, 200);
    for (const name of ['successCriteria', 'note']) {
      assert.match(
        page.body,
        new RegExp(`data-module="govuk-character-count" data-maxlength="2000"[\\s\\S]*?name="${name}"`),
      );
      assert.match(page.body, new RegExp(`id="${name}-info"[^>]*>\\s*You can enter up to 2000 characters`));
    }
  });

  describe('through the routes', () => {
    /** Opens the action's form: what it showed, to send back with the changes. */
    async function open(client: TestClient): Promise<Record<string, string>> {
      const page = await client.get(url);
      assert.equal(page.status, 200);
      const shown = hiddenFields(page.body);
      assert.ok(shown._shown, 'the form carries what it showed');
      return shown;
    }
    const form = (changes: Record<string, string>) => ({
      leadPerson: ORIGINAL.leadPerson,
      successCriteria: ORIGINAL.successCriteria,
      'targetDate-day': '31',
      'targetDate-month': '3',
      'targetDate-year': '2027',
      status: ORIGINAL.status,
      note: '',
      ...changes,
    });
    const post = (client: TestClient, shown: Record<string, string>, changes: Record<string, string>) => {
      t.clock.advance(60_000);
      return client.post(url, { ...shown, ...form(changes) });
    };

    for (const [first, second] of [
      ['lead', 'contributor'],
      ['contributor', 'lead'],
    ] as const) {
      it(`keeps both saves when they change different fields (${first} first)`, async () => {
        const clients = { lead, contributor };
        const shownA = await open(clients[first]);
        const shownB = await open(clients[second]);
        const a = await post(clients[first], shownA, {
          status: 'in_progress',
          note: `Started by the ${first}`,
        });
        assert.equal(a.status, 303, a.body.slice(0, 300));
        // The second form still shows Not started; it changes only the lead, and needs no update.
        const b = await post(clients[second], shownB, { leadPerson: `Named by the ${second}` });
        assert.equal(b.status, 303, b.body.slice(0, 300));
        const row = await stored();
        assert.equal(row.status, 'in_progress');
        assert.equal(row.leadPerson, `Named by the ${second}`);
      });

      it(`shows the conflict page when both change one field (${first} first)`, async () => {
        const clients = { lead, contributor };
        const names = { lead: 'Helen Ward', contributor: 'Tom Bradley' };
        const shownA = await open(clients[first]);
        const shownB = await open(clients[second]);
        assert.equal(
          (await post(clients[first], shownA, { 'targetDate-day': '30', 'targetDate-month': '4' })).status,
          303,
        );
        const clash = await post(clients[second], shownB, {
          'targetDate-month': '5',
          successCriteria: `Only the ${second} wrote this`,
        });
        assert.equal(clash.status, 409);
        assert.match(clash.body, /Someone else changed this while you were editing it/);
        assert.match(clash.body, /Target date/);
        assert.match(clash.body, new RegExp(`Changed by ${names[first]} at`));
        assert.match(clash.body, /30 April 2027/, 'their value is shown');
        assert.match(clash.body, /31 May 2027/, 'your value is shown');
        assert.doesNotMatch(clash.body, /Success criteria/, 'only the field both changed is asked about');
        // Nothing from this save is stored yet, and everything typed rides in the page.
        assert.equal((await stored()).successCriteria, ORIGINAL.successCriteria);
        const kept = hiddenFields(clash.body);
        assert.equal(kept.successCriteria, `Only the ${second} wrote this`);

        // Sent without a choice: asked again, with the error summary.
        const unanswered = await clients[second].post(url, kept);
        assert.equal(unanswered.status, 422);
        assert.match(unanswered.body, /Select which version of target date to keep/);

        const key = Object.keys(kept)
          .find((k) => k.startsWith('seen-'))!
          .slice('seen-'.length);
        const chosen = await clients[second].post(url, { ...kept, [`resolve-${key}`]: 'mine' });
        assert.equal(chosen.status, 303, chosen.body.slice(0, 300));
        const row = await stored();
        assert.equal(row.targetDate, '2027-05-31');
        assert.equal(row.successCriteria, `Only the ${second} wrote this`);
        const history = await t.database.db
          .select({ newValue: returnHistory.newValue })
          .from(returnHistory)
          .where(
            and(
              eq(returnHistory.returnId, returnId),
              like(returnHistory.field, '% – target date'),
              gte(returnHistory.createdAt, since),
            ),
          );
        assert.deepEqual(history.map((h) => h.newValue).sort(), ['30 April 2027', '31 May 2027']);
      });
    }
  });
});

describe('an action’s target date changed on the theme page and on the action page', () => {
  let t: TestApp;
  let lead: TestClient;
  let contributor: TestClient;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    contributor = await t.signIn(CONTRIBUTOR);
  });
  after(async () => t.close());

  it('names whoever changed it last on the conflict page, whichever page they used', async () => {
    const returnId = t.ids.returnIds.council!;
    const theme = (await themesFor(t, 'council')).find((x) => x.key === 'safer-recruitment')!;
    const q1 = theme.questions[0]!;
    const themeUrl = `/returns/${returnId}/themes/${theme.id}`;
    const dateOn = (prefix: string, day: string, month: string) => ({
      [`${prefix}-day`]: day,
      [`${prefix}-month`]: month,
      [`${prefix}-year`]: '2027',
    });
    const saveTheme = async (client: TestClient, fields: Record<string, string>) => {
      const shown = hiddenFields((await client.get(themeUrl)).body);
      t.clock.advance(60_000);
      return client.post(themeUrl, { ...shown, intent: 'later', ...fields });
    };
    // The lead's answer generates the action, from question 1.
    const answer = { 'q1-response': q1.scale === 'graded' ? 'not_met' : 'no', 'q1-action': DESCRIPTION };
    const first = await saveTheme(lead, { ...answer, ...dateOn('q1-target-date', '31', '1') });
    assert.equal(first.status, 303, first.body.slice(0, 300));
    const [row] = await t.database.db
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.returnId, returnId), eq(actions.questionId, q1.id)));
    const url = `/returns/${returnId}/actions/${row!.id}`;
    const actionForm = {
      leadPerson: 'Head of HR',
      successCriteria: '',
      status: 'not_started',
      note: '',
    };
    // The contributor moves the date on the action page, and opens the action again.
    const own = hiddenFields((await contributor.get(url)).body);
    t.clock.advance(60_000);
    const moved = await contributor.post(url, { ...own, ...actionForm, ...dateOn('targetDate', '28', '2') });
    assert.equal(moved.status, 303, moved.body.slice(0, 300));
    const stale = hiddenFields((await contributor.get(url)).body);

    // The lead moves it on the theme page; the contributor's open form still shows 28 February.
    const second = await saveTheme(lead, { ...answer, ...dateOn('q1-target-date', '31', '3') });
    assert.equal(second.status, 303, second.body.slice(0, 300));
    t.clock.advance(60_000);
    const clash = await contributor.post(url, {
      ...stale,
      ...actionForm,
      ...dateOn('targetDate', '30', '4'),
    });
    assert.equal(clash.status, 409);
    assert.match(clash.body, /31 March 2027/, 'their value is shown');
    assert.match(clash.body, /Changed by Helen Ward at/, 'the lead changed it last, on the theme page');
    assert.doesNotMatch(clash.body, /Changed by Tom Bradley/);
  });
});
