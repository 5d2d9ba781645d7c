import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { enquiries } from '../../src/db/schema.ts';
import { addOtherPartnership, OTHER_ADMIN } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const CONTACT = 'section11@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const COUNCIL_CONTRIBUTOR = 'hr.adviser@northshire-council.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';

const idFrom = (location: string | undefined) => /\/enquiries\/([0-9a-f-]{36})/.exec(location ?? '')?.[1];

describe('Section 11 enquiries', () => {
  let t: TestApp;
  let lead: TestClient;
  let admin: TestClient;
  let inbox: string;
  let enquiryId: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    admin = await t.signIn(ADMIN);
    inbox = `/partnerships/${t.ids.partnershipId}/enquiries`;
  });
  after(async () => t.close());

  it('keeps what was typed when the form has errors', async () => {
    const form = await lead.get('/enquiries/new');
    assert.equal(form.status, 200);
    assert.match(
      form.body,
      /Your enquiry will go to Northshire and Riverside Safeguarding Children Partnership/,
    );
    assert.ok(!form.body.includes('name="recipient"'), 'no choice with one partnership');
    const bad = await lead.post('/enquiries/new', {
      subject: 'x'.repeat(151),
      message: '   ',
      returnId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /href="#subject"\s*>The subject must be 150 characters or fewer/);
    assert.match(bad.body, /href="#message"\s*>Enter your message/);
    assert.match(bad.body, /href="#returnId"\s*>Select a return from the list/);
    assert.match(bad.body, new RegExp(`value="${'x'.repeat(151)}"`));
    const long = await lead.post('/enquiries/new', {
      subject: 'Deadline',
      message: `KEEP ${'y'.repeat(5000)}`,
    });
    assert.equal(long.status, 422);
    assert.match(long.body, /Your message must be 5,000 characters or fewer/);
    assert.match(long.body, /KEEP yyyy/);
    assert.match(long.body, /value="Deadline"/);
  });

  it('lands in the partnership’s inbox and its contact email, without the message text', async () => {
    await lead.get('/enquiries/new');
    const sent = await lead.post('/enquiries/new', {
      subject: 'Can we have more time? <b>please</b>',
      message: 'Our evidence folder is being rebuilt.\nWe need two more weeks. <script>alert(1)</script>',
      returnId: t.ids.returnIds.council!,
    });
    assert.equal(sent.status, 303);
    enquiryId = idFrom(sent.location)!;
    assert.ok(enquiryId);
    const [mail] = await t.mailTo(CONTACT);
    assert.match(mail!.subject, /New Section 11 enquiry from Northshire County Council Children’s Services/);
    assert.match(mail!.bodyText, new RegExp(`http://localhost:3000${inbox}/${enquiryId}`));
    assert.match(mail!.bodyText, /Helen Ward/);
    assert.ok(!mail!.bodyText.includes('evidence folder'), 'the message stays behind sign-in');

    assert.match((await admin.get('/')).body, new RegExp(`href="${inbox}"`), 'linked from the admin’s home');
    assert.match((await lead.get('/returns')).body, /href="\/enquiries"/, 'linked from the agency’s returns');
    const list = await admin.get(inbox);
    assert.equal(list.status, 200);
    assert.match(list.body, /Can we have more time\? &lt;b>please&lt;\/b>/);
    assert.match(list.body, /1 unread/);
    assert.match(list.body, /govuk-tag--blue">\s*Open/);

    const reviewer = await t.signIn(REVIEWER);
    const read = await reviewer.get(`${inbox}/${enquiryId}`);
    assert.equal(read.status, 200);
    assert.match(read.body, /We need two more weeks\. &lt;script>alert\(1\)&lt;\/script>/);
    assert.ok(!read.body.includes('<script>alert(1)'));
    assert.ok(!read.body.includes('name="message"'), 'reviewers read but do not answer');
    assert.match((await admin.get(inbox)).body, /1 unread/, 'a reviewer reading leaves it unread');
    assert.equal((await reviewer.post(`${inbox}/${enquiryId}`, { message: 'Hello' })).status, 403);
    assert.equal((await reviewer.post(`${inbox}/${enquiryId}/close`)).status, 403);
  });

  it('lets the admin reply; the agency user is emailed a link and sees the thread', async () => {
    const thread = await admin.get(`${inbox}/${enquiryId}`);
    assert.equal(thread.status, 200);
    assert.match(thread.body, /About the return/);
    assert.ok(!(await admin.get(inbox)).body.includes('unread</strong>'), 'read once an admin opens it');
    const empty = await admin.post(`${inbox}/${enquiryId}`, { message: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /Enter your message/);
    const replied = await admin.post(`${inbox}/${enquiryId}`, {
      message: 'Yes: we have extended your deadline by two weeks.',
    });
    assert.equal(replied.status, 303);
    const [mail] = await t.mailTo(COUNCIL_LEAD);
    assert.match(mail!.subject, /has replied to your Section 11 enquiry/);
    assert.match(mail!.bodyText, new RegExp(`http://localhost:3000/enquiries/${enquiryId}`));
    assert.ok(!mail!.bodyText.includes('extended your deadline'));

    const mine = await lead.get('/enquiries');
    assert.match(mine.body, new RegExp(`/enquiries/${enquiryId}`));
    const page = await lead.get(`/enquiries/${enquiryId}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /govuk-tag--green">\s*Answered/);
    assert.match(page.body, /Helen Ward/);
    assert.match(page.body, /Priya Shah/);
    assert.match(page.body, /extended your deadline by two weeks/);
    assert.ok(
      page.body.indexOf('evidence folder') < page.body.indexOf('extended your deadline'),
      'messages in the order written',
    );
    const colleague = await t.signIn(COUNCIL_CONTRIBUTOR);
    assert.equal(
      (await colleague.get(`/enquiries/${enquiryId}`)).status,
      200,
      'the agency’s contributors see it',
    );

    await lead.get(`/enquiries/${enquiryId}`);
    const again = await lead.post(`/enquiries/${enquiryId}`, { message: 'Thank you!' });
    assert.equal(again.status, 303);
    assert.match((await t.mailTo(CONTACT))[0]!.subject, /New reply to a Section 11 enquiry/);
    assert.match((await admin.get(inbox)).body, /1 unread/);
  });

  it('lets the admin close and reopen a thread; a closed thread takes no replies', async () => {
    await admin.get(`${inbox}/${enquiryId}`);
    assert.equal((await admin.post(`${inbox}/${enquiryId}/close`)).status, 303);
    const [row] = await t.database.db.select().from(enquiries).where(eq(enquiries.id, enquiryId));
    assert.equal(row!.status, 'closed');
    const page = await lead.get(`/enquiries/${enquiryId}`);
    assert.match(page.body, /This enquiry is closed/);
    assert.ok(!page.body.includes('name="message"'));
    assert.equal((await lead.post(`/enquiries/${enquiryId}`, { message: 'One more thing' })).status, 409);
    await admin.get(`${inbox}/${enquiryId}`);
    assert.equal((await admin.post(`${inbox}/${enquiryId}/reopen`)).status, 303);
    const [reopened] = await t.database.db.select().from(enquiries).where(eq(enquiries.id, enquiryId));
    assert.equal(reopened!.status, 'open', 'open again: the agency wrote last');
  });

  it('keeps other agencies and other partnerships out of the thread', async () => {
    const police = await t.signIn(POLICE_LEAD);
    assert.equal((await police.get(`/enquiries/${enquiryId}`)).status, 404);
    await police.get('/enquiries');
    assert.equal((await police.post(`/enquiries/${enquiryId}`, { message: 'Let me in' })).status, 404);
    assert.ok(!(await police.get('/enquiries')).body.includes(enquiryId));
    assert.equal((await police.get(inbox)).status, 404, 'agency users have no inbox');

    const { partnershipId: otherId } = await addOtherPartnership(t);
    const other = await t.signIn(OTHER_ADMIN);
    assert.equal((await other.get(`${inbox}/${enquiryId}`)).status, 404);
    assert.equal((await other.get(`/partnerships/${otherId}/enquiries/${enquiryId}`)).status, 404);
    await other.get(`/partnerships/${otherId}/enquiries`);
    assert.equal(
      (await other.post(`/partnerships/${otherId}/enquiries/${enquiryId}`, { message: 'Hi' })).status,
      404,
    );
    assert.equal((await other.post(`/partnerships/${otherId}/enquiries/${enquiryId}/close`)).status, 404);
    assert.ok(!(await other.get(`/partnerships/${otherId}/enquiries`)).body.includes(enquiryId));
  });

  it('asks an agency in two partnerships which one it is writing to, and sends it there', async () => {
    // The police belong to both partnerships from here on.
    const second = await addOtherPartnership(t, {
      slug: 'eastdale-scp',
      shareAgencies: [t.ids.agencyIds.police!],
    });
    const otherId = second.partnershipId;
    const police = await t.signIn(POLICE_LEAD);
    const form = await police.get('/enquiries/new');
    assert.match(form.body, /Which partnership is your enquiry for\?/);
    const none = await police.post('/enquiries/new', { subject: 'Training', message: 'Where is it?' });
    assert.equal(none.status, 422);
    assert.match(none.body, /href="#recipient"\s*>Select the partnership your enquiry is for/);
    assert.match(none.body, /value="Training"/);
    const wrongReturn = await police.post('/enquiries/new', {
      recipient: `${t.ids.agencyIds.police}:${otherId}`,
      returnId: t.ids.returnIds.police!,
      subject: 'Training',
      message: 'Where is it?',
    });
    assert.equal(wrongReturn.status, 422);
    assert.match(wrongReturn.body, /Select a return for the partnership you chose/);
    const sent = await police.post('/enquiries/new', {
      recipient: `${t.ids.agencyIds.police}:${otherId}`,
      subject: 'Training',
      message: 'Where is it?',
    });
    assert.equal(sent.status, 303);
    const id = idFrom(sent.location)!;
    assert.match((await t.mailTo(second.contactEmail))[0]!.subject, /Northshire Constabulary/);
    const other = await t.signIn(second.adminEmail);
    assert.match((await other.get(`/partnerships/${otherId}/enquiries`)).body, /Training/);
    assert.equal((await admin.get(`${inbox}/${id}`)).status, 404, 'not in the first partnership’s inbox');
  });
});
