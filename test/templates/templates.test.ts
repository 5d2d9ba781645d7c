import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { templates, templateThemes } from '../../src/db/schema.ts';
import { isUniqueViolation } from '../../src/features/partnerships/partnerships.repository.ts';
import { section11Template } from '../../src/features/templates/builtin/section-11.ts';
import { writeTemplateFile } from '../../src/features/templates/template-file.ts';
import { decoded } from '../helpers/form-fields.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { demoTemplateVersionId, templateRowCounts } from '../helpers/template-fixtures.ts';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';

/** Posts a file as a browser's multipart form would, with the client's cookies and CSRF token. */
const upload = (
  _t: TestApp,
  client: TestClient,
  url: string,
  file: { name: string; data: Buffer | string },
  csrf = client.csrf,
): Promise<TestResponse> => client.postFile(url, file, { _csrf: csrf });

describe('a partnership admin imports, checks, publishes and exports templates', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;
  let demoVersion: string;

  const counts = () => templateRowCounts(t);

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/templates`;
    demoVersion = await demoTemplateVersionId(t);
  });
  after(async () => t.close());

  it('lists the templates from the home page, with each version, its status and its exports', async () => {
    assert.match((await admin.get('/')).body, new RegExp(`href="${base}"`));
    const page = await admin.get(base);
    assert.equal(page.status, 200);
    // In the service navigation too, for admins and reviewers, and marked there on its pages.
    const navLink = new RegExp(`class="govuk-service-navigation__link" href="${base}"`);
    assert.match((await admin.get('/')).body, navLink);
    assert.match(page.body, new RegExp(`class="govuk-service-navigation__link" href="${base}" aria-current`));
    assert.match((await (await t.signIn(REVIEWER)).get('/')).body, navLink);
    assert.doesNotMatch(
      (await (await t.signIn('safeguarding.lead@northshire-council.example')).get('/returns')).body,
      /govuk-service-navigation__link" href="[^"]*\/templates"/,
    );
    assert.match(page.body, /Section 11 self-assessment \(children\)/);
    assert.match(page.body, /govuk-tag--green">Published/);
    assert.match(page.body, new RegExp(`href="${base}/versions/${demoVersion}/export.yaml"`));
    assert.match(page.body, /name="file"/);
    const version = await admin.get(`${base}/versions/${demoVersion}`);
    assert.equal(version.status, 200);
    assert.ok(decoded(version.body).includes(section11Template.themes[0]!.questions[0]!.text));
    assert.ok(decoded(version.body).includes(section11Template.themes[0]!.guidance));
    assert.doesNotMatch(version.body, /\/publish"/);
  });

  for (const format of ['yaml', 'json'] as const) {
    it(`round trips the built-in version as ${format}: export, import as a draft, export the same file`, async () => {
      const exported = await admin.get(`${base}/versions/${demoVersion}/export.${format}`);
      assert.equal(exported.status, 200);
      assert.match(
        String(exported.headers['content-type']),
        format === 'yaml' ? /application\/yaml/ : /application\/json/,
      );
      assert.match(
        String(exported.headers['content-disposition']),
        new RegExp(`attachment; filename="template-Section-11-self-assessment-children-v1\\.${format}"`),
      );
      await admin.get(base);
      const imported = await upload(t, admin, `${base}/import`, {
        name: `s11.${format}`,
        data: exported.body,
      });
      assert.equal(imported.status, 303, imported.body);
      const draftId = /\/versions\/([0-9a-f-]{36})$/.exec(imported.location!)![1]!;
      const draftPage = await admin.get(imported.location!);
      assert.match(draftPage.body, /govuk-tag--yellow">Draft/);
      const again = await admin.get(`${base}/versions/${draftId}/export.${format}`);
      assert.equal(again.body, exported.body);
      // A template has one draft at a time: the next round trip needs this one gone.
      assert.equal((await admin.post(`${base}/versions/${draftId}/delete`)).status, 303);
      if (format === 'yaml') assert.match(exported.body, /^key: section-11-children\n/);
      else
        assert.deepEqual(Object.keys(JSON.parse(exported.body)), [
          'key',
          'name',
          'description',
          'gradeDescriptors',
          'themes',
        ]);
    });
  }

  it('names the line and field of each problem in an import, with 422, and saves nothing', async () => {
    const before = await counts();
    const file = writeTemplateFile('yaml', { ...section11Template, key: 'broken' }).replace(
      /^( {6}- key: )leadership-statement$/m,
      '$1Leadership Statement',
    );
    const line = file.split('\n').findIndex((l) => l.includes('Leadership Statement')) + 1;
    await admin.get(base);
    const res = await upload(t, admin, `${base}/import`, { name: 'broken.yaml', data: file });
    assert.equal(res.status, 422);
    assert.match(res.body, /govuk-error-summary/);
    assert.ok(
      res.body.includes(`Line ${line}, themes[0].questions[1].key: A key must use only lowercase letters`),
    );

    const json = JSON.parse(writeTemplateFile('json', { ...section11Template, key: 'broken' }));
    json.themes[2].questions[0].text = 42;
    const jsonRes = await upload(t, admin, `${base}/import`, {
      name: 'broken.json',
      data: JSON.stringify(json, null, 2),
    });
    assert.equal(jsonRes.status, 422);
    assert.match(jsonRes.body, /Line \d+, themes\[2\]\.questions\[0\]\.text: Question text must be text/);

    for (const [name, data, message] of [
      ['s11.txt', 'key: x', /must be a YAML \(.yaml or .yml\) or JSON \(.json\) file/],
      ['bomb.yaml', 'a: &a [x, x]\nb: [*a, *a]\n', /anchors or aliases/],
      ['tag.yaml', 'key: !!binary aGVsbG8=\n', /not valid YAML/],
      ['big.json', Buffer.alloc(256 * 1024 + 10, 32), /smaller than 256 KB/],
      ['broken.json', '{"key": ', /not valid JSON/],
    ] as const) {
      const r = await upload(t, admin, `${base}/import`, { name, data });
      assert.equal(r.status, 422, name);
      assert.match(r.body, message);
    }
    const forged = await upload(
      t,
      admin,
      `${base}/import`,
      { name: 'ok.json', data: JSON.stringify(section11Template) },
      'forged',
    );
    assert.equal(forged.status, 403);
    assert.deepEqual(await counts(), before);
  });

  it('carries a theme’s localities by name through export, import, the version page and the comparison', async () => {
    const before = await counts();
    const exported = (await admin.get(`${base}/versions/${demoVersion}/export.yaml`)).body;
    // The demo's neglect theme is for Riverside only: the file names it.
    assert.match(exported, /- key: neglect\n {4}title: [^\n]+\n {4}localities:\n {6}- Riverside\n/);
    assert.ok(
      decoded((await admin.get(`${base}/versions/${demoVersion}`)).body).includes(
        'Only for agencies serving these localities: Riverside.',
      ),
    );

    // Imported, its locality is this partnership's of that name (case and spacing aside).
    await admin.get(base);
    const moved = exported.replace(
      /( {4}localities:\n {6}- )Riverside\n/,
      '$1northshire\n      - " Riverside"\n',
    );
    const imported = await upload(t, admin, `${base}/import`, { name: 'neglect.yaml', data: moved });
    assert.equal(imported.status, 303, imported.body);
    const draftId = /\/versions\/([0-9a-f-]{36})$/.exec(imported.location!)![1]!;
    const neglect = async (versionId: string) =>
      (
        await t.database.db
          .select({ localityIds: templateThemes.localityIds })
          .from(templateThemes)
          .where(and(eq(templateThemes.templateVersionId, versionId), eq(templateThemes.key, 'neglect')))
      )[0]!.localityIds.sort();
    assert.deepEqual(
      await neglect(draftId),
      [t.ids.localityIds.northshire, t.ids.localityIds.riverside].sort(),
    );
    assert.match(
      (await admin.get(`${base}/versions/${draftId}/export.yaml`)).body,
      / {4}localities:\n {6}- Northshire\n {6}- Riverside\n/,
    );

    // The comparison names the change, with before and now.
    const compared = decoded((await admin.get(`${base}/versions/${draftId}/compare`)).body);
    assert.doesNotMatch(compared, /The two versions have the same themes and questions/);
    assert.match(compared, /Neglect<\/th>.*?Changed<\/strong>.*?Changed: localities\./s);
    assert.equal((await admin.post(`${base}/versions/${draftId}/delete`)).status, 303);

    // A locality the partnership does not have is named by line and field, and nothing is saved.
    await admin.get(base);
    const unknown = exported.replace(
      /( {4}localities:\n {6}- )Riverside\n/,
      '$1Riversdie\n      - Peterborough\n',
    );
    const refused = await upload(t, admin, `${base}/import`, { name: 'unknown.yaml', data: unknown });
    assert.equal(refused.status, 422);
    const lines = unknown.split('\n');
    const theme = exported.slice(0, exported.indexOf('- key: neglect')).match(/^ {2}- key: /gm)!.length;
    const body = decoded(refused.body);
    for (const expected of [
      `Line ${lines.indexOf('      - Riversdie') + 1}, themes[${theme}].localities[0]: "Riversdie" is not a locality of this partnership – did you mean "Riverside"?`,
      `Line ${lines.indexOf('      - Peterborough') + 1}, themes[${theme}].localities[1]: "Peterborough" is not a locality of this partnership (its localities are "Northshire", "Riverside")`,
    ])
      assert.ok(
        body.includes(expected),
        `${expected}\n${body.slice(body.indexOf('govuk-error-summary'), body.indexOf('govuk-error-summary') + 1500)}`,
      );
    assert.deepEqual(await counts(), before);
  });

  it('names a misspelt or unknown field of an exported file by its own line, and a missing one', async () => {
    const before = await counts();
    const exported = (await admin.get(`${base}/versions/${demoVersion}/export.yaml`)).body;
    const lines = exported.replace(/^key: .*$/m, 'key: misspelt').split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.trimStart().startsWith(prefix));
    const prompt = at('evidencePrompt:');
    lines[prompt] = lines[prompt]!.replace('evidencePrompt:', 'evidencePromt:');
    lines.splice(at('scale:') + 1, 0, lines[at('scale:')]!.replace(/scale:.*/, 'colour: blue'));
    const questionLine = at('- key: leadership-board-lead') + 1;
    await admin.get(base);
    const res = await upload(t, admin, `${base}/import`, { name: 'misspelt.yaml', data: lines.join('\n') });
    assert.equal(res.status, 422);
    const body = decoded(res.body);
    const q = 'themes[0].questions[0]';
    for (const expected of [
      `Line ${at('evidencePromt:') + 1}, ${q}.evidencePromt: "evidencePromt" is not a field of a question – did you mean "evidencePrompt"?`,
      `Line ${at('colour: blue') + 1}, ${q}.colour: "colour" is not a field of a question`,
      `Line ${questionLine}, ${q}.evidencePrompt: "evidencePrompt" is missing`,
    ])
      assert.ok(body.includes(expected), expected);
    assert.doesNotMatch(body, /Each question must have key, text, scale/);
    assert.doesNotMatch(body, /The evidence prompt must be text/);
    assert.deepEqual(await counts(), before);
  });

  it('publishes a draft once; a published version refuses publishing and deleting, and can be retired', async () => {
    const file = writeTemplateFile('yaml', {
      ...section11Template,
      key: 'early-help',
      name: 'Early help self-assessment',
    });
    await admin.get(base);
    const imported = await upload(t, admin, `${base}/import`, { name: 'early-help.yml', data: file });
    assert.equal(imported.status, 303);
    const page = await admin.get(imported.location!);
    assert.match(page.body, /Publish/);
    assert.match(page.body, /Delete draft/);

    // Before publishing, the new audit form does not offer it.
    const cycleForm = `/partnerships/${t.ids.partnershipId}/cycles/new`;
    assert.doesNotMatch((await admin.get(cycleForm)).body, /Early help self-assessment/);

    const published = await admin.post(`${imported.location}/publish`);
    assert.equal(published.status, 303);
    assert.match((await admin.get(imported.location!)).body, /govuk-tag--green">Published/);
    assert.equal((await admin.post(`${imported.location}/publish`)).status, 409);
    const before = await counts();
    assert.equal((await admin.post(`${imported.location}/delete`)).status, 409);
    assert.deepEqual(await counts(), before);

    assert.match((await admin.get(cycleForm)).body, /Early help self-assessment/);

    assert.equal((await admin.post(`${imported.location}/retire`)).status, 303);
    assert.match((await admin.get(imported.location!)).body, /govuk-tag--grey">Retired/);
    assert.doesNotMatch((await admin.get(cycleForm)).body, /Early help self-assessment/);
  });

  it('deletes a draft, and refuses a new version that changes the template name', async () => {
    const before = await counts();
    await admin.get(base);
    const file = writeTemplateFile('json', { ...section11Template, key: 'to-delete', name: 'To delete' });
    const imported = await upload(t, admin, `${base}/import`, { name: 'd.json', data: file });
    assert.equal(imported.status, 303);
    assert.equal((await admin.post(`${imported.location}/delete`)).status, 303);
    assert.deepEqual(await counts(), before);

    const renamed = writeTemplateFile('json', { ...section11Template, name: 'Renamed' });
    const refused = await upload(t, admin, `${base}/import`, { name: 'r.json', data: renamed });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /Line 3, name: The template/);
    assert.deepEqual(await counts(), before);
  });

  it('lets reviewers read and export but not change; another partnership gets 404', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(base)).status, 200);
    assert.doesNotMatch((await reviewer.get(base)).body, /name="file"/);
    assert.equal((await reviewer.get(`${base}/versions/${demoVersion}/export.json`)).status, 200);
    assert.equal((await reviewer.post(`${base}/versions/${demoVersion}/retire`)).status, 403);
    const r = await upload(t, reviewer, `${base}/import`, { name: 'a.json', data: '{}' });
    assert.equal(r.status, 403);

    const other = await addOtherPartnership(t);
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(base)).status, 404);
    assert.equal((await outsider.get(`${base}/versions/${demoVersion}/export.yaml`)).status, 404);
    assert.equal((await outsider.post(`${base}/versions/${demoVersion}/retire`)).status, 404);
    // Its own id with our version: not found either.
    const theirs = `/partnerships/${other.partnershipId}/templates`;
    assert.equal((await outsider.get(`${theirs}/versions/${demoVersion}`)).status, 404);
    assert.equal((await outsider.post(`${theirs}/versions/${demoVersion}/retire`)).status, 404);
  });

  it('never saves anything for arbitrary files that fail, and never fails with a 500', async () => {
    const before = await counts();
    await admin.get(base);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
        ),
        fc.constantFrom('x.yaml', 'x.json'),
        async (data, name) => {
          const r = await upload(t, admin, `${base}/import`, { name, data });
          assert.equal(r.status, 422);
        },
      ),
      { numRuns: 40 },
    );
    assert.deepEqual(await counts(), before);
  });
});

describe('template keys', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('are unique within a partnership, by the database itself, and free across partnerships', async () => {
    const db = t.database.db;
    const [demo] = await db.select().from(templates).where(eq(templates.partnershipId, t.ids.partnershipId));
    assert.ok(demo);
    await assert.rejects(
      db.insert(templates).values({ partnershipId: t.ids.partnershipId, key: demo.key, name: 'Another' }),
      (error: unknown) => isUniqueViolation(error),
    );
    const other = await addOtherPartnership(t);
    await db.insert(templates).values({ partnershipId: other.partnershipId, key: demo.key, name: 'Theirs' });
    const sameKey = await db.select().from(templates).where(eq(templates.key, demo.key));
    assert.equal(sameKey.length, 2);
  });
});
