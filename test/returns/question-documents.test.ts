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
import {
  answers,
  cycleExportChunks,
  cycleExports,
  evidenceFiles,
  evidenceRequests,
  questionDocuments,
  returns,
} from '../../src/db/schema.ts';
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

  it('lists documents on check-answers, the copies and the review, for the agency and the partnership', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    for (const client of [lead, reviewer]) {
      const check = await client.get(`/returns/${returnId}/check`);
      assert.match(check.body, /Recruitment policy\.pdf<\/a>/);
    }
    const [row] = await rows();
    const review = await reviewer.get(`/returns/${returnId}/review`);
    assert.equal(review.status, 200);
    const listed = /<table[^>]*id="documents-table"[\s\S]*?<\/table>/.exec(review.body)?.[0] ?? '';
    assert.match(
      listed,
      new RegExp(`href="/returns/${returnId}/documents/${row!.id}"[^>]*>Recruitment policy\\.pdf</a>`),
    );
    assert.ok(listed.includes(`${theme.number}. ${theme.title}, question 1`), 'with its theme and question');
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

  /** "Remove", "Undo" or "Keep" on a document, from the theme page with what was typed. */
  async function act(
    client: TestClient,
    id: string,
    action: 'remove' | 'restore' | 'keep',
    typed: Record<string, string> = {},
    page = url,
  ) {
    const fields = hiddenFields((await client.get(page)).body);
    return client.post(`${page}/documents/${id}/${action}`, { ...fields, ...typed });
  }
  const stateOf = async (id: string) => {
    const row = (await rows()).find((r) => r.id === id);
    return row ? (row.removedAt ? 'removed' : row.offered ? 'offered' : 'attached') : 'gone';
  };

  it('refuses a removal someone made first (409), keeping what was typed, and the first can still undo', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    const [row] = await rows();
    assert.equal((await act(lead, row!.id, 'remove')).status, 303);
    const late = await act(contributor, row!.id, 'remove', { 'q2-comment': 'Typed by HR meanwhile' });
    assert.equal(late.status, 409);
    assert.match(late.body, /Recruitment policy\.pdf had already been removed/);
    assert.match(late.body, new RegExp(`href="${url}"[^>]*>Go back to the theme`));
    assert.match((await contributor.get(url)).body, /Typed by HR meanwhile/, 'what was typed is kept');
    assert.equal(await stateOf(row!.id), 'removed', 'still there to put back');
    assert.equal((await act(lead, row!.id, 'restore')).status, 303);
    assert.equal(await stateOf(row!.id), 'attached');
    const again = await act(contributor, row!.id, 'restore');
    assert.equal(again.status, 409, 'put back already');
    assert.match(again.body, /is already back on the return/);
    assert.equal(await stateOf(row!.id), 'attached');
  });

  it('keeps each person’s last removal undoable whoever removes since; one’s own older one is gone (404)', async () => {
    await attach(lead, 1, { name: 'First.pdf', data: PDF });
    await attach(lead, 2, { name: 'Second.pdf', data: PDF });
    await attach(lead, 3, { name: 'Third.pdf', data: PDF });
    const id = async (name: string) => (await rows()).find((r) => r.fileName === name)!.id;
    const [first, second, third] = [await id('First.pdf'), await id('Second.pdf'), await id('Third.pdf')];
    assert.equal((await act(lead, first, 'remove')).status, 303);
    assert.equal((await act(contributor, second, 'remove')).status, 303);
    assert.equal(await stateOf(first), 'removed', 'another person’s removal leaves it undoable');
    assert.equal((await act(lead, first, 'restore')).status, 303);
    assert.equal(await stateOf(first), 'attached');
    // The lead's own next removal makes their earlier one final.
    assert.equal((await act(lead, first, 'remove')).status, 303);
    assert.equal((await act(lead, third, 'remove')).status, 303);
    assert.equal(await stateOf(first), 'gone');
    const old = await act(lead, first, 'restore');
    assert.equal(old.status, 404);
    assert.match(old.body, /can no longer be put back: only the last document you removed can be/);
    assert.equal(await stateOf(second), 'removed', 'the contributor’s removal is still theirs to undo');
    assert.equal((await act(contributor, second, 'restore')).status, 303);
    assert.equal(await stateOf(third), 'removed');
  });

  it('refuses "Undo" that would take the return past its cap (409), the document still there to put back', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    const [row] = await rows();
    assert.equal((await act(lead, row!.id, 'remove')).status, 303);
    // Meanwhile the return fills up.
    await t.database.db.insert(questionDocuments).values(
      Array.from({ length: 50 }, (_, i) => ({
        partnershipId: t.ids.partnershipId,
        returnId,
        questionId: theme.questions[1]!.id,
        fileName: `Filler ${i}.pdf`,
        contentType: 'application/pdf',
        size: PDF.length,
        data: PDF,
      })),
    );
    const undo = await act(lead, row!.id, 'restore');
    assert.equal(undo.status, 409);
    assert.match(
      undo.body,
      /Recruitment policy\.pdf was not put back\. A return can have up to 50 documents/,
    );
    assert.equal(await stateOf(row!.id), 'removed');
  });

  it('refuses every document change once the return is locked meanwhile, changing nothing', async () => {
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    await attach(lead, 2, { name: 'Removed.pdf', data: PDF });
    const [kept, removed] = await rows();
    assert.equal((await act(lead, removed!.id, 'remove')).status, 303);
    const fields = hiddenFields((await lead.get(url)).body);
    await t.database.db.update(returns).set({ status: 'submitted' }).where(eq(returns.id, returnId));
    const answers = (await lead.post(url, { ...fields, intent: 'continue' })).status;
    for (const [id, action] of [
      [kept!.id, 'remove'],
      [removed!.id, 'restore'],
      [kept!.id, 'keep'],
    ] as const) {
      const res = await lead.post(`${url}/documents/${id}/${action}`, fields);
      assert.equal(res.status, answers, action);
    }
    assert.equal(await stateOf(kept!.id), 'attached');
    assert.equal(await stateOf(removed!.id), 'removed');
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
    assert.doesNotMatch((await reviewer.get(`/returns/${policeReturn}/review`)).body, /Last year\.pdf/);
    // Removed (on another page, or by a colleague) before "Keep": refused, and still there to put back.
    assert.equal((await act(police, offered.id, 'remove', {}, policeUrl)).status, 303);
    const late = await police.post(`${policeUrl}/documents/${offered.id}/keep`, hiddenFields(page.body));
    assert.equal(late.status, 409);
    assert.match(late.body, /Last year\.pdf was removed before you kept it, so it was not kept/);
    assert.equal((await act(police, offered.id, 'restore', {}, policeUrl)).status, 303);
    assert.equal(await stateOf(offered.id), 'offered', 'put back as it was: offered');
    const kept = await police.post(`${policeUrl}/documents/${offered.id}/keep`, hiddenFields(page.body));
    assert.equal(kept.status, 303);
    const twice = await police.post(`${policeUrl}/documents/${offered.id}/keep`, hiddenFields(page.body));
    assert.equal(twice.status, 409);
    assert.match(twice.body, /had already been kept, so nothing changed/);
    assert.equal((await reviewer.get(download)).status, 200);
    assert.match((await reviewer.get(`/returns/${policeReturn}/check`)).body, /Last year\.pdf/);
    assert.match((await reviewer.get(`/returns/${policeReturn}/review`)).body, /Last year\.pdf/);
  });

  it('deletes the audit’s uploaded files with its personal data under the retention rule, no other audit’s', async () => {
    const db = t.database.db;
    const partnershipId = t.ids.partnershipId;
    await attach(lead, 1, { name: 'Recruitment policy.pdf', data: PDF });
    // Another audit: a copy of this one, with a copy of the council's return.
    const copyOf = async (table: string, id: string, changes: Record<string, unknown>) => {
      const { rows: copied } = await t.database.executeSql(
        `insert into ${table} select (jsonb_populate_record(null::${table},
           to_jsonb(x) || jsonb_build_object('id', gen_random_uuid()) || $2::jsonb)).*
         from ${table} x where id = $1 returning id::text as id`,
        [id, JSON.stringify(changes)],
      );
      return (copied[0] as { id: string }).id;
    };
    const otherCycle = await copyOf('cycles', t.ids.cycleId, { name: 'Next audit' });
    const otherReturn = await copyOf('returns', returnId, { cycle_id: otherCycle, reference: null });
    const uploads = async (cycleId: string, ofReturn: string) => {
      const [request] = await db
        .insert(evidenceRequests)
        .values({ partnershipId, returnId: ofReturn, description: 'Training records', dueDate: '2026-12-01' })
        .returning();
      await db.insert(evidenceFiles).values({
        partnershipId,
        evidenceRequestId: request!.id,
        fileName: 'Training records.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        data: PDF,
      });
      const [made] = await db
        .insert(cycleExports)
        .values({
          partnershipId,
          cycleId,
          format: 'csv',
          status: 'done',
          fileName: 'answers.csv',
          expiresAt: new Date(t.clock.now().getTime() + 86_400_000),
        })
        .returning();
      await db
        .insert(cycleExportChunks)
        .values({ exportId: made!.id, partnershipId, seq: 0, data: Buffer.from('Agency,Answer\n') });
      return request!.id;
    };
    const request = await uploads(t.ids.cycleId, returnId);
    const otherRequest = await uploads(otherCycle, otherReturn);
    await db.insert(questionDocuments).values({
      partnershipId,
      returnId: otherReturn,
      questionId: theme.questions[0]!.id,
      fileName: 'Next year.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      data: PDF,
    });

    await anonymiseCycle(db, t.ids.cycleId, t.clock.now());

    const documentsOf = async (r: string) =>
      (await rows()).filter((d) => d.returnId === r).map((d) => d.fileName);
    const filesOf = async (r: string) =>
      (await db.select().from(evidenceFiles).where(eq(evidenceFiles.evidenceRequestId, r))).length;
    const exportsOf = async (c: string) =>
      (await db.select().from(cycleExports).where(eq(cycleExports.cycleId, c))).length;
    const exportFilesOf = async (c: string) =>
      (
        await db
          .select()
          .from(cycleExportChunks)
          .innerJoin(cycleExports, eq(cycleExports.id, cycleExportChunks.exportId))
          .where(eq(cycleExports.cycleId, c))
      ).length;
    assert.deepEqual(await documentsOf(returnId), [], 'documents on questions');
    assert.equal(await filesOf(request), 0, 'files sent for evidence requests');
    assert.equal(await exportsOf(t.ids.cycleId), 0, 'prepared downloads');
    assert.equal(
      (await db.select().from(cycleExportChunks)).length,
      await exportFilesOf(otherCycle),
      'and their files',
    );
    const [kept] = await db.select().from(evidenceRequests).where(eq(evidenceRequests.id, request));
    assert.equal(kept?.description, 'Training records', 'the request itself stays');
    assert.deepEqual(await documentsOf(otherReturn), ['Next year.pdf'], 'another audit’s are kept');
    assert.equal(await filesOf(otherRequest), 1);
    assert.equal(await exportsOf(otherCycle), 1);
    assert.equal(await exportFilesOf(otherCycle), 1);
  });
});
