/**
 * A partnership's guidance and FAQ made public by its admin, read by people not signed in, and the
 * public enquiry form: enquiries land in the inbox marked as from the public, replies go by email.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PUBLIC_ENQUIRY_LIMITS } from '../../src/features/enquiries/public/public-enquiry.service.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const CONTACT = 'section11@nrscp.example';

describe('public guidance, FAQ and enquiries', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}`;
  });
  after(async () => t.close());

  const sendPublic = async (fields: Record<string, string>) => {
    const visitor = t.client();
    assert.equal((await visitor.get('/p/nrscp/enquiries/new')).status, 200);
    return visitor.post('/p/nrscp/enquiries/new', fields);
  };

  it('is not public by default: 404 for people not signed in', async () => {
    const visitor = t.client();
    for (const path of ['/p/nrscp/guidance', '/p/nrscp/faq', '/p/nrscp/enquiries/new'])
      assert.equal((await visitor.get(path)).status, 404, path);
    assert.equal((await visitor.get('/p/no-such-partnership/guidance')).status, 404);
  });

  it('only an admin makes the pages public', async () => {
    const reviewer = await t.signIn(REVIEWER);
    await reviewer.get(`${base}/guidance`);
    assert.equal((await reviewer.post(`${base}/public-pages`, { public: 'on' })).status, 403);
    assert.equal((await t.client().get('/p/nrscp/guidance')).status, 404);

    const page = await admin.get(`${base}/guidance`);
    assert.match(page.body, /Make the pages public/);
    const made = await admin.post(`${base}/public-pages`, { public: 'on' });
    assert.equal(made.status, 303);
    assert.match((await admin.get(made.location!)).body, /http:\/\/localhost:3000\/p\/nrscp\/guidance/);
  });

  it('once public, people not signed in read the guidance and FAQ', async () => {
    await admin.get(`${base}/faq/edit`);
    await admin.post(`${base}/faq/edit`, { body: '## Who must take part?\nEvery partner agency.' });
    const visitor = t.client();
    const guidance = await visitor.get('/p/nrscp/guidance');
    assert.equal(guidance.status, 200);
    assert.match(guidance.body, /<h1 class="govuk-heading-l">Guidance<\/h1>/);
    assert.match(guidance.body, /href="\/p\/nrscp\/enquiries\/new"/);
    assert.doesNotMatch(guidance.body, /Change the guidance/);
    const faq = await visitor.get('/p/nrscp/faq');
    assert.equal(faq.status, 200);
    assert.match(faq.body, /Who must take part\?/);
    assert.match(faq.body, /Every partner agency\./);
  });

  it('shows every error of the enquiry form at once, keeping what was typed (422)', async () => {
    const bad = await sendPublic({
      name: '',
      email: 'not-an-email',
      organisation: 'Little Acorns',
      message: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /href="#name" ?>Enter your full name/);
    assert.match(bad.body, /href="#email" ?>Enter an email address in the correct format/);
    assert.match(bad.body, /href="#message" ?>Enter your message/);
    assert.match(bad.body, /value="not-an-email"/);
    assert.match(bad.body, /value="Little Acorns"/);
    assert.equal((await t.mailTo('not-an-email')).length, 0);
  });

  it('lands an enquiry sent without signing in in the inbox, marked as from the public; the reply goes by email', async () => {
    const sent = await sendPublic({
      name: 'Sam Carter',
      email: 'Sam.Carter@little-acorns.example',
      organisation: 'Little Acorns Nursery',
      message: 'Can a nursery take part in your Section 11 audit?',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/p/nrscp/enquiries/sent');

    // The receipt, like the public request to take part's, carries nothing the sender typed.
    const [receipt] = await t.mailTo('sam.carter@little-acorns.example');
    assert.ok(receipt, 'a receipt is emailed');
    assert.match(receipt.subject, /We have received your enquiry/);
    assert.doesNotMatch(receipt.bodyText, /nursery take part|Sam Carter|Little Acorns/);
    const [told] = await t.mailTo(CONTACT);
    assert.match(told!.subject, /New Section 11 enquiry from Little Acorns Nursery/);
    assert.doesNotMatch(told!.bodyText, /nursery take part/, 'never the message');

    const inbox = await admin.get(`${base}/enquiries`);
    assert.match(inbox.body, /Little Acorns Nursery/);
    assert.match(inbox.body, /From the public/);
    const href = new RegExp(`href="(${base}/enquiries/[0-9a-f-]{36})"`).exec(inbox.body)?.[1];
    assert.ok(href);
    const thread = await admin.get(href);
    assert.match(thread.body, /Can a nursery take part in your Section 11 audit\?/);
    assert.match(thread.body, /sam\.carter@little-acorns\.example/);
    assert.match(thread.body, /Your reply is emailed to sam\.carter@little-acorns\.example/);

    const replied = await admin.post(href, { message: 'Yes: ask to take part through our request form.' });
    assert.equal(replied.status, 303);
    const [reply] = await t.mailTo('sam.carter@little-acorns.example');
    assert.match(reply!.subject, /has replied to your enquiry/);
    assert.match(reply!.bodyText, /Yes: ask to take part through our request form\./);
  });

  it('refuses a sixth enquiry in a day from one email address with 429', async () => {
    const email = 'busy@example.org';
    for (let i = 1; i < PUBLIC_ENQUIRY_LIMITS.perAddressPerDay; i++)
      assert.equal(
        (await sendPublic({ name: 'Busy', email, organisation: '', message: `Q${i}` })).status,
        303,
      );
    const refused = await sendPublic({ name: 'Busy', email, organisation: '', message: 'One more' });
    assert.equal(refused.status, 303, 'the fifth is taken');
    const sixth = await sendPublic({ name: 'Busy', email, organisation: '', message: 'Sixth' });
    assert.equal(sixth.status, 429);
    assert.equal((await t.mailTo(email)).length, PUBLIC_ENQUIRY_LIMITS.perAddressPerDay, 'no receipt');
  });

  it('refuses one sender past its limit with 429, whatever the address', async () => {
    let status = 303;
    let attempts = 0;
    while (status === 303 && attempts <= PUBLIC_ENQUIRY_LIMITS.perSender) {
      attempts++;
      status = (
        await sendPublic({
          name: 'Bot',
          email: `bot${attempts}@example.org`,
          organisation: '',
          message: 'Hi',
        })
      ).status;
    }
    assert.equal(status, 429);
    assert.equal((await t.mailTo(`bot${attempts}@example.org`)).length, 0, 'nothing lands or is emailed');
  });

  it('goes back to 404 when the admin makes the pages private', async () => {
    await admin.get(`${base}/guidance`);
    assert.equal((await admin.post(`${base}/public-pages`, { public: 'off' })).status, 303);
    assert.equal((await t.client().get('/p/nrscp/faq')).status, 404);
  });
});
