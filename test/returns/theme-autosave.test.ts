/**
 * Autosave on the theme page (issue 14, item 3): public/app.js posts the form as typed to
 * `…/autosave` a moment after typing stops. It is checked as the form's post is (CSRF, who may
 * change the theme, whether it can be changed), saves a draft that never completes the theme,
 * follows the conflict rule, and answers JSON with the page's new hidden "shown" value.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { answers, returns, themeRatings } from '../../src/db/schema.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { hiddenFields } from '../helpers/record-conflicts.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const CONTRIBUTOR = 'hr.adviser@northshire-council.example'; // assigned Safer recruitment
const OTHER_AGENCY_LEAD = 'public.protection@northshire-police.example';

const json = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe('autosave on a theme page', () => {
  let t: TestApp;
  let lead: TestClient;
  let contributor: TestClient;
  let theme: ThemeInfo;
  let returnId: string;
  let url: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    contributor = await t.signIn(CONTRIBUTOR);
    theme = (await themesFor(t, 'council')).find((x) => x.key === 'safer-recruitment')!;
    returnId = t.ids.returnIds.council!;
    url = `/returns/${returnId}/themes/${theme.id}`;
  });
  after(async () => t.close());
  beforeEach(async () => {
    await t.database.db.delete(answers).where(eq(answers.returnId, returnId));
    await t.database.db.delete(themeRatings).where(eq(themeRatings.returnId, returnId));
  });

  async function open(client: TestClient): Promise<Record<string, string>> {
    const page = await client.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`data-app-autosave="${url}/autosave"`), 'the form names its autosave');
    assert.match(page.body, /aria-live="polite" data-app-autosave-status/, 'and its live region');
    return hiddenFields(page.body);
  }

  async function comment(n: number): Promise<string> {
    const q = theme.questions.find((x) => x.number === n)!;
    const [row] = await t.database.db
      .select({ comment: answers.comment })
      .from(answers)
      .where(and(eq(answers.returnId, returnId), eq(answers.questionId, q.id)));
    return row?.comment ?? '';
  }

  async function completedAt(): Promise<Date | null> {
    const [row] = await t.database.db
      .select({ completedAt: themeRatings.completedAt })
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    return row?.completedAt ?? null;
  }

  const autosave = (client: TestClient, fields: Record<string, string>) => {
    t.clock.advance(60_000);
    return client.post(`${url}/autosave`, fields);
  };

  it('saves what is typed and gives the new shown value, so the next save does not conflict with itself', async () => {
    const shown = await open(lead);
    const first = await autosave(lead, { ...shown, 'q1-comment': 'Typed a moment ago' });
    assert.equal(first.status, 200, first.body.slice(0, 300));
    assert.match(String(first.headers['content-type']), /application\/json/);
    const body = json(first);
    assert.equal(body.status, 'saved');
    assert.match(String(body.message), /^Saved at \d\d:\d\d$/);
    assert.notEqual(body.shown, shown._shown, 'the page is told what it shows now');
    assert.equal(await comment(1), 'Typed a moment ago');

    // More typing, sent with the new shown value: saved, no conflict with the first autosave.
    const second = await autosave(lead, {
      ...shown,
      _shown: String(body.shown),
      'q1-comment': 'Typed a moment ago, and more',
    });
    assert.equal(second.status, 200, second.body.slice(0, 300));
    assert.equal(await comment(1), 'Typed a moment ago, and more');
    // With the first page's old value instead, the same field would be someone else's change.
    const stale = await autosave(lead, { ...shown, 'q1-comment': 'From the stale page' });
    assert.equal(stale.status, 409);

    // The manual save, with the latest shown value, saves too.
    const manual = await lead.post(url, {
      ...shown,
      _shown: String(json(second).shown),
      'q1-comment': 'Saved by the button',
      intent: 'later',
    });
    assert.equal(manual.status, 303, manual.body.slice(0, 300));
    assert.equal(await comment(1), 'Saved by the button');
  });

  it('saves a draft that never completes the theme', async () => {
    const shown = await open(lead);
    const draft = await autosave(lead, { ...shown, ...completeThemeFields(theme) });
    assert.equal(draft.status, 200, draft.body.slice(0, 300));
    assert.equal(json(draft).completed, false);
    assert.equal(await completedAt(), null, 'a complete, valid form still leaves the theme not completed');
    const page = await lead.get(`/returns/${returnId}`);
    assert.equal(page.status, 200);

    // The button completes it; an autosave after that keeps it completed while it still is.
    const again = await open(lead);
    const done = await lead.post(url, { ...again, ...completeThemeFields(theme) });
    assert.equal(done.status, 303, done.body.slice(0, 300));
    assert.ok(await completedAt(), 'completed by the button');
    const kept = await autosave(lead, {
      ...again,
      _shown: hiddenFields((await lead.get(url)).body)._shown!,
      ...completeThemeFields(theme, { 'q1-comment': 'A note after completing' }),
    });
    assert.equal(kept.status, 200, kept.body.slice(0, 300));
    assert.ok(await completedAt(), 'still completed');
  });

  it('never writes over a field someone else changed, and says so', async () => {
    const leadShown = await open(lead);
    const contributorShown = await open(contributor);
    const theirs = await contributor.post(url, {
      ...contributorShown,
      'q1-comment': 'The contributor’s comment',
      'q2-comment': 'The contributor’s other comment',
      intent: 'later',
    });
    assert.equal(theirs.status, 303, theirs.body.slice(0, 300));

    const clash = await autosave(lead, { ...leadShown, 'q1-comment': 'The lead’s comment' });
    assert.equal(clash.status, 409);
    assert.equal(json(clash).status, 'conflict');
    assert.equal(json(clash).message, 'Not saved: someone else changed this theme — save to see the changes');
    assert.equal(await comment(1), 'The contributor’s comment', 'nothing written over');

    // The manual save with the same page shows the conflict page, saving nothing.
    const manual = await lead.post(url, {
      ...leadShown,
      'q1-comment': 'The lead’s comment',
      intent: 'later',
    });
    assert.equal(manual.status, 409);
    assert.match(manual.body, /Someone else changed this/);
    assert.equal(await comment(1), 'The contributor’s comment');
  });

  it('keeps another person’s change to a field the page still shows as it was, after an autosave', async () => {
    const leadShown = await open(lead);
    const contributorShown = await open(contributor);
    const theirs = await contributor.post(url, {
      ...contributorShown,
      'q2-comment': 'The contributor’s comment',
      intent: 'later',
    });
    assert.equal(theirs.status, 303, theirs.body.slice(0, 300));
    // The lead's page still shows question 2's comment empty: the autosave of question 1 keeps it,
    const saved = await autosave(lead, { ...leadShown, 'q1-comment': 'The lead’s comment' });
    assert.equal(saved.status, 200, saved.body.slice(0, 300));
    assert.equal(await comment(2), 'The contributor’s comment');
    // and the shown value it gives does not make the page's empty field look like the lead's change.
    const manual = await lead.post(url, {
      ...leadShown,
      _shown: String(json(saved).shown),
      'q1-comment': 'The lead’s comment',
      intent: 'later',
    });
    assert.equal(manual.status, 303, manual.body.slice(0, 300));
    assert.equal(await comment(2), 'The contributor’s comment');
    assert.equal(await comment(1), 'The lead’s comment');
    // Changing it on that page is a conflict, as it would be without autosave.
    const clash = await autosave(lead, {
      ...leadShown,
      _shown: String(json(saved).shown),
      'q2-comment': 'The lead’s own',
    });
    assert.equal(clash.status, 409);
    assert.equal(await comment(2), 'The contributor’s comment');
  });

  it('answers 422 JSON for input that cannot be saved, saving nothing', async () => {
    const shown = await open(lead);
    const res = await autosave(lead, { ...shown, rating: 'purple', 'q1-comment': 'Not kept' });
    assert.equal(res.status, 422);
    assert.equal(json(res).status, 'invalid');
    assert.ok((json(res).errors as string[]).includes('Select Red, Amber or Green'));
    assert.equal(await comment(1), '');
  });

  it('writes nothing for a post that does not say what its page showed', async () => {
    const shown = await open(lead);
    const res = await autosave(lead, { ...shown, _shown: '', 'q1-comment': 'From nowhere' });
    assert.equal(res.status, 422);
    assert.equal(await comment(1), '');
  });

  it('checks the CSRF token, who may change the theme, and whether it can be changed', async () => {
    const shown = await open(lead);
    const forged = await lead.post(`${url}/autosave`, { ...shown, _csrf: 'stale', 'q1-comment': 'Forged' });
    assert.equal(forged.status, 403);
    assert.equal(await comment(1), '');

    // Another agency's lead finds nothing (as on the page); a partnership admin may not change it.
    const otherAgency = await t.signIn(OTHER_AGENCY_LEAD);
    await otherAgency.get(url); // a page with its form token
    const refused = await otherAgency.post(`${url}/autosave`, { ...shown, 'q1-comment': 'Not theirs' });
    assert.equal(refused.status, 404, refused.body.slice(0, 300));
    assert.equal(json(refused).status, 'refused');

    const admin = await t.signIn('business.manager@nrscp.example');
    await admin.get(url);
    const partnership = await admin.post(`${url}/autosave`, { ...shown, 'q1-comment': 'Not theirs' });
    assert.equal(partnership.status, 403);
    assert.equal(await comment(1), '');

    const anonymous = t.client();
    await anonymous.get('/sign-in');
    const signIn = await anonymous.post(`${url}/autosave`, { ...shown, 'q1-comment': 'Nobody' });
    assert.equal(signIn.status, 303);
    assert.match(signIn.location ?? '', /^\/sign-in/);

    const [was] = await t.database.db
      .select({ status: returns.status })
      .from(returns)
      .where(eq(returns.id, returnId));
    await t.database.db.update(returns).set({ status: 'submitted' }).where(eq(returns.id, returnId));
    try {
      const submitted = await lead.post(`${url}/autosave`, { ...shown, 'q1-comment': 'Too late' });
      // As the form's post answers: the return is submitted (409), nothing is saved.
      assert.equal(submitted.status, 409);
      assert.match(String(json(submitted).message), /^Not saved: /);
      assert.equal(json(submitted).status, 'refused');
    } finally {
      await t.database.db.update(returns).set({ status: was!.status }).where(eq(returns.id, returnId));
    }
    assert.equal(await comment(1), '');
  });
});
