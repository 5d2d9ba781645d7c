/**
 * No lost updates on the theme page (issue 10): two people with the same theme open. Fields only one
 * of them changed are all kept; a field both changed brings the conflict page, which saves nothing
 * until the person chooses. Both orders, through the routes, on the test database.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { answers, returnHistory, returns, templateQuestions, themeRatings } from '../../src/db/schema.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { decoded } from '../helpers/form-fields.ts';
import { hiddenFields } from '../helpers/record-conflicts.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example'; // Helen Ward
const CONTRIBUTOR = 'hr.adviser@northshire-council.example'; // Tom Bradley, assigned Safer recruitment

describe('two people saving one theme page', () => {
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

  /** Opens the theme page: what its form showed, to send back with the changes. */
  async function open(client: TestClient): Promise<Record<string, string>> {
    const page = await client.get(url);
    assert.equal(page.status, 200);
    const shown = hiddenFields(page.body);
    assert.ok(shown._shown, 'the form carries what it showed');
    return shown;
  }

  async function stored(questionNumber: number) {
    const q = theme.questions.find((x) => x.number === questionNumber)!;
    const [row] = await t.database.db
      .select({ comment: answers.comment, evidenceDocument: answers.evidenceDocument })
      .from(answers)
      .innerJoin(templateQuestions, eq(templateQuestions.id, answers.questionId))
      .where(and(eq(answers.returnId, returnId), eq(answers.questionId, q.id)));
    return row ?? { comment: '', evidenceDocument: '' };
  }

  const save = (client: TestClient, shown: Record<string, string>, fields: Record<string, string>) => {
    // Each save a minute after the last, as people's saves are.
    t.clock.advance(60_000);
    return client.post(url, { ...shown, intent: 'continue', ...fields });
  };

  for (const [first, second] of [
    ['lead', 'contributor'],
    ['contributor', 'lead'],
  ] as const) {
    it(`keeps both saves when they change different fields (${first} first)`, async () => {
      const clients = { lead, contributor };
      const shownA = await open(clients[first]);
      const shownB = await open(clients[second]);
      const a = await save(clients[first], shownA, { 'q1-comment': `From the ${first}` });
      assert.equal(a.status, 303, a.body.slice(0, 300));
      // The second form still shows question 1's comment empty, and leaves it as it was.
      const b = await save(clients[second], shownB, { 'q2-comment': `From the ${second}` });
      assert.equal(b.status, 303, b.body.slice(0, 300));
      assert.equal((await stored(1)).comment, `From the ${first}`);
      assert.equal((await stored(2)).comment, `From the ${second}`);
    });
  }

  it('shows the conflict page when both change one field, and saves nothing until they choose', async () => {
    const shownLead = await open(lead);
    const shownContributor = await open(contributor);
    assert.equal(
      (await save(lead, shownLead, { 'q1-comment': 'Lead’s comment', 'q2-evidence-document': 'HR policy' }))
        .status,
      303,
    );
    const clash = await save(contributor, shownContributor, {
      'q1-comment': 'Contributor’s comment',
      'q3-comment': 'Only the contributor wrote this',
    });
    assert.equal(clash.status, 409);
    assert.match(clash.body, /Someone else changed this while you were editing it/);
    assert.match(clash.body, /Question 1: comments/);
    assert.match(clash.body, /Changed by Helen Ward at/);
    assert.ok(decoded(clash.body).includes('Lead’s comment'), 'their value is shown');
    assert.ok(decoded(clash.body).includes('Contributor’s comment'), 'your value is shown');
    // Only the field both changed is asked about.
    assert.doesNotMatch(clash.body, /Question 3: comments/);
    // Nothing from this save is stored yet, and everything typed rides in the page.
    assert.equal((await stored(1)).comment, 'Lead’s comment');
    assert.equal((await stored(3)).comment, '');
    const kept = hiddenFields(clash.body);
    assert.equal(kept['q3-comment'], 'Only the contributor wrote this');
    assert.equal(kept['q1-comment'], 'Contributor’s comment');

    // Sent without a choice: asked again, with the error summary.
    const unanswered = await contributor.post(url, kept);
    assert.equal(unanswered.status, 422);
    assert.match(unanswered.body, /govuk-error-summary/);
    assert.match(
      unanswered.body,
      /href="#resolve-[^"]+"[^>]*>Select which version of question 1: comments to keep/,
    );
    assert.equal((await stored(3)).comment, '');

    const key = Object.keys(kept)
      .find((k) => k.startsWith('seen-'))!
      .slice('seen-'.length);
    const chosen = await contributor.post(url, { ...kept, [`resolve-${key}`]: 'mine' });
    assert.equal(chosen.status, 303, chosen.body.slice(0, 300));
    assert.equal((await stored(1)).comment, 'Contributor’s comment');
    assert.equal((await stored(2)).evidenceDocument, 'HR policy', 'the lead’s other change stays');
    assert.equal((await stored(3)).comment, 'Only the contributor wrote this');

    // The change history records both saves of the field.
    const history = await t.database.db
      .select({ newValue: returnHistory.newValue })
      .from(returnHistory)
      .where(
        and(
          eq(returnHistory.returnId, returnId),
          eq(returnHistory.field, `${theme.title}, question 1: comments`),
        ),
      );
    const values = history.map((h) => h.newValue);
    assert.ok(values.includes('Lead’s comment'));
    assert.ok(values.includes('Contributor’s comment'));
  });

  it('keeps the saved value when the person chooses it (the other order)', async () => {
    const shownContributor = await open(contributor);
    const shownLead = await open(lead);
    assert.equal((await save(contributor, shownContributor, { rating: 'amber' })).status, 303);
    const clash = await save(lead, shownLead, { rating: 'green', 'q4-comment': 'Lead adds this' });
    assert.equal(clash.status, 409);
    assert.match(clash.body, /Theme rating: rating/);
    assert.match(clash.body, /Changed by Tom Bradley at/);
    const kept = hiddenFields(clash.body);
    const key = Object.keys(kept)
      .find((k) => k.startsWith('seen-'))!
      .slice('seen-'.length);
    const chosen = await lead.post(url, { ...kept, [`resolve-${key}`]: 'theirs' });
    assert.equal(chosen.status, 303, chosen.body.slice(0, 300));
    const [rating] = await t.database.db
      .select({ rating: themeRatings.rating })
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.equal(rating?.rating, 'amber');
    assert.equal((await stored(4)).comment, 'Lead adds this');
  });

  it('asks again when the field changed once more after the conflict page was shown', async () => {
    const shownLead = await open(lead);
    const shownContributor = await open(contributor);
    assert.equal((await save(lead, shownLead, { 'q1-comment': 'First' })).status, 303);
    const clash = await save(contributor, shownContributor, { 'q1-comment': 'Mine' });
    assert.equal(clash.status, 409);
    const kept = hiddenFields(clash.body);
    const key = Object.keys(kept)
      .find((k) => k.startsWith('seen-'))!
      .slice('seen-'.length);
    // Meanwhile the lead saves the comment again.
    const again = await open(lead);
    assert.equal((await save(lead, again, { 'q1-comment': 'Second' })).status, 303);
    const stale = await contributor.post(url, { ...kept, [`resolve-${key}`]: 'mine' });
    assert.equal(stale.status, 409, 'a choice made against an older value is asked again');
    assert.ok(decoded(stale.body).includes('Second'));
    assert.equal((await stored(1)).comment, 'Second');
  });

  it('shows a refused form again carrying what it first showed', async () => {
    const shownLead = await open(lead);
    const shownContributor = await open(contributor);
    assert.equal((await save(lead, shownLead, { 'q1-comment': 'Lead' })).status, 303);
    // An impossible date: refused, shown again with the same base.
    const refused = await save(contributor, shownContributor, {
      'q2-comment': 'Contributor',
      'rating-target-date-day': '40',
      'rating-target-date-month': '1',
      'rating-target-date-year': '2027',
    });
    assert.equal(refused.status, 422);
    assert.equal(hiddenFields(refused.body)._shown, shownContributor._shown);
    // Corrected and sent again: the lead's comment is still not written over.
    const fixed = await save(contributor, hiddenFields(refused.body), { 'q2-comment': 'Contributor' });
    assert.equal(fixed.status, 303, fixed.body.slice(0, 300));
    assert.equal((await stored(1)).comment, 'Lead');
    assert.equal((await stored(2)).comment, 'Contributor');
  });
});

describe('two sessions saving the return’s details', () => {
  let t: TestApp;
  let returnId: string;
  let url: string;

  before(async () => {
    t = await startTestApp();
    returnId = t.ids.returnIds.police!;
    url = `/returns/${returnId}/details`;
  });
  after(async () => t.close());

  const POLICE_LEAD = 'public.protection@northshire-police.example';
  const details = {
    completerName: 'Sarah Collins',
    completerRole: 'Head of Public Protection',
    completerEmail: POLICE_LEAD,
    completerPhone: '',
  };

  async function storedDetails() {
    const [row] = await t.database.db
      .select({ role: returns.completerRole, phone: returns.completerPhone })
      .from(returns)
      .where(eq(returns.id, returnId));
    return row!;
  }

  it('keeps both when they change different fields, and asks when both change one (both orders)', async () => {
    const first = await t.signIn(POLICE_LEAD);
    const second = await t.signIn(POLICE_LEAD);
    await first.get(url);
    assert.equal((await first.post(url, details)).status, 303, 'first save, from an older form');

    const shownA = hiddenFields((await first.get(url)).body);
    const shownB = hiddenFields((await second.get(url)).body);
    assert.equal(
      (await first.post(url, { ...shownA, ...details, completerPhone: '01632 960 001' })).status,
      303,
    );
    const b = await second.post(url, { ...shownB, ...details, completerRole: 'Detective Chief Inspector' });
    assert.equal(b.status, 303, b.body.slice(0, 300));
    assert.deepEqual(await storedDetails(), { role: 'Detective Chief Inspector', phone: '01632 960 001' });

    // Both change the role: the later one (either session) is asked.
    for (const [x, y, round] of [
      [first, second, 1],
      [second, first, 2],
    ] as const) {
      const sx = hiddenFields((await x.get(url)).body);
      const sy = hiddenFields((await y.get(url)).body);
      const role = (n: string) => ({ ...sx, ...details, completerPhone: '01632 960 001', completerRole: n });
      assert.equal((await x.post(url, role(`Role ${round} from X`))).status, 303);
      const clash = await y.post(url, {
        ...sy,
        ...details,
        completerPhone: '01632 960 001',
        completerRole: `Role ${round} from Y`,
      });
      assert.equal(clash.status, 409);
      assert.match(clash.body, /Person completing: role/);
      assert.match(clash.body, /Changed by DCI Sarah Collins at/);
      assert.equal((await storedDetails()).role, `Role ${round} from X`, 'nothing saved yet');
      const kept = hiddenFields(clash.body);
      const key = Object.keys(kept)
        .find((k) => k.startsWith('seen-'))!
        .slice('seen-'.length);
      const chosen = await y.post(url, { ...kept, [`resolve-${key}`]: 'mine' });
      assert.equal(chosen.status, 303, chosen.body.slice(0, 300));
      assert.equal((await storedDetails()).role, `Role ${round} from Y`);
    }
  });
  it('asks about a sign-off both sessions changed, keeps the other’s unchanged fields (both orders)', async () => {
    const signoff = `/returns/${returnId}/sign-off`;
    const first = await t.signIn(POLICE_LEAD);
    const second = await t.signIn(POLICE_LEAD);
    const fields = (name: string, title: string, day: string) => ({
      signoffName: name,
      signoffJobTitle: title,
      'signoffDate-day': day,
      'signoffDate-month': '11',
      'signoffDate-year': '2026',
      confirm: 'yes',
    });
    const stored = async () => {
      const [row] = await t.database.db
        .select({ name: returns.signoffName, title: returns.signoffJobTitle })
        .from(returns)
        .where(eq(returns.id, returnId));
      return row!;
    };
    await first.get(signoff);
    assert.equal((await first.post(signoff, fields('Base name', 'Chief Constable', '19'))).status, 303);
    for (const [x, y, round] of [
      [first, second, 1],
      [second, first, 2],
    ] as const) {
      const sx = hiddenFields((await x.get(signoff)).body);
      const sy = hiddenFields((await y.get(signoff)).body);
      const now = await stored();
      // X changes the name; Y changes the job title and the name.
      const a = await x.post(signoff, {
        ...sx,
        ...fields(`Name ${round} X`, now.title!, '20'),
      });
      assert.equal(a.status, 303, a.body.slice(0, 300));
      const clash = await y.post(signoff, {
        ...sy,
        ...fields(`Name ${round} Y`, `Title ${round} Y`, '20'),
      });
      assert.equal(clash.status, 409);
      assert.match(clash.body, /Senior officer: name/);
      assert.doesNotMatch(clash.body, /Senior officer: job title/);
      assert.equal((await stored()).name, `Name ${round} X`, 'nothing saved yet');
      const kept = hiddenFields(clash.body);
      const key = Object.keys(kept)
        .find((k) => k.startsWith('seen-'))!
        .slice('seen-'.length);
      const chosen = await y.post(signoff, { ...kept, [`resolve-${key}`]: 'theirs' });
      assert.equal(chosen.status, 303, chosen.body.slice(0, 300));
      assert.deepEqual(await stored(), { name: `Name ${round} X`, title: `Title ${round} Y` });
    }
  });
});
