/**
 * Two people editing one record (issue 10, no lost updates), through the routes: a second admin of
 * the demo partnership, the fields a page's form would send back, and the scenarios every record
 * kind must pass, in both orders.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { partnershipRoles, users } from '../../src/db/schema.ts';
import { decoded } from './form-fields.ts';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from './test-app.ts';

export const ADMIN = 'business.manager@nrscp.example'; // Priya Shah
export const ADMIN_NAME = 'Priya Shah';
export const SECOND_ADMIN = 'deputy.manager@nrscp.example';
export const SECOND_ADMIN_NAME = 'Sam Porter';

/** A second admin of the demo partnership; gives their user id. */
export async function addSecondAdmin(t: TestApp): Promise<string> {
  const now = t.clock.now();
  const [u] = await t.database.db
    .insert(users)
    .values({ email: SECOND_ADMIN, name: SECOND_ADMIN_NAME, createdAt: now })
    .returning();
  await t.database.db
    .insert(partnershipRoles)
    .values({ partnershipId: t.ids.partnershipId, userId: u!.id, role: 'partnership_admin', createdAt: now });
  return u!.id;
}

/** The demo app with its admin and a second admin signed in, each in a session of their own. */
export async function startWithTwoAdmins(): Promise<{
  t: TestApp;
  first: TestClient;
  second: TestClient;
  secondId: string;
}> {
  const t = await startTestApp();
  const secondId = await addSecondAdmin(t);
  return { t, secondId, first: await t.signIn(ADMIN), second: await t.signIn(SECOND_ADMIN) };
}

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decoded(m[1]!) : undefined;
};

/**
 * The fields the page's form posting to `action` sends as it stands: inputs (checked ones only, for
 * boxes), text areas and chosen options. Buttons are left out: give the one pressed.
 */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `a form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name || name === '_csrf' || type === 'submit') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
    out[name] = attr(tag, 'value') ?? '';
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(m[1]!, 'name');
    // A text area's first line break belongs to the markup.
    if (name) out[name] = decoded(m[2]!.replace(/^\n/, '')).replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[1]!, 'name');
    const chosen = /<option\b[^>]*value="([^"]*)"[^>]*\sselected\b/.exec(m[2]!);
    if (name) out[name] = chosen ? decoded(chosen[1]!) : '';
  }
  return out;
}

/** The hidden inputs of a page's form (a conflict page's), as a browser would send them back. */
export function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    if (m[1] !== '_csrf') out[decoded(m[1]!)] = decoded(m[2]!);
  return out;
}

/** The key of the one field a conflict page asks about. */
export function conflictKey(kept: Record<string, string>): string {
  const keys = Object.keys(kept).filter((k) => k.startsWith('seen-'));
  assert.equal(keys.length, 1, 'one field is asked about');
  return keys[0]!.slice('seen-'.length);
}

export interface RecordConflictCase {
  t: () => TestApp;
  people: () => { first: TestClient; second: TestClient };
  /** The edit page, which its form posts back to (unless `action` says where). */
  url: () => string;
  /** Where the form posts, when not back to the page. */
  action?: () => string;
  /** The fields to change: `other` is one only the second person changes (none: they change nothing). */
  field: string;
  other?: string;
  /** Added to every post (the button pressed). */
  extra?: Record<string, string>;
  /** Values to type, per person, valid for the field. */
  value: (field: string, who: string) => string;
  /** The stored values, by form field name. */
  stored: () => Promise<Record<string, string>>;
  /** The new values the history records for the field. */
  historyOf: (field: string) => Promise<string[]>;
}

/** The conflict rule's scenarios through the routes, for both orders of the two people. */
export function itKeepsBothSaves(c: RecordConflictCase): void {
  const names = { first: ADMIN_NAME, second: SECOND_ADMIN_NAME };
  const post = () => c.action?.() ?? c.url();

  const open = async (client: TestClient) => {
    const page = await client.get(c.url());
    assert.equal(page.status, 200);
    const fields = formFields(page.body, post());
    assert.ok(fields._shown, 'the form carries what it showed');
    return fields;
  };
  const save = (client: TestClient, fields: Record<string, string>): Promise<TestResponse> => {
    c.t().clock.advance(60_000);
    return client.post(post(), { ...fields, ...c.extra });
  };

  for (const order of [
    ['first', 'second'],
    ['second', 'first'],
  ] as const) {
    const [a, b] = order;
    it(`keeps both saves when the stale form ${c.other ? 'changes another field' : 'changes nothing'} (${names[a]} first)`, async () => {
      const people = c.people();
      const formA = await open(people[a]);
      const formB = await open(people[b]);
      const mine = c.value(c.field, a);
      const saved = await save(people[a], { ...formA, [c.field]: mine });
      assert.equal(saved.status, 303, saved.body.slice(0, 400));
      const theirs = c.other ? c.value(c.other, b) : undefined;
      const stale = await save(people[b], { ...formB, ...(c.other ? { [c.other]: theirs! } : {}) });
      assert.equal(stale.status, 303, stale.body.slice(0, 400));
      const stored = await c.stored();
      assert.equal(stored[c.field], mine, 'the newer value is not written over');
      if (c.other) assert.equal(stored[c.other], theirs);
    });

    for (const choice of ['mine', 'theirs'] as const)
      it(`shows the conflict page when both change one field, saving nothing until ${names[b]} chooses ${choice} (${names[a]} first)`, async () => {
        const people = c.people();
        const formA = await open(people[a]);
        const formB = await open(people[b]);
        const first = c.value(c.field, a);
        const second = c.value(c.field, b);
        assert.equal((await save(people[a], { ...formA, [c.field]: first })).status, 303);
        const otherValue = c.other ? c.value(c.other, `${b} also`) : undefined;
        const clash = await save(people[b], {
          ...formB,
          [c.field]: second,
          ...(c.other ? { [c.other]: otherValue! } : {}),
        });
        assert.equal(clash.status, 409, clash.body.slice(0, 400));
        assert.match(clash.body, /Someone else changed this while you were editing it/);
        assert.match(clash.body, new RegExp(`Changed by ${names[a]} at`));
        assert.ok(decoded(clash.body).includes(first.slice(0, 40)), 'their value is shown');
        assert.ok(decoded(clash.body).includes(second.slice(0, 40)), 'your value is shown');
        assert.equal((await c.stored())[c.field], first, 'nothing saved yet');
        if (c.other) assert.notEqual((await c.stored())[c.other], otherValue, 'nothing saved yet');
        const kept = hiddenFields(clash.body);
        assert.equal(kept[c.field], second, 'what was typed rides in the page');

        const unanswered = await people[b].post(post(), kept);
        assert.equal(unanswered.status, 422);
        assert.match(unanswered.body, /govuk-error-summary/);
        assert.match(unanswered.body, /Select which version of/);

        c.t().clock.advance(60_000);
        const chosen = await people[b].post(post(), { ...kept, [`resolve-${conflictKey(kept)}`]: choice });
        assert.equal(chosen.status, 303, chosen.body.slice(0, 400));
        const stored = await c.stored();
        assert.equal(stored[c.field], choice === 'mine' ? second : first);
        if (c.other) assert.equal(stored[c.other], otherValue, 'the rest of the form is saved');
        const history = await c.historyOf(c.field);
        assert.ok(history.includes(first), 'the history records the first save');
        if (choice === 'mine') assert.ok(history.includes(second), 'and the second');
      });
  }
}
