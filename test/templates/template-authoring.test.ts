import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { templateQuestions, templates, templateThemes, templateVersions } from '../../src/db/schema.ts';
import { section11Template } from '../../src/features/templates/builtin/section-11.ts';
import { RESPONSE_SCALES } from '../../src/features/templates/template-definition.ts';
import { writeTemplateFile } from '../../src/features/templates/template-file.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';

const decoded = (s: string) =>
  s.replaceAll('&#34;', '"').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const idIn = (location: string | undefined, after: string) =>
  new RegExp(`/${after}/([0-9a-f-]{36})`).exec(location ?? '')?.[1] ??
  assert.fail(`no ${after} id in ${location}`);

describe('a partnership admin writes a template in the browser', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;
  let draftId: string;
  let draft: string;
  let themeA: string;
  let themeB: string;

  const db = () => t.database.db;
  const themesOf = (versionId: string) =>
    db()
      .select()
      .from(templateThemes)
      .where(eq(templateThemes.templateVersionId, versionId))
      .orderBy(asc(templateThemes.position));
  const questionsOf = (themeId: string) =>
    db()
      .select()
      .from(templateQuestions)
      .where(eq(templateQuestions.themeId, themeId))
      .orderBy(asc(templateQuestions.position));
  const question = (fields: Record<string, string | string[]>) => ({
    text: 'We have a named safeguarding lead',
    key: '',
    guidance: '',
    scale: 'yes_no',
    required: 'yes',
    evidencePrompt: '',
    weight: '1',
    showWhen: '',
    optionRows: '0',
    ...fields,
  });

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/templates`;
  });
  after(async () => t.close());

  it('creates a template as a blank draft, refusing a blank name with 422 and keeping what was typed', async () => {
    const list = await admin.get(base);
    assert.match(list.body, new RegExp(`href="${base}/new"`));
    assert.equal((await admin.get(`${base}/new`)).status, 200);
    const refused = await admin.post(`${base}/new`, {
      name: '',
      key: 'Bad Key',
      description: 'For <early help> services',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /href="#name" >Enter the template’s name/);
    assert.match(refused.body, /value="Bad Key"/);
    assert.match(refused.body, /For &lt;early help(&gt;|>) services/);
    assert.equal((await db().select().from(templates)).length, 1);

    const created = await admin.post(`${base}/new`, {
      name: 'Early help self-assessment',
      key: '',
      description: 'For early help services',
    });
    assert.equal(created.status, 303);
    assert.match(created.location!, /\/edit\?done=created$/);
    draftId = idIn(created.location, 'versions');
    draft = `${base}/versions/${draftId}`;
    const [row] = await db()
      .select({ status: templateVersions.status, version: templateVersions.version, key: templates.key })
      .from(templateVersions)
      .innerJoin(templates, eq(templates.id, templateVersions.templateId))
      .where(eq(templateVersions.id, draftId));
    assert.deepEqual(row, { status: 'draft', version: 1, key: 'early-help-self-assessment' });
    assert.equal((await themesOf(draftId)).length, 0);
    const page = await admin.get(created.location!);
    assert.equal(page.status, 200);
    assert.match(page.body, /Draft created/);
    assert.match(page.body, /no themes yet/);

    // The same name again gets the next free key.
    const again = await admin.post(`${base}/new`, {
      name: 'Early help self-assessment',
      key: '',
      description: '',
    });
    const [second] = await db()
      .select({ key: templates.key })
      .from(templateVersions)
      .innerJoin(templates, eq(templates.id, templateVersions.templateId))
      .where(eq(templateVersions.id, idIn(again.location, 'versions')));
    assert.equal(second!.key, 'early-help-self-assessment-2');
    const taken = await admin.post(`${base}/new`, {
      name: 'X',
      key: 'early-help-self-assessment',
      description: '',
    });
    assert.equal(taken.status, 422);
    assert.match(taken.body, /already has the key/);
  });

  it('changes the details and grade descriptors, with 422 keeping what was typed', async () => {
    await admin.get(`${draft}/details`);
    const refused = await admin.post(`${draft}/details`, {
      name: 'Early help self-assessment 2027',
      description: 'Changed',
      red: '',
      amber: 'Partly',
      green: 'Fully',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /href="#red" >Enter what Red means/);
    assert.match(refused.body, /value="Early help self-assessment 2027"/);
    const saved = await admin.post(`${draft}/details`, {
      name: 'Early help self-assessment 2027',
      description: 'Changed',
      red: 'Not in place',
      amber: 'Partly',
      green: 'Fully',
    });
    assert.equal(saved.status, 303);
    const [v] = await db().select().from(templateVersions).where(eq(templateVersions.id, draftId));
    assert.deepEqual(v!.gradeDescriptors, { red: 'Not in place', amber: 'Partly', green: 'Fully' });
    const [tpl] = await db().select().from(templates).where(eq(templates.id, v!.templateId));
    assert.equal(tpl!.name, 'Early help self-assessment 2027');
  });

  it('adds, changes, reorders and deletes themes', async () => {
    await admin.get(`${draft}/themes/new`);
    const refused = await admin.post(`${draft}/themes/new`, {
      title: '',
      key: 'Neglect Key',
      guidance: 'Kept guidance',
      ownDescriptors: 'no',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /Enter the theme’s title/);
    assert.match(refused.body, /Kept guidance/);
    assert.match(refused.body, /lowercase letters/);

    const a = await admin.post(`${draft}/themes/new`, {
      title: 'Leadership',
      key: '',
      description: 'Who leads',
      guidance: 'What good looks like',
      ownDescriptors: 'no',
      localities: t.ids.localityIds.riverside,
      sectors: ['police', 'nhs-trust'],
    });
    assert.equal(a.status, 303);
    themeA = idIn(a.location, 'themes');
    const b = await admin.post(`${draft}/themes/new`, {
      title: 'Neglect',
      key: 'neglect',
      ownDescriptors: 'yes',
      'theme-red': 'R',
      'theme-amber': 'A',
      'theme-green': 'G',
    });
    themeB = idIn(b.location, 'themes');
    const c = await admin.post(`${draft}/themes/new`, { title: 'To delete', key: '', ownDescriptors: 'no' });
    const themeC = idIn(c.location, 'themes');
    let rows = await themesOf(draftId);
    assert.deepEqual(
      rows.map((r) => [r.key, r.title, r.localityIds, r.sectors]),
      [
        ['leadership', 'Leadership', [t.ids.localityIds.riverside], ['police', 'nhs-trust']],
        ['neglect', 'Neglect', [], []],
        ['to-delete', 'To delete', [], []],
      ],
    );
    assert.deepEqual(rows[1]!.gradeDescriptors, { red: 'R', amber: 'A', green: 'G' });

    // A key used by another theme is refused.
    await admin.get(`${draft}/themes/${themeB}/edit`);
    const clash = await admin.post(`${draft}/themes/${themeB}/edit`, {
      title: 'Neglect',
      key: 'leadership',
      ownDescriptors: 'no',
    });
    assert.equal(clash.status, 422);
    assert.match(decoded(clash.body), /already has the key "leadership"/);
    const changed = await admin.post(`${draft}/themes/${themeB}/edit`, {
      title: 'Neglect and early help',
      key: 'neglect',
      ownDescriptors: 'no',
      localities: t.ids.localityIds.northshire,
    });
    assert.equal(changed.status, 303);

    // Move the first theme down, then back up.
    const page = await admin.get(`${draft}/edit`);
    assert.match(page.body, new RegExp(`action="${draft}/themes/${themeA}/move"`));
    assert.equal((await admin.post(`${draft}/themes/${themeA}/move`, { direction: 'down' })).status, 303);
    rows = await themesOf(draftId);
    assert.deepEqual(
      rows.map((r) => r.title),
      ['Neglect and early help', 'Leadership', 'To delete'],
    );
    assert.deepEqual(rows[0]!.localityIds, [t.ids.localityIds.northshire]);
    assert.equal(rows[0]!.gradeDescriptors, null);
    await admin.post(`${draft}/themes/${themeA}/move`, { direction: 'up' });
    // Moving the first one up changes nothing.
    await admin.post(`${draft}/themes/${themeA}/move`, { direction: 'up' });
    assert.deepEqual(
      (await themesOf(draftId)).map((r) => r.title),
      ['Leadership', 'Neglect and early help', 'To delete'],
    );

    const confirm = await admin.get(`${draft}/themes/${themeC}/delete`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /Delete theme 3\?/);
    assert.equal((await admin.post(`${draft}/themes/${themeC}/delete`)).status, 303);
    assert.equal((await themesOf(draftId)).length, 2);
  });

  it('adds questions with a condition on an earlier one, changes, moves and deletes them', async () => {
    const newQ = `${draft}/themes/${themeA}/questions/new`;
    await admin.get(newQ);
    const refused = await admin.post(newQ, question({ text: '', weight: '11', guidance: 'Kept <guidance>' }));
    assert.equal(refused.status, 422);
    assert.match(refused.body, /href="#text" >Enter the question/);
    assert.match(refused.body, /href="#weight" >Enter a weight as a whole number from 0 to 10/);
    assert.match(refused.body, /Kept &lt;guidance(&gt;|>)/);
    assert.match(refused.body, /value="11"/);

    assert.equal(
      (await admin.post(newQ, question({ text: 'We have a named safeguarding lead' }))).status,
      303,
    );
    const [q1] = await questionsOf(themeA);
    // The new question's form offers question 1's answers as a condition.
    const form = await admin.get(newQ);
    assert.match(form.body, new RegExp(`name="showWhen" type="radio" value="${q1!.id}"`));
    const noAnswers = await admin.post(
      newQ,
      question({ text: 'Who is it?', showWhen: q1!.id, scale: 'graded' }),
    );
    assert.equal(noAnswers.status, 422);
    assert.match(noAnswers.body, /Select the answers to question 1 that show this question/);
    assert.match(noAnswers.body, /Who is it\?/);
    const added = await admin.post(
      newQ,
      question({
        text: 'How is the lead trained?',
        scale: 'graded',
        required: 'no',
        weight: '3',
        evidencePrompt: 'Training records',
        showWhen: q1!.id,
        [`showWhenAnswers-${q1!.id}`]: ['yes'],
      }),
    );
    assert.equal(added.status, 303);
    await admin.post(newQ, question({ text: 'A third question', key: 'third' }));
    let rows = await questionsOf(themeA);
    assert.deepEqual(
      rows.map((q) => [q.key, q.scale, q.required, q.weight, q.showWhen]),
      [
        ['we-have-a-named-safeguarding-lead', 'yes_no', true, 1, null],
        ['how-is-the-lead-trained', 'graded', false, 3, { questionId: q1!.id, answers: ['yes'] }],
        ['third', 'yes_no', true, 1, null],
      ],
    );
    const [, q2, q3] = rows;

    // The conditional question cannot move above the one it depends on, nor that one below it.
    const up = await admin.post(`${draft}/themes/${themeA}/questions/${q2!.id}/move`, { direction: 'up' });
    assert.equal(up.status, 409);
    assert.match(up.body, /must stay after it/);
    assert.equal(
      (await admin.post(`${draft}/themes/${themeA}/questions/${q1!.id}/move`, { direction: 'down' })).status,
      409,
    );
    assert.equal(
      (await admin.post(`${draft}/themes/${themeA}/questions/${q3!.id}/move`, { direction: 'up' })).status,
      303,
    );
    rows = await questionsOf(themeA);
    assert.deepEqual(
      rows.map((q) => q.key),
      ['we-have-a-named-safeguarding-lead', 'third', 'how-is-the-lead-trained'],
    );

    // Changing question 1's scale drops answers it no longer has from the condition on it.
    await admin.get(`${draft}/themes/${themeA}/questions/${q1!.id}`);
    const rescaled = await admin.post(
      `${draft}/themes/${themeA}/questions/${q1!.id}`,
      question({ text: 'The lead is named', key: 'we-have-a-named-safeguarding-lead', scale: 'graded' }),
    );
    assert.equal(rescaled.status, 303);
    const [, , conditional] = await questionsOf(themeA);
    assert.equal(conditional!.showWhen, null);
    await admin.post(
      `${draft}/themes/${themeA}/questions/${q2!.id}`,
      question({
        text: 'How is the lead trained?',
        scale: 'graded',
        showWhen: q1!.id,
        [`showWhenAnswers-${q1!.id}`]: ['not_met', 'partly_met'],
      }),
    );

    // Deleting question 1 leaves the question that depended on it always shown.
    const confirm = await admin.get(`${draft}/themes/${themeA}/questions/${q1!.id}/delete`);
    assert.match(confirm.body, /Question 3 is shown depending on the answer to this one/);
    assert.equal((await admin.post(`${draft}/themes/${themeA}/questions/${q1!.id}/delete`)).status, 303);
    rows = await questionsOf(themeA);
    assert.deepEqual(
      rows.map((q) => [q.key, q.showWhen]),
      [
        ['third', null],
        ['how-is-the-lead-trained', null],
      ],
    );
    // Put the condition back for the copy test: question 2 depends on question 1.
    await admin.post(
      `${draft}/themes/${themeA}/questions/${q2!.id}`,
      question({
        text: 'How is the lead trained?',
        key: 'how-is-the-lead-trained',
        scale: 'graded',
        showWhen: q3!.id,
        [`showWhenAnswers-${q3!.id}`]: ['no'],
      }),
    );
    assert.deepEqual((await questionsOf(themeA))[1]!.showWhen, { questionId: q3!.id, answers: ['no'] });
  });

  it('saves named options for a scale that has them, adding and removing rows without JavaScript', async () => {
    const optionScale = RESPONSE_SCALES.find((s) => s.value === 'choose_one');
    const newQ = `${draft}/themes/${themeA}/questions/new`;
    await admin.get(newQ);
    const fields = question({
      text: 'How often is training refreshed?',
      scale: optionScale!.value,
      optionRows: '2',
      'option-0-label': 'Every year',
      'option-0-met': 'yes',
      'option-1-label': 'Never',
      'option-1-action': 'yes',
    });
    const more = await admin.post(newQ, { ...fields, intent: 'add-option' });
    assert.equal(more.status, 200);
    assert.match(more.body, /name="option-2-label"/);
    assert.match(more.body, /value="Every year"/);
    const fewer = await admin.post(newQ, { ...fields, intent: 'remove-option-1' });
    assert.doesNotMatch(fewer.body, /value="Never"/);
    // Four named levels need exactly four: two are refused, keeping what was typed.
    const levels = await admin.post(newQ, { ...fields, scale: 'four_level' });
    assert.equal(levels.status, 422);
    assert.match(levels.body, /Enter exactly 4 options/);
    assert.match(levels.body, /value="Every year"/);
    assert.equal((await admin.post(newQ, fields)).status, 303);
    const saved = (await questionsOf(themeA)).at(-1)!;
    assert.deepEqual(saved.options, [
      { key: 'every-year', label: 'Every year', met: true, action: false },
      { key: 'never', label: 'Never', met: false, action: true },
    ]);
  });

  it('previews a theme exactly as agencies will see it, with nothing to save', async () => {
    const preview = await admin.get(`${draft}/themes/${themeA}/preview`);
    assert.equal(preview.status, 200);
    assert.ok(decoded(preview.body).includes('How is the lead trained?'));
    assert.match(preview.body, /You can try the answers, but nothing is saved here/);
    assert.match(preview.body, /Your rating for this theme/);
    assert.doesNotMatch(preview.body, /action="\/returns/);
    // The real controls agencies answer with, in no form: nothing can be submitted.
    // The page's own content: the layout's timeout dialog (its sign-out form) is outside <main>.
    const main = preview.body.slice(preview.body.indexOf('<main'), preview.body.indexOf('</main>'));
    assert.ok(!main.includes('<form'), 'no form in the preview');
    const questions = await questionsOf(themeA);
    assert.ok(questions.some((q) => q.scale === 'graded') && questions.some((q) => q.showWhen));
    for (const [i, q] of questions.entries()) {
      const type = q.scale === 'choose_many' ? 'checkbox' : 'radio';
      assert.match(main, new RegExp(`name="q${i + 1}-response" type="${type}"`), `question ${i + 1}`);
    }
    const graded = questions.findIndex((q) => q.scale === 'graded') + 1;
    for (const label of ['Not met', 'Partly met', 'Fully met', 'N/A'])
      assert.match(main, new RegExp(`for="q${graded}-response[^"]*">\\s*${label}\\s*<`));
    assert.match(main, /name="rating" type="radio" value="red"/);
    assert.match(main, /id="q1-evidence-document"/);
    // A conditional question is shown (saying when it is asked): the script hides it until then.
    assert.match(main, /class="app-conditional-question"(?![^>]*hidden)[^>]*>/);
    assert.doesNotMatch(main, /class="app-conditional-question"[^>]*hidden/);
    assert.match(preview.body, new RegExp(`href="${draft}/themes/${themeB}/preview"`));
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`${draft}/themes/${themeA}/preview`)).status, 200);
  });

  it('publishes only a draft that passes its checks; then every change is refused with 409', async () => {
    // Theme B has no question yet.
    await admin.get(`${draft}/edit`);
    const refused = await admin.post(`${draft}/publish`);
    assert.equal(refused.status, 422);
    assert.match(refused.body, /Theme 2 \(Neglect and early help\) needs at least one question/);
    await admin.post(`${draft}/themes/${themeB}/questions/new`, question({ text: 'Neglect is recognised' }));
    assert.equal((await admin.post(`${draft}/publish`)).status, 303);
    const [v] = await db().select().from(templateVersions).where(eq(templateVersions.id, draftId));
    assert.equal(v!.status, 'published');

    const [q] = await questionsOf(themeA);
    const before = JSON.stringify([await themesOf(draftId), await questionsOf(themeA)]);
    for (const url of [
      `${draft}/edit`,
      `${draft}/details`,
      `${draft}/themes/new`,
      `${draft}/themes/${themeA}`,
      `${draft}/themes/${themeA}/edit`,
      `${draft}/themes/${themeA}/delete`,
      `${draft}/themes/${themeA}/questions/new`,
      `${draft}/themes/${themeA}/questions/${q!.id}`,
    ]) {
      const r = await admin.get(url);
      assert.equal(r.status, 409, url);
      assert.match(r.body, /This version is published/);
    }
    await admin.get(`${draft}`);
    for (const [url, body] of [
      [`${draft}/details`, { name: 'X', red: 'r', amber: 'a', green: 'g' }],
      [`${draft}/themes/new`, { title: 'New', ownDescriptors: 'no' }],
      [`${draft}/themes/${themeA}/edit`, { title: 'Changed', ownDescriptors: 'no' }],
      [`${draft}/themes/${themeA}/move`, { direction: 'down' }],
      [`${draft}/themes/${themeA}/delete`, {}],
      [`${draft}/themes/${themeA}/questions/new`, question({ text: 'New' })],
      [`${draft}/themes/${themeA}/questions/${q!.id}`, question({ text: 'Changed' })],
      [`${draft}/themes/${themeA}/questions/${q!.id}/move`, { direction: 'down' }],
      [`${draft}/themes/${themeA}/questions/${q!.id}/delete`, {}],
    ] as const) {
      const r = await admin.post(url, body);
      assert.equal(r.status, 409, url);
    }
    assert.equal(JSON.stringify([await themesOf(draftId), await questionsOf(themeA)]), before);
  });

  it('starts a new draft from the published version, copying everything and remapping conditions', async () => {
    await admin.get(draft);
    const copied = await admin.post(`${draft}/new-draft`);
    assert.equal(copied.status, 303);
    assert.match(copied.location!, /\?done=copied$/);
    const copyId = idIn(copied.location, 'versions');
    assert.notEqual(copyId, draftId);
    const [v] = await db().select().from(templateVersions).where(eq(templateVersions.id, copyId));
    assert.deepEqual([v!.status, v!.version], ['draft', 2]);
    assert.deepEqual(v!.gradeDescriptors, { red: 'Not in place', amber: 'Partly', green: 'Fully' });

    const strip = (rows: Array<Record<string, unknown>>) =>
      rows.map(({ id: _, templateVersionId: __, themeId: ___, ...rest }) => rest);
    const [oldThemes, newThemes] = [await themesOf(draftId), await themesOf(copyId)];
    assert.deepEqual(strip(newThemes), strip(oldThemes));
    for (const [i, theme] of newThemes.entries()) {
      const [oldQs, newQs] = [await questionsOf(oldThemes[i]!.id), await questionsOf(theme.id)];
      const showWhenKeys = (qs: typeof oldQs) =>
        qs.map(
          (q) =>
            q.showWhen && {
              key: qs.find((x) => x.id === q.showWhen!.questionId)!.key,
              answers: q.showWhen.answers,
            },
        );
      assert.deepEqual(
        strip(newQs).map(({ showWhen: _, ...r }) => r),
        strip(oldQs).map(({ showWhen: _, ...r }) => r),
      );
      assert.deepEqual(showWhenKeys(newQs), showWhenKeys(oldQs));
      // Conditions point at the copies, never at the published version's questions.
      for (const q of newQs) if (q.showWhen) assert.ok(newQs.some((x) => x.id === q.showWhen!.questionId));
    }
    assert.ok((await questionsOf(newThemes[0]!.id)).some((q) => q.showWhen));

    // One draft per template: a second copy, or an import of the same key, is refused.
    const second = await admin.post(`${draft}/new-draft`);
    assert.equal(second.status, 409);
    assert.match(second.body, /already has a draft/);
    const [tpl] = await db()
      .select()
      .from(templates)
      .where(and(eq(templates.id, v!.templateId)));
    const file = writeTemplateFile('yaml', {
      ...section11Template,
      key: tpl!.key,
      name: tpl!.name,
      description: tpl!.description,
    });
    await admin.get(base);
    const imported = await admin.postFile(`${base}/import`, { name: 't.yaml', data: file });
    assert.equal(imported.status, 422);
    assert.match(imported.body, /already has a draft \(version 2\)/);

    // The name is shared with the published version now, so it is shown but not offered for change.
    const details = await admin.get(
      `/partnerships/${t.ids.partnershipId}/templates/versions/${copyId}/details`,
    );
    assert.doesNotMatch(details.body, /name="name"/);
    assert.match(details.body, /shared by every version/);

    // Retired versions refuse changes too.
    assert.equal((await admin.post(`${draft}/retire`)).status, 303);
    assert.equal((await admin.get(`${draft}/themes/${themeA}/edit`)).status, 409);
    assert.match((await admin.get(`${draft}/edit`)).body, /This version is retired/);
  });

  it('keeps keys unique and positions distinct under concurrent changes, and publishing waits for them', async () => {
    const created = await admin.post(`${base}/new`, { name: 'Concurrent edits', key: '', description: '' });
    const id = idIn(created.location, 'versions');
    const v = `${base}/versions/${id}`;
    await admin.get(`${v}/themes/new`);
    const added = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.post(`${v}/themes/new`, { title: 'Safer recruitment', ownDescriptors: 'no' }),
      ),
    );
    assert.deepEqual(
      added.map((r) => r.status),
      [303, 303, 303, 303, 303],
    );
    let rows = await themesOf(id);
    assert.deepEqual(rows.map((r) => r.key).sort(), [
      'safer-recruitment',
      'safer-recruitment-2',
      'safer-recruitment-3',
      'safer-recruitment-4',
      'safer-recruitment-5',
    ]);
    assert.equal(new Set(rows.map((r) => r.position)).size, 5);
    await Promise.all(
      rows.flatMap((r) => [
        admin.post(`${v}/themes/${r.id}/move`, { direction: 'down' }),
        admin.post(`${v}/themes/${r.id}/move`, { direction: 'up' }),
      ]),
    );
    rows = await themesOf(id);
    assert.deepEqual(rows.map((r) => r.position).sort(), [1, 2, 3, 4, 5], 'every swap happened whole');
    for (const r of rows)
      await admin.post(`${v}/themes/${r.id}/questions/new`, question({ text: 'Checked' }));
    // A change racing a publish either lands before it or is refused: never after it.
    const [publish, late] = await Promise.all([
      admin.post(`${v}/publish`),
      admin.post(`${v}/details`, { name: 'Concurrent edits', red: 'Late', amber: 'a', green: 'g' }),
    ]);
    assert.equal(publish.status, 303);
    assert.ok([303, 409].includes(late.status));
    const [version] = await db().select().from(templateVersions).where(eq(templateVersions.id, id));
    assert.equal(version!.status, 'published');
    assert.equal(version!.gradeDescriptors.red === 'Late', late.status === 303);
  });

  it('lets reviewers read but change nothing (403), and other partnerships find nothing (404)', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.doesNotMatch((await reviewer.get(base)).body, new RegExp(`href="${base}/new"`));
    assert.equal((await reviewer.get(`${base}/new`)).status, 403);
    assert.equal((await reviewer.post(`${base}/new`, { name: 'Mine' })).status, 403);
    const created = await admin.post(`${base}/new`, { name: 'Isolation check', key: '', description: '' });
    const id = idIn(created.location, 'versions');
    const mine = `${base}/versions/${id}`;
    const theme = await admin.post(`${mine}/themes/new`, { title: 'T', ownDescriptors: 'no' });
    const themeId = idIn(theme.location, 'themes');
    for (const url of [`${mine}/edit`, `${mine}/details`, `${mine}/themes/new`, `${mine}/themes/${themeId}`])
      assert.equal((await reviewer.get(url)).status, 403, url);
    for (const url of [
      `${mine}/details`,
      `${mine}/themes/new`,
      `${mine}/themes/${themeId}/delete`,
      `${mine}/new-draft`,
    ])
      assert.equal((await reviewer.post(url, { title: 'X' })).status, 403, url);

    const other = await addOtherPartnership(t);
    const outsider = await t.signIn(other.adminEmail);
    const theirs = `/partnerships/${other.partnershipId}/templates/versions/${id}`;
    for (const url of [
      `${mine}/edit`,
      `${theirs}/edit`,
      `${theirs}/themes/${themeId}`,
      `${theirs}/themes/${themeId}/preview`,
    ])
      assert.equal((await outsider.get(url)).status, 404, url);
    await outsider.get(`/partnerships/${other.partnershipId}/templates`);
    for (const url of [
      `${theirs}/themes/new`,
      `${theirs}/themes/${themeId}/delete`,
      `${theirs}/new-draft`,
      `${mine}/themes/new`,
    ])
      assert.equal((await outsider.post(url, { title: 'X', ownDescriptors: 'no' })).status, 404, url);
    assert.equal((await themesOf(id)).length, 1);

    // A forged form (no valid CSRF token) changes nothing.
    const forged = await admin.post(`${mine}/themes/${themeId}/delete`, { _csrf: 'forged' });
    assert.equal(forged.status, 403);
    assert.equal((await themesOf(id)).length, 1);
  });
});
