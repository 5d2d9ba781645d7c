import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { surveyLinks, surveyStatements } from '../../src/db/schema.ts';
import { insertResponse } from '../../src/features/survey/survey.repository.ts';
import { assertCharacterCount, assertOptionalLabel } from '../helpers/character-count.ts';
import { addOtherPartnership, OTHER_ADMIN } from '../helpers/other-partnership.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const COUNCIL_CONTRIBUTOR = 'hr.adviser@northshire-council.example';
const SENDER_IP = '198.51.100.23';
const SENDER_AGENT = 'UniqueSurveyAgent/9.9 (test)';

const SURVEY_TABLES: Record<string, string[]> = {
  surveys: ['closes_on', 'cycle_id', 'enabled', 'partnership_id', 'updated_at', 'updated_by'],
  survey_statements: ['cycle_id', 'id', 'partnership_id', 'position', 'text', 'theme_id'],
  survey_links: ['created_at', 'cycle_id', 'id', 'partnership_id', 'return_id', 'token'],
  survey_responses: ['comment', 'cycle_id', 'id', 'partnership_id', 'published', 'return_id', 'submitted_on'],
  survey_answers: ['answer', 'partnership_id', 'response_id', 'statement_id'],
};

/** The number in a page's Responses row. */
const responsesShown = (body: string) =>
  Number(/Responses\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*(\d+)\s*<\/dd>/.exec(body)?.[1]);
const formToken = (body: string) => /name="_form" value="([^"]+)"/.exec(body)?.[1] ?? '';
const statementFields = (body: string) => [
  ...new Set([...body.matchAll(/name="(s-[0-9a-f-]{36})"/g)].map((m) => m[1]!)),
];

describe('the staff survey', () => {
  let t: TestApp;
  let admin: TestClient;
  let lead: TestClient;
  let cycleUrl: string;
  let token: string;
  let greenThemeId: string;

  async function count(table: string): Promise<number> {
    const { rows } = await t.database.executeSql(`select count(*)::int as n from ${table}`);
    return Number(rows[0]!.n);
  }

  /** Opens the survey as a member of staff would (no cookies) and sends answers. */
  async function answer(
    link: string,
    choose: (field: string) => string = () => 'agree',
    extra: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    const page = await t.app.inject({ method: 'GET', url: `/survey/${link}` });
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const fields = statementFields(page.body);
    const params = new URLSearchParams({ _form: formToken(page.body) });
    for (const f of fields) params.set(f, choose(f));
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return t.app.inject({
      method: 'POST',
      url: `/survey/${link}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: params.toString(),
      remoteAddress: SENDER_IP,
    });
  }

  before(async () => {
    t = await startTestApp();
    cycleUrl = `/cycles/${t.ids.cycleId}/survey`;
    admin = await t.signIn(ADMIN);
    lead = await t.signIn(COUNCIL_LEAD);
    // The council rates its first theme Green.
    const [theme] = await themesFor(t, 'council');
    greenThemeId = theme!.id;
    await lead.get(`/returns/${t.ids.returnIds.council}/themes/${theme!.id}`);
    const saved = await lead.post(
      `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`,
      completeThemeFields(theme!),
    );
    assert.equal(saved.status, 303);
  });
  after(async () => t.close());

  it('is offered to admins with default statements; invalid settings are shown again with a 422', async () => {
    const page = await admin.get(`${cycleUrl}/settings`);
    assert.equal(page.status, 200);
    assert.match(page.body, /I know who the senior lead for safeguarding children is/);
    const themes = await themesFor(t, 'council');
    const long = 'x'.repeat(301);
    const bad = await admin.post(`${cycleUrl}/settings`, {
      enabled: 'yes',
      'closesOn-day': '31',
      'closesOn-month': '2',
      'closesOn-year': '2027',
      [`statements-${themes[1]!.id}`]: `Fine statement\n${long}`,
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /The closing date must be a real date/);
    assert.match(bad.body, /statement 2 must be 300 characters or fewer/);
    assert.match(bad.body, new RegExp(`Fine statement\n${long}`));
    assert.match(bad.body, /name="closesOn-day" type="text" value="31"|value="31"/);
    assert.equal(await count('surveys'), 0);
  });

  it('is switched on by an admin, which gives every invited agency its own link', async () => {
    const page = await admin.get(`${cycleUrl}/settings`);
    const fields: Record<string, string> = { enabled: 'yes' };
    for (const m of page.body.matchAll(
      /<textarea[^>]*name="(statements-[0-9a-f-]+)"[^>]*>([^<]*)<\/textarea>/g,
    ))
      fields[m[1]!] = m[2]!.replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&');
    const saved = await admin.post(`${cycleUrl}/settings`, fields);
    assert.equal(saved.status, 303, saved.body.slice(0, 400));
    assert.equal(saved.location, `${cycleUrl}?done=saved`);
    const overview = await admin.get(cycleUrl);
    assert.equal(overview.status, 200);
    const links = [
      ...overview.body.matchAll(/value="http:\/\/localhost:3000\/survey\/([A-Za-z0-9_-]{43})"/g),
    ];
    assert.equal(links.length, Object.keys(t.ids.returnIds).length);
    const [row] = await t.database.db
      .select({ token: surveyLinks.token })
      .from(surveyLinks)
      .where(eq(surveyLinks.returnId, t.ids.returnIds.council!));
    token = row!.token;
    assert.ok(links.some((l) => l[1] === token));
  });

  it('is refused to reviewers to change, but they read its results (without links)', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`${cycleUrl}/settings`)).status, 403);
    assert.equal((await reviewer.post(`${cycleUrl}/settings`, { enabled: 'no' })).status, 403);
    const page = await reviewer.get(cycleUrl);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /\/survey\/[A-Za-z0-9_-]{43}/);
  });

  it('gives the agency lead the link on the task list and its own page; contributors are refused', async () => {
    const taskList = await lead.get(`/returns/${t.ids.returnIds.council}`);
    assert.match(taskList.body, /Staff survey/);
    assert.match(taskList.body, new RegExp(`href="/returns/${t.ids.returnIds.council}/survey"`));
    assert.match(taskList.body, new RegExp(`value="http://localhost:3000/survey/${token}"`));
    const page = await lead.get(`/returns/${t.ids.returnIds.council}/survey`);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`value="http://localhost:3000/survey/${token}"`));
    // A return without a link yet (an agency invited after the survey was switched on) gets its
    // own from its task list; the others' links are untouched.
    const before = await t.database.db.select().from(surveyLinks);
    await t.database.db.delete(surveyLinks).where(eq(surveyLinks.returnId, t.ids.returnIds.council!));
    const late = await lead.get(`/returns/${t.ids.returnIds.council}`);
    const [made] = await t.database.db
      .select({ token: surveyLinks.token })
      .from(surveyLinks)
      .where(eq(surveyLinks.returnId, t.ids.returnIds.council!));
    assert.ok(made && made.token !== token);
    assert.match(late.body, new RegExp(`value="http://localhost:3000/survey/${made.token}"`));
    assert.equal((await t.database.db.select().from(surveyLinks)).length, before.length);
    await t.database.db
      .update(surveyLinks)
      .set({ token })
      .where(eq(surveyLinks.returnId, t.ids.returnIds.council!));
    assert.match(
      (await lead.get(`/returns/${t.ids.returnIds.council}`)).body,
      new RegExp(`/survey/${token}"`),
    );
    const contributor = await t.signIn(COUNCIL_CONTRIBUTOR);
    assert.doesNotMatch((await contributor.get(`/returns/${t.ids.returnIds.council}`)).body, /Staff survey/);
    assert.equal((await contributor.get(`/returns/${t.ids.returnIds.council}/survey`)).status, 403);
  });

  it('shows staff the statements of their agency’s themes, sets no cookie and starts no session', async () => {
    const sessions = await count('sessions');
    const page = await t.app.inject({ method: 'GET', url: `/survey/${token}` });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['set-cookie'], undefined);
    assert.match(page.body, /Your answers are anonymous/);
    assert.match(page.body, /Strongly disagree/);
    assert.match(page.body, /Don’t know/);
    assert.match(
      page.body,
      /Anything else you want to tell us about safeguarding children in your organisation\?/,
    );
    assertCharacterCount(page.body, 'comment', 2000);
    assertOptionalLabel(page.body, 'comment');
    assert.doesNotMatch(page.body, /name="_csrf"/);
    assert.equal(await count('sessions'), sessions);
  });

  it('keeps what was chosen when a submission is invalid (422) and stores nothing', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/survey/${token}` });
    const [first, second] = statementFields(page.body);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/survey/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _form: formToken(page.body),
        [first!]: 'strongly_agree',
        [second!]: 'not-an-answer',
        comment: 'Kept comment',
      }).toString(),
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, new RegExp(`href="#${second}"`));
    assert.match(bad.body, new RegExp(`name="${first}" type="radio" value="strongly_agree" checked`));
    assert.match(bad.body, /Kept comment<\/textarea>/);
    assert.equal(await count('survey_responses'), 0);
  });

  it('refuses a forged link (404) and a post from another site (403)', async () => {
    for (const url of [`/survey/${'A'.repeat(43)}`, '/survey/short', `/survey/${'A'.repeat(43)}/sent`])
      assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 404, url);
    const forged = await t.app.inject({
      method: 'POST',
      url: `/survey/${'B'.repeat(43)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'comment=x',
    });
    assert.equal(forged.statusCode, 404);
    const crossSite = await answer(token, () => 'agree', {}, { origin: 'https://evil.example' });
    assert.equal(crossSite.statusCode, 403);
    const noFormToken = await answer(token, () => 'agree', { _form: 'forged' });
    assert.equal(noFormToken.statusCode, 403);
    assert.match(noFormToken.body, /open for a long time/);
    assert.equal(await count('survey_responses'), 0);
  });

  it('stores a response with nothing that identifies the sender', async () => {
    const sessions = await count('sessions');
    // Even a browser that holds a signed-in session: the survey neither reads nor touches it.
    const sent = await answer(
      token,
      () => 'agree',
      { comment: 'We need more supervision time.' },
      { 'user-agent': SENDER_AGENT, 'x-forwarded-for': SENDER_IP, cookie: lead.cookieHeader() },
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    assert.equal(sent.headers.location, `/survey/${token}/sent`);
    assert.equal(sent.headers['set-cookie'], undefined);
    const thanks = await t.app.inject({ method: 'GET', url: `/survey/${token}/sent` });
    assert.match(thanks.body, /Your answers have been sent/);
    assert.equal(await count('sessions'), sessions);

    // Every column of every survey table, by name.
    const { rows: columns } = await t.database.executeSql(
      `select table_name, column_name from information_schema.columns
       where table_schema = current_schema() and table_name like 'survey%' order by table_name, column_name`,
    );
    const byTable: Record<string, string[]> = {};
    for (const c of columns) {
      const table = String(c.table_name);
      byTable[table] = [...(byTable[table] ?? []), String(c.column_name)];
    }
    assert.deepEqual(byTable, SURVEY_TABLES);
    for (const table of ['survey_responses', 'survey_answers'])
      for (const column of byTable[table]!)
        assert.doesNotMatch(
          column,
          /(^|_)(ip|address|agent|email|name|session|user|cookie|browser)(_|$)|_at$/,
          `${table}.${column}`,
        );

    // And every row written.
    const { rows: responses } = await t.database.executeSql('select * from survey_responses');
    const { rows: answers } = await t.database.executeSql('select * from survey_answers');
    assert.equal(responses.length, 1);
    assert.ok(answers.length > 3);
    const submittedOn = responses[0]!.submitted_on;
    const day = submittedOn instanceof Date ? submittedOn.toISOString().slice(0, 10) : String(submittedOn);
    assert.equal(day, '2026-11-23');
    const written = JSON.stringify([responses, answers]);
    for (const secret of [SENDER_IP, SENDER_AGENT, COUNCIL_LEAD, 'UniqueSurveyAgent', '198.51.100'])
      assert.ok(!written.includes(secret), `no ${secret} stored`);
  });

  it(`hides an agency’s results under five responses (4 hidden, 5 shown), on pages and in downloads`, async () => {
    // Three more (four in all): staff disagree on the theme the council rated Green.
    const greenStatements = (
      await t.database.db
        .select({ id: surveyStatements.id })
        .from(surveyStatements)
        .where(and(eq(surveyStatements.cycleId, t.ids.cycleId), eq(surveyStatements.themeId, greenThemeId)))
    ).map((s) => `s-${s.id}`);
    const choose = (f: string) => (greenStatements.includes(f) ? 'disagree' : 'agree');
    for (let i = 0; i < 3; i++)
      assert.equal((await answer(token, choose, { comment: `Comment number ${i}` })).statusCode, 303);

    const agencyPage = `${cycleUrl}/returns/${t.ids.returnIds.council}`;
    let page = await admin.get(agencyPage);
    assert.equal(page.status, 200);
    assert.match(page.body, /Fewer than 5 responses so far \(4\)/);
    assert.doesNotMatch(page.body, /Comment number|more supervision time/);
    assert.doesNotMatch(page.body, /id="survey-themes"/);
    let own = await lead.get(`/returns/${t.ids.returnIds.council}/survey`);
    // The agency counts responses five at a time while the survey is open.
    assert.match(own.body, /Fewer than 5 responses so far \(0\)/);
    assert.match(own.body, /id="survey-batches"/);
    let csv = await admin.download(`${cycleUrl}/results.csv`);
    assert.equal(csv.status, 200);
    const councilLines = () =>
      csv.bytes
        .toString('utf8')
        .split('\r\n')
        .filter((l) => l.startsWith('Northshire County Council'));
    assert.deepEqual(councilLines(), [
      'Northshire County Council Children’s Services,4,Fewer than 5 responses,,,,,,',
    ]);

    assert.equal((await answer(token, choose)).statusCode, 303);
    page = await admin.get(agencyPage);
    assert.match(page.body, /id="survey-themes"/);
    assert.match(page.body, /Staff less positive than the grade/);
    assert.match(page.body, /Comment number 0/);
    assert.match(page.body, /We need more supervision time\./);
    own = await lead.get(`/returns/${t.ids.returnIds.council}/survey`);
    assert.match(own.body, /id="survey-themes"/);
    assert.doesNotMatch(
      own.body,
      /Comment number|more supervision time/,
      'free text is for the partnership only',
    );
    csv = await admin.download(`${cycleUrl}/results.csv`);
    const lines = councilLines();
    assert.ok(lines.length > 1);
    assert.ok(
      lines.some((l) =>
        /,Senior leadership and commitment,Green,,5,20,2\.4,Staff less positive than the grade$/.test(l),
      ),
      lines.join('\n'),
    );
    const overview = await admin.get(cycleUrl);
    assert.match(overview.body, /id="survey-flags"/);
    const xlsx = await admin.download(`${cycleUrl}/results.xlsx`);
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  });

  it('moves the agency lead’s figures five responses at a time while the survey is open', async () => {
    const own = () => lead.get(`/returns/${t.ids.returnIds.council}/survey`);
    const results = (body: string) =>
      /<table class="govuk-table" id="survey-themes">[\s\S]*?<\/table>/.exec(body)?.[0];
    const before = await own();
    assert.equal(responsesShown(before.body), 5);
    assert.ok(results(before.body));

    // One more, unlike the others: the partnership sees it, the agency's figures do not move.
    assert.equal((await answer(token, () => 'strongly_disagree')).statusCode, 303);
    assert.equal(responsesShown((await admin.get(`${cycleUrl}/returns/${t.ids.returnIds.council}`)).body), 6);
    const after = await own();
    assert.equal(responsesShown(after.body), 5);
    assert.equal(results(after.body), results(before.body), 'not one figure changed');
    const taskList = await lead.get(`/returns/${t.ids.returnIds.council}`);
    assert.match(taskList.body, /5 responses so far/);

    // Four more make a batch: the agency sees all ten.
    for (let i = 0; i < 4; i++)
      assert.equal((await answer(token, () => 'strongly_disagree')).statusCode, 303);
    const batch = await own();
    assert.equal(responsesShown(batch.body), 10);
    assert.notEqual(results(batch.body), results(before.body));
    // And one waiting, which the agency sees once the survey closes (see below).
    assert.equal((await answer(token)).statusCode, 303);
    assert.equal(responsesShown((await own()).body), 10);
  });

  it('asks browsers to send no referrer from the survey pages', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/survey/${token}` });
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    const thanks = await t.app.inject({ method: 'GET', url: `/survey/${token}/sent` });
    assert.equal(thanks.headers['referrer-policy'], 'no-referrer');
    const other = await t.app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(other.headers['referrer-policy'], 'same-origin');
  });

  it('keeps the statements once staff have answered', async () => {
    const before = await t.database.db.select().from(surveyStatements);
    const page = await admin.get(`${cycleUrl}/settings`);
    assert.match(page.body, /cannot change/);
    const saved = await admin.post(`${cycleUrl}/settings`, {
      enabled: 'yes',
      [`statements-${greenThemeId}`]: 'A replacement statement',
    });
    assert.equal(saved.status, 303);
    assert.deepEqual(await t.database.db.select().from(surveyStatements), before);
  });

  it('takes at most the daily number of responses for a link, counted in the database', async () => {
    const link = {
      partnershipId: t.ids.partnershipId,
      cycleId: t.ids.cycleId,
      returnId: t.ids.returnIds.police!,
    };
    const values = { answers: new Map(), comment: '' };
    assert.equal(await insertResponse(t.database.db, link, values, '2026-11-23', 1), true);
    assert.equal(await insertResponse(t.database.db, link, values, '2026-11-23', 1), false);
    assert.equal(await insertResponse(t.database.db, link, values, '2026-11-24', 1), true);
    await t.database.executeSql('delete from survey_responses where return_id = $1', [
      t.ids.returnIds.police,
    ]);
  });

  it('is not found by another partnership', async () => {
    await addOtherPartnership(t);
    const other = await t.signIn(OTHER_ADMIN);
    for (const url of [
      cycleUrl,
      `${cycleUrl}/settings`,
      `${cycleUrl}/returns/${t.ids.returnIds.council}`,
      `${cycleUrl}/results.csv`,
      `${cycleUrl}/results.xlsx`,
    ])
      assert.equal((await other.get(url)).status, 404, url);
    assert.equal((await other.post(`${cycleUrl}/settings`, { enabled: 'no' })).status, 404);
    assert.equal(
      (await other.post(`${cycleUrl}/returns/${t.ids.returnIds.council}/new-link`, {})).status,
      404,
    );
  });

  it('gives an agency a new link on request; the old one stops working', async () => {
    await lead.get(`/returns/${t.ids.returnIds.council}/survey`);
    const replaced = await lead.post(`/returns/${t.ids.returnIds.council}/survey/new-link`, {});
    assert.equal(replaced.status, 303);
    assert.equal((await t.app.inject({ method: 'GET', url: `/survey/${token}` })).statusCode, 404);
    const [row] = await t.database.db
      .select({ token: surveyLinks.token })
      .from(surveyLinks)
      .where(eq(surveyLinks.returnId, t.ids.returnIds.council!));
    assert.notEqual(row!.token, token);
    token = row!.token;
    assert.equal((await t.app.inject({ method: 'GET', url: `/survey/${token}` })).statusCode, 200);
  });

  it('refuses responses once closed', async () => {
    await admin.get(`${cycleUrl}/settings`);
    const saved = await admin.post(`${cycleUrl}/settings`, {
      enabled: 'yes',
      'closesOn-day': '22',
      'closesOn-month': '11',
      'closesOn-year': '2026',
    });
    assert.equal(saved.status, 303, saved.body.slice(0, 400));
    const before = await count('survey_responses');
    const page = await t.app.inject({ method: 'GET', url: `/survey/${token}` });
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /This survey has closed/);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/survey/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'comment=late',
    });
    assert.equal(sent.statusCode, 410);
    assert.equal(await count('survey_responses'), before);
    // Its link is no longer offered for sharing.
    const own = await lead.get(`/returns/${t.ids.returnIds.council}/survey`);
    assert.match(own.body, /<dd class="govuk-summary-list__value">\s*Closed\s*<\/dd>/);
    assert.doesNotMatch(own.body, /id="survey-link"/);
    assert.equal(responsesShown(own.body), 11, 'once closed, every response counts for the agency');
    assert.doesNotMatch(own.body, /id="survey-batches"/);
    // Switched off: the same.
    await admin.post(`${cycleUrl}/settings`, { enabled: 'no' });
    assert.equal((await t.app.inject({ method: 'GET', url: `/survey/${token}` })).statusCode, 410);
  });
});
