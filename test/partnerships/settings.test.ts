import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { agencyLocalities, localities, partnershipLogos, partnerships } from '../../src/db/schema.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import { ADMIN, COUNCIL_LEAD, PNG, postFile, REVIEWER } from './helpers.ts';

describe('a partnership admin changes its settings', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/settings`;
  });
  after(async () => t.close());

  it('shows the settings to its admins only', async () => {
    const home = await admin.get('/');
    assert.match(home.body, new RegExp(`href="${base}"`));
    const page = await admin.get(base);
    assert.equal(page.status, 200);
    assert.match(page.body, /Partnership settings/);
    assert.match(page.body, /section11@nrscp\.example/);
    assert.match(page.body, /Riverside/);
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(base)).status, 403);
    assert.equal((await reviewer.get(`${base}/branding`)).status, 403);
    await reviewer.get('/');
    assert.equal((await reviewer.post(`${base}/details`, { name: 'Taken over' })).status, 403);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(base)).status, 404);
    assert.equal((await lead.get(`${base}/details`)).status, 404);
  });

  it('changes the details, refusing bad values and a short name another partnership has', async () => {
    await t.database.db
      .insert(partnerships)
      .values({ name: 'Other', shortName: 'other-scp', contactEmail: 'other@other.example' });
    await admin.get(`${base}/details`);
    const bad = await admin.post(`${base}/details`, {
      name: '',
      shortName: 'NR SCP',
      contactEmail: 'x',
      introduction: 'Kept',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter the partnership’s name/);
    assert.match(bad.body, /lowercase letters/);
    assert.match(bad.body, /value="NR SCP"/);
    assert.match(bad.body, />Kept<\/textarea>/);
    const taken = await admin.post(`${base}/details`, {
      name: 'NRSCP',
      shortName: 'other-scp',
      contactEmail: 'section11@nrscp.example',
      introduction: '',
    });
    assert.equal(taken.status, 422);
    assert.match(taken.body, /Another partnership already uses this short name/);
    const ok = await admin.post(`${base}/details`, {
      name: 'Northshire and Riverside Safeguarding Children Partnership',
      shortName: 'nr-scp',
      contactEmail: 'Audit@NRSCP.example',
      introduction: 'Please finish your return by the end of term.\r\n\r\nCall us with <questions>.',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `${base}?done=details`);
    const [row] = await t.database.db
      .select()
      .from(partnerships)
      .where(eq(partnerships.id, t.ids.partnershipId));
    assert.equal(row!.shortName, 'nr-scp');
    assert.equal(row!.contactEmail, 'audit@nrscp.example');
    assert.equal(
      row!.introduction,
      'Please finish your return by the end of term.\n\nCall us with <questions>.',
    );
  });

  it('shows the introduction to agencies, escaped, on their returns list and task list', async () => {
    const lead = await t.signIn(COUNCIL_LEAD);
    for (const path of ['/returns', `/returns/${t.ids.returnIds.council}`]) {
      const page = await lead.get(path);
      assert.match(page.body, /Please finish your return by the end of term\./, path);
      assert.match(page.body, /Call us with &lt;questions/, path);
      assert.doesNotMatch(page.body, /<questions>/, path);
    }
  });

  it('adds and renames localities, with names unique within the partnership', async () => {
    await admin.get(`${base}/localities/new`);
    const empty = await admin.post(`${base}/localities`, { name: '  ' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /Enter the locality’s name/);
    const duplicate = await admin.post(`${base}/localities`, { name: ' riverside ' });
    assert.equal(duplicate.status, 422);
    assert.match(duplicate.body, /already has a locality with this name/);
    assert.match(duplicate.body, /value=" riverside "/);
    const added = await admin.post(`${base}/localities`, { name: 'Eastmoor' });
    assert.equal(added.status, 303);
    const [eastmoor] = await t.database.db.select().from(localities).where(eq(localities.name, 'Eastmoor'));
    assert.equal(eastmoor!.partnershipId, t.ids.partnershipId);
    const url = `${base}/localities/${eastmoor!.id}`;
    await admin.get(url);
    const clash = await admin.post(url, { name: 'Northshire' });
    assert.equal(clash.status, 422);
    const renamed = await admin.post(url, { name: 'Eastmoor and Dales' });
    assert.equal(renamed.status, 303);
    const page = await admin.get(`${base}?done=renamed`);
    assert.match(page.body, /Eastmoor and Dales/);
    assert.match(page.body, /Locality renamed/);
    // Its own name, in another case, is not a clash.
    assert.equal((await admin.post(url, { name: 'EASTMOOR AND DALES' })).status, 303);
    assert.equal((await admin.get(`${base}/localities/not-a-uuid`)).status, 404);
  });

  it('retires a locality: kept on existing agencies, not offered for new agencies or audits', async () => {
    const riverside = t.ids.localityIds.riverside;
    const url = `${base}/localities/${riverside}`;
    await admin.get(url);
    assert.equal((await admin.post(`${url}/retire`)).status, 303);
    const settings = await admin.get(base);
    assert.match(settings.body, /Retired/);
    const newAgency = await admin.get(`/partnerships/${t.ids.partnershipId}/agencies/new`);
    assert.doesNotMatch(newAgency.body, new RegExp(`value="${riverside}"`));
    const newCycle = await admin.get(`/partnerships/${t.ids.partnershipId}/cycles/new`);
    assert.doesNotMatch(newCycle.body, new RegExp(`value="${riverside}"`));
    // Posting it anyway is refused.
    const forged = await admin.post(`/partnerships/${t.ids.partnershipId}/agencies`, {
      name: 'New Riverside Agency',
      sector: 'police',
      basis: 'statutory',
      localities: riverside,
    });
    assert.equal(forged.status, 422);
    // An agency already serving it still shows it, marked retired, and keeps it when saved.
    const agencyUrl = `/partnerships/${t.ids.partnershipId}/agencies/${t.ids.agencyIds.yjs}`;
    const agencyPage = await admin.get(agencyUrl);
    assert.match(agencyPage.body, /Riverside \(retired\)/);
    const saved = await admin.post(agencyUrl, {
      name: 'Riverside Youth Justice Service',
      sector: 'youth-justice',
      basis: 'statutory',
      localities: riverside,
    });
    assert.equal(saved.status, 303);
    const kept = await t.database.db
      .select()
      .from(agencyLocalities)
      .where(eq(agencyLocalities.agencyId, t.ids.agencyIds.yjs!));
    assert.deepEqual(
      kept.map((l) => l.localityId),
      [riverside],
    );
    // The audit that has it still lists it.
    const monitoring = await admin.get(`/cycles/${t.ids.cycleId}`);
    assert.match(monitoring.body, /Riverside/);
    // Brought back, it is offered again.
    await admin.get(url);
    assert.equal((await admin.post(`${url}/restore`)).status, 303);
    const again = await admin.get(`/partnerships/${t.ids.partnershipId}/agencies/new`);
    assert.match(again.body, new RegExp(`value="${riverside}"`));
  });

  it('sets a header colour only when white text on it reaches 4.5:1, served as a stylesheet', async () => {
    const url = `${base}/branding`;
    await admin.get(url);
    const pale = await admin.post(`${url}/colour`, { headerColour: '#ffdd00' });
    assert.equal(pale.status, 422);
    assert.match(pale.body, /contrast ratio of 4\.5:1/);
    assert.match(pale.body, /value="#ffdd00"/);
    const notHex = await admin.post(`${url}/colour`, { headerColour: 'red;} body{display:none' });
    assert.equal(notHex.status, 422);
    assert.match(notHex.body, /hex code/);
    const ok = await admin.post(`${url}/colour`, { headerColour: '#1D70B8' });
    assert.equal(ok.status, 303);
    const page = await admin.get('/');
    const href = `/branding/${t.ids.partnershipId}.css?v=1d70b8`;
    assert.ok(page.body.includes(`<link rel="stylesheet" href="${href}"`), 'the layout links the stylesheet');
    assert.doesNotMatch(page.body, /style="/, 'no inline style: the CSP forbids it');
    const css = await admin.download(href);
    assert.equal(css.status, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.match(String(css.headers['cache-control']), /max-age=31536000/);
    assert.equal(css.headers['x-content-type-options'], 'nosniff');
    assert.match(css.bytes.toString(), /\.govuk-generic-header\{background:#1d70b8/);
    // Agencies see the branding of the partnership whose return they are on.
    const lead = await t.signIn(COUNCIL_LEAD);
    const taskList = await lead.get(`/returns/${t.ids.returnIds.council}`);
    assert.ok(taskList.body.includes(href));
    assert.equal((await lead.download(href)).status, 200);
    // Emptied, the default header returns.
    await admin.get(url);
    assert.equal((await admin.post(`${url}/colour`, { headerColour: '' })).status, 303);
    assert.doesNotMatch((await admin.get('/')).body, /\/branding\/[^"]+\.css/);
  });

  it('uploads a PNG or JPEG logo, checked by its bytes and size, and serves it for long caching', async () => {
    const url = `${base}/branding`;
    await admin.get(url);
    const none = await postFile(t, admin, `${url}/logo`, null);
    assert.equal(none.status, 422);
    assert.match(none.body, /Select a logo to upload/);
    const svg = await postFile(t, admin, `${url}/logo`, {
      field: 'logo',
      filename: 'logo.png',
      contentType: 'image/png',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    assert.equal(svg.status, 422);
    assert.match(svg.body, /must be a PNG or JPEG image/);
    const large = await postFile(t, admin, `${url}/logo`, {
      field: 'logo',
      filename: 'big.png',
      contentType: 'image/png',
      bytes: Buffer.concat([PNG, Buffer.alloc(201 * 1024)]),
    });
    assert.equal(large.status, 422);
    assert.match(large.body, /200 KB or smaller/);
    const noToken = await postFile(
      t,
      admin,
      `${url}/logo`,
      { field: 'logo', filename: 'logo.png', contentType: 'image/png', bytes: PNG },
      { _csrf: 'wrong' },
    );
    assert.equal(noToken.status, 403);
    await admin.get(url);
    const ok = await postFile(t, admin, `${url}/logo`, {
      field: 'logo',
      filename: 'logo.txt',
      contentType: 'text/plain',
      bytes: PNG,
    });
    assert.equal(ok.status, 303);
    const [stored] = await t.database.db
      .select()
      .from(partnershipLogos)
      .where(eq(partnershipLogos.partnershipId, t.ids.partnershipId));
    assert.equal(stored!.contentType, 'image/png', 'the type comes from the bytes, not the upload');
    const page = await admin.get('/');
    const logoHref = `/branding/${t.ids.partnershipId}/logo-${stored!.sha256.slice(0, 16)}`;
    assert.ok(page.body.includes(`src="${logoHref}"`), 'the header shows the logo');
    const lead = await t.signIn(COUNCIL_LEAD);
    const themePage = await lead.get(`/returns/${t.ids.returnIds.council}`);
    assert.ok(themePage.body.includes(`src="${logoHref}"`), 'and so do the pages of its returns');
    const logo = await admin.download(logoHref);
    assert.equal(logo.status, 200);
    assert.equal(logo.headers['content-type'], 'image/png');
    assert.equal(logo.headers['x-content-type-options'], 'nosniff');
    assert.match(String(logo.headers['cache-control']), /max-age=31536000, immutable/);
    assert.deepEqual(logo.bytes, PNG);
    assert.equal(
      (await admin.download(`/branding/${t.ids.partnershipId}/logo-0000000000000000`)).status,
      404,
      'an old or wrong hash',
    );
    assert.equal(
      (await t.client().download(logoHref)).status,
      303,
      'signed-out visitors are sent to sign in',
    );
    // A JPEG replaces it.
    await admin.get(url);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    assert.equal(
      (
        await postFile(t, admin, `${url}/logo`, {
          field: 'logo',
          filename: 'l.jpg',
          contentType: 'image/jpeg',
          bytes: jpeg,
        })
      ).status,
      303,
    );
    const [replaced] = await t.database.db
      .select()
      .from(partnershipLogos)
      .where(eq(partnershipLogos.partnershipId, t.ids.partnershipId));
    assert.equal(replaced!.contentType, 'image/jpeg');
    assert.equal((await admin.download(logoHref)).status, 404, 'the old address is gone');
    // Removed.
    await admin.get(url);
    assert.equal((await admin.post(`${url}/logo/remove`)).status, 303);
    assert.doesNotMatch((await admin.get('/')).body, /app-header-logo/);
  });
});
