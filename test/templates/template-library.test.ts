import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { templateQuestions, templateShares, templates, templateVersions } from '../../src/db/schema.ts';
import { schoolsCollegesTemplate } from '../../src/features/templates/builtin/schools-colleges.ts';
import { section11Template } from '../../src/features/templates/builtin/section-11.ts';
import { writeTemplateFile } from '../../src/features/templates/template-file.ts';
import { findVersion } from '../../src/features/templates/template-versions.repository.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { demoTemplateVersionId } from '../helpers/template-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';

const decoded = (s: string) =>
  s.replaceAll('&#34;', '"').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
const versionIdOf = (location: string | undefined) =>
  /\/versions\/([0-9a-f-]{36})$/.exec(location ?? '')![1]!;

describe('the template library, adopting, comparing and sharing', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;
  let demoVersion: string;

  const templateCount = async (partnershipId: string) =>
    (
      await t.database.db
        .select({ id: templates.id })
        .from(templates)
        .where(eq(templates.partnershipId, partnershipId))
    ).length;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/templates`;
    demoVersion = await demoTemplateVersionId(t);
  });
  after(async () => t.close());

  it('lists the built-in templates, linked from the templates page', async () => {
    assert.match((await admin.get(base)).body, new RegExp(`href="${base}/library"`));
    const page = await admin.get(`${base}/library`);
    assert.equal(page.status, 200);
    for (const name of [
      'Section 11 self-assessment (children)',
      'Safeguarding self-assessment (schools and colleges)',
      'Adult safeguarding self-assessment',
    ])
      assert.ok(page.body.includes(name), name);
    assert.match(page.body, /No other partnership shares a template/);
    const one = await admin.get(`${base}/library/builtin/schools-colleges-safeguarding`);
    assert.equal(one.status, 200);
    assert.ok(decoded(one.body).includes(schoolsCollegesTemplate.themes[0]!.questions[0]!.text));
    assert.match(one.body, /Adopt template/);
    assert.equal((await admin.get(`${base}/library/builtin/no-such-template`)).status, 404);
  });

  it('adopts a built-in template as a draft, or published at once, as a copy under a free key', async () => {
    await admin.get(`${base}/library/builtin/schools-colleges-safeguarding`);
    const draft = await admin.post(`${base}/library/builtin/schools-colleges-safeguarding`, {
      name: 'Schools safeguarding 2027',
      status: 'draft',
    });
    assert.equal(draft.status, 303, draft.body);
    const copy = await findVersion(t.database.db, t.ids.partnershipId, versionIdOf(draft.location));
    assert.equal(copy?.status, 'draft');
    assert.deepEqual(copy?.definition, { ...schoolsCollegesTemplate, name: 'Schools safeguarding 2027' });

    // The Section 11 template is already there (key section-11-children): the copy takes a new key.
    await admin.get(`${base}/library/builtin/section-11-children`);
    const published = await admin.post(`${base}/library/builtin/section-11-children`, {
      name: 'Section 11 (second copy)',
      status: 'published',
    });
    assert.equal(published.status, 303);
    const second = await findVersion(t.database.db, t.ids.partnershipId, versionIdOf(published.location));
    assert.equal(second?.status, 'published');
    assert.equal(second?.version, 1);
    assert.equal(second?.definition.key, 'section-11-children-2');
    assert.deepEqual(second?.definition.themes, section11Template.themes);
  });

  it('refuses a name already used or a missing choice with 422, keeping what was typed, and saves nothing', async () => {
    const before = await templateCount(t.ids.partnershipId);
    await admin.get(`${base}/library/builtin/adult-safeguarding`);
    const taken = await admin.post(`${base}/library/builtin/adult-safeguarding`, {
      name: 'schools safeguarding 2027',
      status: 'draft',
    });
    assert.equal(taken.status, 422);
    assert.match(taken.body, /govuk-error-summary/);
    assert.match(taken.body, /already have a template called/);
    assert.match(taken.body, /value="schools safeguarding 2027"/);
    const empty = await admin.post(`${base}/library/builtin/adult-safeguarding`, { name: ' ' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /href="#name"/);
    assert.match(empty.body, /href="#status"/);
    const forged = await admin.post(`${base}/library/builtin/adult-safeguarding`, {
      name: 'Adults',
      status: 'draft',
      _csrf: 'forged',
    });
    assert.equal(forged.status, 403);
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`${base}/library`)).status, 200);
    assert.doesNotMatch(
      (await reviewer.get(`${base}/library/builtin/adult-safeguarding`)).body,
      /Adopt template/,
    );
    assert.equal(
      (await reviewer.post(`${base}/library/builtin/adult-safeguarding`, { name: 'Adults', status: 'draft' }))
        .status,
      403,
    );
    assert.equal(await templateCount(t.ids.partnershipId), before);
  });

  it('compares a version with the one before, naming what changed, and with any other version', async () => {
    const demo = (await findVersion(t.database.db, t.ids.partnershipId, demoVersion))!.definition;
    const changed = structuredClone(demo);
    changed.themes[0]!.questions[0]!.text = 'Is a board member named as the lead for safeguarding children?';
    const moved = changed.themes[0]!.questions.splice(1, 1)[0]!;
    changed.themes[1]!.questions.push(moved);
    changed.themes[2]!.questions.push({
      key: 'brand-new-question',
      text: 'A brand new statement.',
      guidance: 'New guidance.',
      scale: 'graded',
      evidencePrompt: 'Anything',
    });
    await admin.get(base);
    const imported = await admin.postFile(`${base}/import`, {
      name: 'v2.yaml',
      data: writeTemplateFile('yaml', changed),
    });
    assert.equal(imported.status, 303, imported.body);
    const v2 = versionIdOf(imported.location);
    assert.match(
      (await admin.get(`${base}/versions/${v2}`)).body,
      new RegExp(`href="${base}/versions/${v2}/compare"`),
    );
    assert.match((await admin.get(base)).body, new RegExp(`href="${base}/versions/${v2}/compare">Compare`));
    const page = await admin.get(`${base}/versions/${v2}/compare`);
    assert.equal(page.status, 200);
    const body = decoded(page.body);
    assert.match(body, /Version 2 compared with version 1/);
    assert.match(body, /0 added, 0 removed, 0 changed, 0 moved/);
    assert.match(body, /1 added, 0 removed, 1 changed, 1 moved/);
    assert.ok(body.includes('A brand new statement.'));
    assert.ok(body.includes(`<strong>Now:</strong> ${changed.themes[0]!.questions[0]!.text}`));
    assert.ok(body.includes(`<strong>Before:</strong> ${demo.themes[0]!.questions[0]!.text}`));
    assert.ok(body.includes(`${demo.themes[0]!.title}, question 2`));

    const reverse = await admin.get(`${base}/versions/${demoVersion}/compare?with=${v2}`);
    assert.match(decoded(reverse.body), /Version 1 compared with version 2/);
    assert.match(decoded(reverse.body), /0 added, 1 removed, 1 changed, 1 moved/);
    const first = await admin.get(`${base}/versions/${demoVersion}/compare`);
    assert.equal(first.status, 200);
    assert.match(first.body, /Compare with/);
    assert.equal((await admin.get(`${base}/versions/${v2}/compare?with=${v2}`)).status, 404);

    const other = await addOtherPartnership(t, { slug: 'comparer' });
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(`${base}/versions/${v2}/compare`)).status, 404);
    assert.equal(
      (await outsider.get(`/partnerships/${other.partnershipId}/templates/versions/${v2}/compare`)).status,
      404,
    );
  });

  it('shares a published version with named partnerships only; they adopt a copy; others see nothing (404)', async () => {
    const region = await addOtherPartnership(t, { slug: 'region-a' });
    const outside = await addOtherPartnership(t, { slug: 'far-away' });
    const regionAdmin = await t.signIn(region.adminEmail);
    const outsideAdmin = await t.signIn(outside.adminEmail);
    const shared = `/partnerships/${region.partnershipId}/templates/library/shared/${demoVersion}`;
    assert.equal((await regionAdmin.get(shared)).status, 404, 'not shared yet');

    const sharing = `${base}/versions/${demoVersion}/sharing`;
    const form = await admin.get(sharing);
    assert.equal(form.status, 200);
    assert.ok(form.body.includes(region.partnershipId));
    assert.ok(!form.body.includes(`value="${t.ids.partnershipId}"`), 'not offered to itself');
    const none = await admin.post(sharing, { audience: 'chosen' });
    assert.equal(none.status, 422);
    assert.match(none.body, /Select at least one partnership/);
    const forged = await admin.post(sharing, { audience: 'chosen', partnerships: t.ids.partnershipId });
    assert.equal(forged.status, 422);
    assert.equal((await t.database.db.select().from(templateShares)).length, 0);

    const ok = await admin.post(sharing, { audience: 'chosen', partnerships: [region.partnershipId] });
    assert.equal(ok.status, 303);
    const sharedMail = async (email: string) =>
      (await t.mailTo(email)).filter((m) => m.subject.includes('has shared a template'));
    const mail = await sharedMail(region.adminEmail);
    assert.equal(mail.length, 1);
    assert.equal(
      mail[0]?.subject,
      'Northshire and Riverside Safeguarding Children Partnership has shared a template with your partnership',
    );
    assert.ok(mail[0]?.bodyText.includes(`http://localhost:3000${shared}`));
    assert.equal((await sharedMail(outside.adminEmail)).length, 0);
    // Saving the same choice again emails nobody twice.
    await admin.get(sharing);
    await admin.post(sharing, { audience: 'chosen', partnerships: [region.partnershipId] });
    assert.equal((await sharedMail(region.adminEmail)).length, 1);
    assert.match(
      (await admin.get(`${base}/versions/${demoVersion}`)).body,
      /Shared with Partnership region-a since/,
    );

    const library = await regionAdmin.get(`/partnerships/${region.partnershipId}/templates/library`);
    assert.match(library.body, new RegExp(`href="${shared}"`));
    assert.match(decoded(library.body), /Northshire/);
    assert.match(decoded(library.body), /\(Priya Shah\)/, 'names who shared it');
    assert.equal((await regionAdmin.get(shared)).status, 200);
    // The partnership not named sees nothing, by either address.
    const outsideLibrary = await outsideAdmin.get(`/partnerships/${outside.partnershipId}/templates/library`);
    assert.doesNotMatch(outsideLibrary.body, new RegExp(demoVersion));
    assert.equal(
      (
        await outsideAdmin.get(
          `/partnerships/${outside.partnershipId}/templates/library/shared/${demoVersion}`,
        )
      ).status,
      404,
    );
    assert.equal((await outsideAdmin.get(`${base}/versions/${demoVersion}`)).status, 404);
    // The sharer's other templates stay out of sight.
    assert.equal((await regionAdmin.get(`${base}/versions/${demoVersion}`)).status, 404);
    assert.equal((await regionAdmin.get(sharing)).status, 404);
    assert.equal((await regionAdmin.post(`${sharing}/stop`)).status, 404);

    // The sharer's localities are its own: not shown to another partnership, nor adopted.
    assert.doesNotMatch((await regionAdmin.get(shared)).body, /Only for agencies serving these localities/);
    const adopted = await regionAdmin.post(shared, { name: 'Our Section 11 audit', status: 'draft' });
    assert.equal(adopted.status, 303, adopted.body);
    const copyId = versionIdOf(adopted.location);
    const copy = await findVersion(t.database.db, region.partnershipId, copyId);
    const original = (await findVersion(t.database.db, t.ids.partnershipId, demoVersion))!.definition;
    assert.deepEqual(original.themes.find((x) => x.key === 'neglect')?.localities, ['Riverside']);
    assert.deepEqual(
      copy?.definition.themes,
      original.themes.map(({ localities: _l, ...theme }) => theme),
    );
    assert.equal(copy?.definition.name, 'Our Section 11 audit');
    // A copy: its rows belong to the adopting partnership only.
    const [row] = await t.database.db
      .select({ partnershipId: templateVersions.partnershipId })
      .from(templateVersions)
      .where(eq(templateVersions.id, copyId));
    assert.equal(row?.partnershipId, region.partnershipId);
    assert.equal(
      (
        await t.database.db
          .select({ id: templateQuestions.id })
          .from(templateQuestions)
          .where(and(eq(templateQuestions.partnershipId, region.partnershipId)))
      ).length,
      original.themes.flatMap((x) => x.questions).length,
    );

    // Stopping sharing hides it again; the copy stays.
    await admin.get(sharing);
    assert.equal((await admin.post(`${sharing}/stop`)).status, 303);
    assert.equal((await regionAdmin.get(shared)).status, 404);
    assert.ok(await findVersion(t.database.db, region.partnershipId, copyId));
    assert.match(
      (await admin.get(`${base}/versions/${demoVersion}`)).body,
      /Not shared with other partnerships/,
    );
  });

  it('shares with every partnership; only a published version can be shared; reviewers cannot share', async () => {
    const later = await addOtherPartnership(t, { slug: 'later-one' });
    const laterAdmin = await t.signIn(later.adminEmail);
    const sharing = `${base}/versions/${demoVersion}/sharing`;
    await admin.get(sharing);
    assert.equal((await admin.post(sharing, { audience: 'all' })).status, 303);
    const library = await laterAdmin.get(`/partnerships/${later.partnershipId}/templates/library`);
    assert.match(library.body, new RegExp(`/library/shared/${demoVersion}`));

    await admin.get(`${base}/library/builtin/adult-safeguarding`);
    const draft = await admin.post(`${base}/library/builtin/adult-safeguarding`, {
      name: 'Adults',
      status: 'draft',
    });
    const draftSharing = `${base}/versions/${versionIdOf(draft.location)}/sharing`;
    assert.equal((await admin.get(draftSharing)).status, 409);
    assert.equal((await admin.post(draftSharing, { audience: 'all' })).status, 409);

    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(sharing)).status, 403);
    assert.equal((await reviewer.post(sharing, { audience: 'all' })).status, 403);

    // Retiring the version takes it out of every library.
    await admin.get(`${base}/versions/${demoVersion}`);
    assert.equal((await admin.post(`${base}/versions/${demoVersion}/retire`)).status, 303);
    assert.doesNotMatch(
      (await laterAdmin.get(`/partnerships/${later.partnershipId}/templates/library`)).body,
      new RegExp(demoVersion),
    );
    assert.equal(
      (await laterAdmin.get(`/partnerships/${later.partnershipId}/templates/library/shared/${demoVersion}`))
        .status,
      404,
    );
  });
});
