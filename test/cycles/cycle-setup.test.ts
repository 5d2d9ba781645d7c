import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { cycles, returns } from '../../src/db/schema.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { dateFields } from '../helpers/form-fields.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const DAY = 86_400_000;

describe('setting up an audit: how often, introduction, focus questions', () => {
  let t: TestApp;
  let admin: TestClient;
  let themes: ThemeInfo[];
  let postUrl: string;
  let cycleId: string;
  let councilReturnId: string;
  let focus: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    themes = await themesFor(t, 'council');
    focus = themes[1]!.questions[0]!.id;
    postUrl = `/partnerships/${t.ids.partnershipId}/cycles`;
  });
  after(async () => t.close());

  const fields = (overrides: Record<string, string | string[]> = {}) => {
    const now = t.clock.now();
    return {
      name: 'Northshire audit 2027',
      kind: 'annual',
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', new Date(now.getTime() + 10 * DAY)),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 60 * DAY)),
      closesTime: '5pm',
      localities: [t.ids.localityIds.northshire],
      invite: 'sectors',
      sectors: ['la-childrens-services'],
      introduction: 'This year we focus on supervision.\nContact the business unit with questions.',
      focusQuestionIds: [focus],
      carryForward: 'no',
      ...overrides,
    };
  };

  it('offers how often it runs, focus questions by theme and carry forward (default yes)', async () => {
    const page = await admin.get(`/partnerships/${t.ids.partnershipId}/cycles/new`);
    assert.equal(page.status, 200);
    assert.match(page.body, /name="kind" type="radio" value="biennial"/);
    assert.match(page.body, /Rolling, by academic year/);
    assert.match(page.body, new RegExp(`name="focusQuestionIds" type="checkbox" value="${focus}"`));
    assert.ok(page.body.includes(themes[1]!.title), 'questions grouped under their theme');
    assert.match(page.body, /name="carryForward" type="radio" value="yes" checked/);
  });

  it('refuses a missing kind, a focus question from another template and a missing carry-forward choice, keeping what was typed', async () => {
    const res = await admin.post(
      postUrl,
      fields({
        kind: '',
        focusQuestionIds: [focus, '00000000-0000-4000-8000-000000000000'],
        carryForward: '',
      }),
    );
    assert.equal(res.status, 422);
    assert.match(res.body, /href="#kind"[^>]*>Select how often this audit runs/);
    assert.match(res.body, /href="#focusQuestionIds"[^>]*>Select focus questions only from the template/);
    assert.match(res.body, /Select whether to pre-fill returns from the last audit/);
    assert.match(res.body, /This year we focus on supervision\./);
    assert.match(res.body, new RegExp(`value="${focus}" checked`));
    assert.match(res.body, /value="Northshire audit 2027"/);
    const tooLong = await admin.post(postUrl, fields({ introduction: 'x'.repeat(5001) }));
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.body, /The introduction must be 5,000 characters or fewer/);
    assert.equal((await t.database.db.select().from(cycles)).length, 1, 'nothing saved');
  });

  it('saves the kind, introduction and focus questions', async () => {
    const res = await admin.post(postUrl, fields());
    assert.equal(res.status, 303, res.body.slice(0, 500));
    cycleId = /\/cycles\/([0-9a-f-]+)\?/.exec(res.location ?? '')![1]!;
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, cycleId));
    assert.equal(cycle?.kind, 'annual');
    assert.deepEqual(cycle?.focusQuestionIds, [focus]);
    assert.equal(cycle?.carryForward, false);
    const [row] = await t.database.db.select().from(returns).where(eq(returns.cycleId, cycleId));
    councilReturnId = row!.id;
    const monitoring = await admin.get(res.location!);
    assert.match(monitoring.body, /Every year \(annual\)/);
    assert.match(
      monitoring.body,
      /Opens on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4} at 9am\. Closes on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} at 5pm\./,
    );
    assert.ok(monitoring.body.includes(`/cycles/${cycleId}/change`));
  });

  it('lets an admin change the name, kind, introduction and focus questions, with validation', async () => {
    const url = `/cycles/${cycleId}/change`;
    const page = await admin.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /value="Northshire audit 2027"/);
    assert.match(page.body, new RegExp(`value="${focus}" checked`));
    const bad = await admin.post(url, {
      name: '',
      kind: 'annual',
      introduction: 'Kept text',
      focusQuestionIds: ['not-a-question'],
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter a name for the audit/);
    assert.match(bad.body, /Select focus questions only from the template/);
    assert.match(bad.body, /Kept text/);
    const clash = await admin.post(url, {
      name: `section 11 audit ${t.clock.now().getUTCFullYear()}`,
      kind: 'annual',
    });
    assert.equal(clash.status, 422);
    assert.match(clash.body, /There is already an audit with this name/);
    const second = themes[2]!.questions[1]!.id;
    const ok = await admin.post(url, {
      name: 'Northshire audit 2027 (children’s services)',
      kind: 'biennial',
      introduction: 'Changed introduction.',
      focusQuestionIds: [focus, second],
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `/cycles/${cycleId}?done=changed`);
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, cycleId));
    assert.equal(cycle?.name, 'Northshire audit 2027 (children’s services)');
    assert.equal(cycle?.kind, 'biennial');
    assert.equal(cycle?.introduction, 'Changed introduction.');
    assert.deepEqual([...(cycle?.focusQuestionIds ?? [])].sort(), [focus, second].sort());
    assert.match((await admin.get(ok.location!)).body, /The audit’s details have been changed/);
  });

  it('lets only partnership admins change an audit', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`/cycles/${cycleId}/change`)).status, 403);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(`/cycles/${cycleId}/change`)).status, 404);
    assert.equal(
      (await lead.post(`/cycles/${cycleId}/change`, { name: 'Hijacked', kind: 'annual' })).status,
      404,
    );
  });

  it('lets the invited agency preview the audit before it opens, but not answer it', async () => {
    const lead = await t.signIn(COUNCIL_LEAD);
    const list = await lead.get('/returns');
    assert.match(list.body, /Opens on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} at 9am/);
    assert.match(list.body, /Not open yet/);
    const tasks = await lead.get(`/returns/${councilReturnId}`);
    assert.match(tasks.body, /You can preview every theme and question now/);
    assert.match(tasks.body, /Changed introduction\./, 'the introduction is shown to the agency');
    assert.doesNotMatch(tasks.body, new RegExp(`href="/returns/${councilReturnId}/details"`));
    assert.equal((await lead.get(`/returns/${councilReturnId}/details`)).status, 303);
    const theme = themes[1]!;
    const preview = await lead.get(`/returns/${councilReturnId}/themes/${theme.id}`);
    assert.equal(preview.status, 200);
    assert.match(preview.body, /This is a preview/);
    for (const q of theme.questions)
      assert.ok(
        preview.body.includes(q.text.replace(/'/g, '&#39;')) || preview.body.includes(q.text),
        q.text,
      );
    if (theme.questions[0]!.guidance) assert.ok(preview.body.includes('govuk-hint'));
    assert.match(preview.body, /Focus question/);
    assert.doesNotMatch(preview.body, /name="q1-response"/, 'no form to fill in');
    // The page's own content: the layout's timeout dialog (its sign-out form) is outside <main>.
    const main = preview.body.slice(preview.body.indexOf('<main'), preview.body.indexOf('</main>'));
    assert.ok(!main.includes('<form'), 'nothing to submit in the preview');

    await lead.get('/returns');
    const save = await lead.post(`/returns/${councilReturnId}/themes/${theme.id}`, {
      'q1-response': 'fully_met',
      intent: 'continue',
    });
    assert.equal(save.status, 409);
    assert.match(save.body, /This audit has not opened yet/);
    assert.match(save.body, /It opens on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} at 9am/);
    const details = await lead.post(`/returns/${councilReturnId}/details`, {
      completerName: 'Helen Ward',
      completerRole: 'Head of Safeguarding',
      completerEmail: COUNCIL_LEAD,
    });
    assert.equal(details.status, 409);
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, councilReturnId));
    assert.equal(row?.status, 'not_started');
    assert.equal(row?.completerName, null);
  });

  it('shows focus questions to the agency on the theme page and check answers once open', async () => {
    t.clock.set(new Date(t.clock.now().getTime() + 11 * DAY));
    const lead = await t.signIn(COUNCIL_LEAD);
    const page = await lead.get(`/returns/${councilReturnId}/themes/${themes[1]!.id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /name="q1-response"/);
    const q1 = page.body.indexOf('id="question-1"');
    const q2 = page.body.indexOf('id="question-2"');
    assert.ok(page.body.slice(q1, q2).includes('Focus question'), 'question 1 is marked');
    assert.ok(!page.body.slice(q2, page.body.indexOf('id="question-3"')).includes('Focus question'));
    const check = await lead.get(`/returns/${councilReturnId}/check`);
    assert.equal((check.body.match(/Focus question/g) ?? []).length, 2);
  });
});
