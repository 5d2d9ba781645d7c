import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { cycles, returns } from '../../src/db/schema.ts';
import { assertCharacterCount, assertOptionalLabel } from '../helpers/character-count.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const YJS_LEAD = 'manager@riverside-yjs.example';

/** Date input fields for `date` in Europe/London. */
function dateFields(prefix: string, date: Date): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(date)
    .split('-');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
}

describe('a partnership admin sets up an audit', () => {
  let t: TestApp;
  let admin: TestClient;
  let newUrl: string;
  let postUrl: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    newUrl = `/partnerships/${t.ids.partnershipId}/cycles/new`;
    postUrl = `/partnerships/${t.ids.partnershipId}/cycles`;
  });
  after(async () => t.close());

  it('shows the form with the published templates and localities', async () => {
    const home = await admin.get('/');
    assert.ok(home.body.includes(newUrl));
    const page = await admin.get(newUrl);
    assert.equal(page.status, 200);
    assert.match(page.body, /Section 11 self-assessment \(children\), version 1/);
    assert.match(page.body, /Northshire/);
    assert.match(page.body, /Riverside/);
    assertCharacterCount(page.body, 'introduction', 5000);
    assertOptionalLabel(page.body, 'introduction');
  });

  it('refuses impossible dates, a close before opening and nothing to invite, keeping what was typed', async () => {
    const now = t.clock.now();
    const res = await admin.post(postUrl, {
      name: 'Section 11 audit 2027',
      kind: 'biennial',
      carryForward: 'yes',
      templateVersionId: t.ids.templateVersionId,
      'opens-day': '31',
      'opens-month': '2',
      'opens-year': '2027',
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() - 86_400_000)),
      closesTime: 'lunchtime',
      localities: [t.ids.localityIds.riverside],
      invite: 'sectors',
      introduction: 'Our third biennial audit.',
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /The opening date must be a real date/);
    assert.match(res.body, /Enter a time, like 9am, 5pm or 17:00/);
    assert.match(res.body, /Select at least one sector to invite/);
    assert.match(res.body, /Our third biennial audit\./);
    assert.match(res.body, /value="Section 11 audit 2027"/);

    const none = await admin.post(postUrl, {
      name: 'Section 11 audit 2027',
      kind: 'biennial',
      carryForward: 'yes',
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', new Date(now.getTime() + 7 * 86_400_000)),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 60 * 86_400_000)),
      closesTime: '5pm',
      localities: [t.ids.localityIds.riverside],
      invite: 'sectors',
      sectors: ['prison-yoi'],
    });
    assert.equal(none.status, 422);
    assert.match(none.body, /No agencies serving these localities are in the chosen sectors/);
    assert.equal((await t.database.db.select().from(cycles)).length, 1, 'nothing saved');
  });

  it('creates the cycle with a return for each agency serving the chosen localities and sectors', async () => {
    const now = t.clock.now();
    const res = await admin.post(postUrl, {
      name: 'Riverside youth justice audit',
      kind: 'annual',
      carryForward: 'no',
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', new Date(now.getTime() - 86_400_000)),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 30 * 86_400_000)),
      closesTime: '17:00',
      localities: [t.ids.localityIds.riverside],
      invite: 'sectors',
      sectors: ['youth-justice', 'police'],
      introduction: 'A focused audit.',
    });
    assert.equal(res.status, 303, res.body.slice(0, 300));
    const cycleId = /\/cycles\/([0-9a-f-]+)\?done=created/.exec(res.location ?? '')?.[1];
    assert.ok(cycleId);
    const invited = await t.database.db.select().from(returns).where(eq(returns.cycleId, cycleId!));
    assert.deepEqual(
      invited.map((r) => r.agencyId).sort(),
      [t.ids.agencyIds.yjs!, t.ids.agencyIds.police!].sort(),
    );
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, cycleId!));
    assert.equal(cycle?.introduction, 'A focused audit.');
    const monitoring = await admin.get(res.location!);
    assert.match(monitoring.body, /Audit set up: 2 agencies invited/);
    // It opened yesterday, so its agencies are invited by email and see the return.
    const [mail] = await t.mailTo(YJS_LEAD);
    assert.match(mail!.subject, /Section 11 audit open: Riverside youth justice audit/);
    const yjs = await t.signIn(YJS_LEAD);
    const list = await yjs.get('/returns');
    assert.match(list.body, /Riverside youth justice audit/);

    const again = await admin.post(postUrl, {
      name: 'riverside youth justice AUDIT',
      kind: 'annual',
      carryForward: 'no',
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', now),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 30 * 86_400_000)),
      closesTime: '17:00',
      localities: [t.ids.localityIds.riverside],
      invite: 'all',
    });
    assert.equal(again.status, 422);
    assert.match(again.body, /There is already an audit with this name/);
  });

  it('is for partnership admins only', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(newUrl)).status, 403);
    const lead = await t.signIn(YJS_LEAD);
    assert.equal((await lead.get(newUrl)).status, 404);
  });
});
