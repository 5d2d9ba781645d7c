/**
 * Documents on a return's questions (issue 14, item 7): attached on the theme page ("Attach" posts
 * the whole theme form, so what was typed comes back), checked by their bytes and size, listed on
 * check-answers and the copies, downloaded by the agency's people and the partnership's reviewers
 * only, removed with "Undo", offered from last year's return until kept, refused once the return is
 * submitted, and deleted with the audit's personal data under the retention rule.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { answers, questionDocuments, returns } from '../../src/db/schema.ts';
import { offerCarriedDocuments } from '../../src/domain/question-documents.repository.ts';
import { anonymiseCycle } from '../../src/features/privacy/retention.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { THEME_FORM_MAX_BYTES } from '../../src/features/returns/theme/question-documents.ts';
import { POPPLER_MISSING, pdfPlainText } from '../helpers/pdf-tools.ts';
import { hiddenFields } from '../helpers/record-conflicts.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const CONTRIBUTOR = 'hr.adviser@northshire-council.example'; // assigned Safer recruitment
const POLICE_LEAD = 'public.protection@northshire-police.example';
const REVIEWER = 'scrutineer@nrscp.example';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const PROGRAM = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('documents on questions', () => {
  let t: TestApp;
  let lead: TestClient;
  let contributor: TestClient;
  let reviewer: TestClient;
  let police: TestClient;
  let theme: ThemeInfo;
  let otherTheme: ThemeInfo;
  let returnId: string;
  let url: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    contributor = await t.signIn(CONTRIBUTOR);
    reviewer = await t.signIn(REVIEWER);
    police = await t.signIn(POLICE_LEAD);
    const themes = await themesFor(t, 'council');
    theme = themes.find((x) => x.key === 'safer-recruitment')!;
    otherTheme = themes.find((x) => x.id !== theme.id)!;
    returnId = t.ids.returnIds.council!;
    url = `/returns/${returnId}/themes/${theme.id}`;
  });
  after(async () => t.close());
  beforeEach(async () => {
    const db = t.database.db;
    await db.delete(questionDocuments);
    await db.delete(answers).where(eq(answers.returnId, returnId));
    await db.update(returns).set({ status: 'in_progress' }).where(eq(returns.id, returnId));
  });

  /** "Attach" beside question `n`, with the page's fields and what was typed. */
  async function attach(
    client: TestClient,
    n: number,
    file: { name: string; data: Buffer } | null,
    typed: Record<string, string> = {},
    page = url,
  ) {
    const shown = hiddenFields((await client.get(page)).body);
    return client.postFile(`${page}/documents`, file ? { field: `q${n}-attach-document`, ...file } : null, {
      ...shown,
      ...typed,
      attach: String(n),
    });
  }

  const rows = () => t.database.db.select().from(questionDocuments);

  it('attaches a document, and the theme page lists it with what was typed kept, not saved', async () => {
    const res = await attach(
      lead,
      1,
      { name: 'Recruitment policy.pdf', data: PDF },
      {
        'q1-comment': 'Typed before attaching',
      },
    );
    assert.equal(res.status, 303, res.body.slice(0, 300));
    const [row] = await rows();
    assert.equal(row?.fileName, 'Recruitment policy.pdf');
    assert.equal(row?.contentType, 'application/pdf');
    assert.equal(row?.questionId, theme.questions[0]!.id);
    assert.match(res.location!, new RegExp(`^${url}\\?done=attached&document=${row!.id}#documents-1$`));
    const page = await lead.get(res.location!.split('#')[0]!);
    assert.equal(page.status, 200);
    assert.match(page.body, /Recruitment policy\.pdf is attached/);
    assert.match(page.body, new RegExp(`href="/returns/${returnId}/documents/${row!.id}"`));
    assert.match(page.body, /Typed before attaching/, 'what was typed comes back');
    assert.match(page.body, /Not saved yet/);
    const saved = await t.database.db.select().from(answers).where(eq(answers.returnId, returnId));
    assert.equal(saved.length, 0, 'attaching saves no answer');
  });

  it('refuses a file by its bytes, not its name, one too big, and none, keeping what was typed', async () => {
    const typed = { 'q2-comment': 'Still here after the refusal' };
    const fake = await attach(lead, 1, { name: 'policy.pdf', data: PROGRAM }, typed);
    assert.equal(fake.status, 422);
    assert.match(
      fake.body,
      /href="#q1-attach-document" >The selected file must be a PDF, Word, Excel, PowerPoint/,
    );
    assert.match(fake.body, /Still here after the refusal/);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await attach(lead, 1, { name: 'policy.pdf', data: big }, typed);
    assert.equal(tooBig.status, 422);
    assert.match(tooBig.body, /must be smaller than 10 MB/);
    const none = await attach(lead, 1, null, typed);
    assert.equal(none.status, 422);
    assert.match(none.body, /Select a document to attach/);
    assert.equal((await rows()).length, 0);
  });

  it('refuses a form with more text than any theme page sends (413), reading no further than the cap', async () => {
    const shown = hiddenFields((await lead.get(url)).body);
    const boundary = '----section11-endless-form';
    const field = (name: string, value: string) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    const filler = 'x'.repeat(100_000);
    let sent = 0;
    // A body with no end (200 MB, so a server that read it all would fail the test, not hang it).
    async function* endless() {
      for (const [name, value] of Object.entries({ _csrf: lead.csrf, ...shown, attach: '1' }))
        yield field(name, value);
      while (sent < 200 * 1024 * 1024) {
        const part = field('q1-comment', filler);
        sent += part.length;
        yield part;
      }
    }
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/documents`,
      headers: {
        cookie: lead.cookieHeader(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Readable.from(endless(), { objectMode: false }),
    });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /What you sent is too large/);
    assert.match(res.body, /nothing was saved/);
    assert.match(res.body, new RegExp(`href="${url}"[^>]*>Go back to the theme`));
    assert.equal(res.headers.connection, 'close', 'the rest of the body is not read');
    assert.ok(
      sent < THEME_FORM_MAX_BYTES + 2 * 1024 * 1024,
      `read ${sent} bytes, not far past the cap of ${THEME_FORM_MAX_BYTES}`,
    );
    assert.equal((await rows()).length, 0);
    // The person's page is still there, with nothing changed.
    assert.equal((await lead.get(url)).status, 200);
  });

  it('lists documents on check-answers and the copies, for the agency and the partnership', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    for (const client of [lead, reviewer]) {
      const check = await client.get(`/returns/${returnId}/check`);
      assert.match(check.body, /Recruitment policy\.pdf<\/a>/);
    }
    const copy = await lead.get(`/returns/${returnId}/copy`);
    assert.match(copy.body, /Recruitment policy\.pdf/);
    if (!POPPLER_MISSING) {
      const pdf = await lead.download(`/returns/${returnId}/copy.pdf`);
      assert.match(pdfPlainText(pdf.bytes).replace(/\s+/g, ' '), /Documents: Recruitment policy\.pdf/);
    }
  });

  it('downloads for the agency’s people and the partnership, as an attachment of its own type', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    const [row] = await rows();
    const download = `/returns/${returnId}/documents/${row!.id}`;
    for (const client of [lead, contributor, reviewer]) {
      const res = await client.download(download);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="Recruitment policy.pdf"');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(res.bytes, PDF);
    }
    assert.equal((await police.get(download)).status, 404, 'another agency');
    // A contributor reads only their themes' documents.
    const otherUrl = `/returns/${returnId}/themes/${otherTheme.id}`;
    await attach(lead, 1, { name: 'Other.pdf', data: PDF }, {}, otherUrl);
    const other = (await rows()).find((r) => r.fileName === 'Other.pdf')!;
    assert.equal((await contributor.get(`/returns/${returnId}/documents/${other.id}`)).status, 404);
    assert.equal((await lead.get(`/returns/${returnId}/documents/${other.id}`)).status, 200);
  });

  it('removes a document, and "Undo" puts it back', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    const [row] = await rows();
    const fields = hiddenFields((await lead.get(url)).body);
    const removed = await lead.post(`${url}/documents/${row!.id}/remove`, fields);
    assert.equal(removed.status, 303);
    const page = await lead.get(removed.location!.split('#')[0]!);
    assert.match(page.body, /Recruitment policy\.pdf has been removed/);
    assert.match(page.body, new RegExp(`formaction="${url}/documents/${row!.id}/restore"`));
    assert.doesNotMatch(page.body, new RegExp(`href="/returns/${returnId}/documents/${row!.id}"`));
    assert.equal((await lead.get(`/returns/${returnId}/documents/${row!.id}`)).status, 404);
    const undone = await lead.post(`${url}/documents/${row!.id}/restore`, fields);
    assert.equal(undone.status, 303);
    assert.equal((await lead.get(`/returns/${returnId}/documents/${row!.id}`)).status, 200);
  });

  it('changes no document once the return is submitted, refused as its answers are', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    const [row] = await rows();
    const fields = hiddenFields((await lead.get(url)).body);
    await t.database.db.update(returns).set({ status: 'submitted' }).where(eq(returns.id, returnId));
    const answers = (await lead.post(url, { ...fields, intent: 'continue' })).status;
    assert.ok(answers >= 400 && answers < 500, `the answers are refused (${answers})`);
    assert.equal((await lead.postFile(`${url}/documents`, null, { ...fields, attach: '1' })).status, answers);
    assert.equal((await lead.post(`${url}/documents/${row!.id}/remove`, fields)).status, answers);
    assert.equal((await rows()).length, 1);
  });

  it('offers last year’s documents on a carried-forward return until the agency keeps them', async () => {
    await attach(lead, 1, { name: 'Last year.pdf', data: PDF });
    // The police return, as if carried forward from this one: its first theme's first question.
    const policeTheme = (await themesFor(t, 'police'))[0]!;
    const policeReturn = t.ids.returnIds.police!;
    const copied = await offerCarriedDocuments(
      t.database.db,
      t.ids.partnershipId,
      { returnId },
      { returnId: policeReturn },
      [{ questionId: policeTheme.questions[0]!.id, fromQuestionId: theme.questions[0]!.id }],
      t.clock.now(),
    );
    assert.equal(copied, 1);
    const offered = (await rows()).find((r) => r.returnId === policeReturn)!;
    assert.equal(offered.offered, true);
    const policeUrl = `/returns/${policeReturn}/themes/${policeTheme.id}`;
    const page = await police.get(policeUrl);
    assert.match(page.body, /Last year\.pdf<\/a>/);
    assert.match(page.body, /From last audit/);
    assert.match(page.body, new RegExp(`formaction="${policeUrl}/documents/${offered.id}/keep"`));
    const download = `/returns/${policeReturn}/documents/${offered.id}`;
    assert.equal((await police.get(download)).status, 200, 'the agency may read it before keeping it');
    assert.equal((await reviewer.get(download)).status, 404, 'not part of the return until kept');
    assert.doesNotMatch((await reviewer.get(`/returns/${policeReturn}/check`)).body, /Last year\.pdf/);
    const kept = await police.post(`${policeUrl}/documents/${offered.id}/keep`, hiddenFields(page.body));
    assert.equal(kept.status, 303);
    assert.equal((await reviewer.get(download)).status, 200);
    assert.match((await reviewer.get(`/returns/${policeReturn}/check`)).body, /Last year\.pdf/);
  });

  it('deletes the audit’s documents with its personal data under the retention rule', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    assert.equal((await rows()).length, 1);
    await anonymiseCycle(t.database.db, t.ids.cycleId, t.clock.now());
    assert.equal((await rows()).length, 0);
  });
});
