/**
 * No lost updates on draft templates (issue 10): two partnership admins with the same draft's
 * details, theme or question open. Fields only one of them changed are all kept; a field both
 * changed brings the conflict page, which saves nothing until the person chooses; the draft's
 * history records both saves. Both orders, through the routes and at the service level.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  partnershipRoles,
  templateDraftHistory,
  templateQuestions,
  templates,
  templateThemes,
  templateVersions,
  users,
} from '../../src/db/schema.ts';
import {
  DETAILS_RECORD,
  detailsRecord,
  saveDraftDetails,
  saveDraftQuestion,
  saveDraftTheme,
  themeRecord,
} from '../../src/features/templates/authoring/draft-editing.service.ts';
import { loadEditableVersion } from '../../src/features/templates/draft-editing.repository.ts';
import { fingerprint, shownRecord } from '../../src/web/form-version.ts';
import { decoded } from '../helpers/form-fields.ts';
import { hiddenFields } from '../helpers/record-conflicts.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example'; // Priya Shah
const SECOND = 'deputy.manager@nrscp.example'; // Sam Okafor, added below

const idIn = (location: string | undefined, after: string) =>
  new RegExp(`/${after}/([0-9a-f-]{36})`).exec(location ?? '')?.[1] ??
  assert.fail(`no ${after} id in ${location}`);

describe('two admins editing one draft template', () => {
  let t: TestApp;
  let admin: TestClient;
  let second: TestClient;
  let secondId: string;
  let adminId: string;
  let pid: string;
  let versionId: string;
  let themeId: string;
  let questionId: string;
  let draft: string;

  const db = () => t.database.db;

  before(async () => {
    t = await startTestApp();
    pid = t.ids.partnershipId;
    const now = t.clock.now();
    const [u] = await db()
      .insert(users)
      .values({ email: SECOND, name: 'Sam Okafor', createdAt: now })
      .returning();
    secondId = u!.id;
    await db()
      .insert(partnershipRoles)
      .values({ partnershipId: pid, userId: secondId, role: 'partnership_admin', createdAt: now });
    admin = await t.signIn(ADMIN);
    second = await t.signIn(SECOND);
    const [me] = await db().select({ id: users.id }).from(users).where(eq(users.email, ADMIN));
    adminId = me!.id;

    const base = `/partnerships/${pid}/templates`;
    const created = await admin.post(`${base}/new`, { name: 'Early help', key: '', description: '' });
    versionId = idIn(created.location, 'versions');
    draft = `${base}/versions/${versionId}`;
    const theme = await admin.post(`${draft}/themes/new`, { title: 'Leadership', ownDescriptors: 'no' });
    assert.equal(theme.status, 303);
    themeId = idIn(theme.location, 'themes');
    const question = await admin.post(`${draft}/themes/${themeId}/questions/new`, {
      text: 'We have a named lead',
      scale: 'yes_no',
      required: 'yes',
      weight: '1',
      showWhen: '',
      optionRows: '0',
    });
    assert.equal(question.status, 303);
    const [q] = await db().select().from(templateQuestions).where(eq(templateQuestions.themeId, themeId));
    questionId = q!.id;
  });
  after(async () => t.close());

  /** Each record kind: its form's address, what its form sends as stored now, and a field's value. */
  const kinds = {
    details: {
      url: () => `${draft}/details`,
      async fields() {
        const [row] = await db()
          .select({
            name: templates.name,
            description: templates.description,
            g: templateVersions.gradeDescriptors,
          })
          .from(templateVersions)
          .innerJoin(templates, eq(templates.id, templateVersions.templateId))
          .where(eq(templateVersions.id, versionId));
        return { name: row!.name, description: row!.description, ...row!.g } as Record<string, string>;
      },
      a: 'description',
      b: 'red',
      label: 'Description',
    },
    theme: {
      url: () => `${draft}/themes/${themeId}/edit`,
      async fields() {
        const [row] = await db().select().from(templateThemes).where(eq(templateThemes.id, themeId));
        return {
          title: row!.title,
          key: row!.key,
          description: row!.description,
          guidance: row!.guidance,
          ownDescriptors: 'no',
        } as Record<string, string>;
      },
      a: 'guidance',
      b: 'description',
      label: 'Guidance',
    },
    question: {
      url: () => `${draft}/themes/${themeId}/questions/${questionId}`,
      async fields() {
        const [row] = await db().select().from(templateQuestions).where(eq(templateQuestions.id, questionId));
        return {
          text: row!.text,
          key: row!.key,
          guidance: row!.guidance,
          scale: row!.scale,
          required: row!.required ? 'yes' : 'no',
          evidencePrompt: row!.evidencePrompt,
          weight: String(row!.weight),
          showWhen: '',
          optionRows: '0',
        } as Record<string, string>;
      },
      a: 'guidance',
      b: 'evidencePrompt',
      label: 'Guidance',
    },
  } as const;

  /** Opens a form: what it showed and what it holds, to send back with the changes. */
  async function open(client: TestClient, kind: keyof typeof kinds) {
    const page = await client.get(kinds[kind].url());
    assert.equal(page.status, 200);
    const shown = hiddenFields(page.body);
    assert.ok(shown._shown, 'the form carries what it showed');
    return { ...(await kinds[kind].fields()), ...shown };
  }

  const save = (
    client: TestClient,
    kind: keyof typeof kinds,
    form: Record<string, string>,
    changes: Record<string, string>,
  ) => {
    t.clock.advance(60_000);
    return client.post(kinds[kind].url(), { ...form, ...changes });
  };

  const history = (field: string) =>
    db()
      .select({ newValue: templateDraftHistory.newValue, userId: templateDraftHistory.userId })
      .from(templateDraftHistory)
      .where(
        and(eq(templateDraftHistory.templateVersionId, versionId), eq(templateDraftHistory.fieldKey, field)),
      );

  for (const kind of ['details', 'theme', 'question'] as const) {
    const k = kinds[kind];
    for (const [first, other] of [
      ['admin', 'second'],
      ['second', 'admin'],
    ] as const) {
      it(`keeps both saves of a ${kind} when they change different fields (${first} first)`, async () => {
        const clients = { admin, second };
        const formA = await open(clients[first], kind);
        const formB = await open(clients[other], kind);
        const a = await save(clients[first], kind, formA, { [k.a]: `A from ${first}` });
        assert.equal(a.status, 303, a.body.slice(0, 300));
        // The second form still holds the first field as it was shown, and leaves it alone.
        const b = await save(clients[other], kind, formB, { [k.b]: `B from ${other}` });
        assert.equal(b.status, 303, b.body.slice(0, 300));
        const now = await k.fields();
        assert.equal(now[k.a], `A from ${first}`);
        assert.equal(now[k.b], `B from ${other}`);
      });

      it(`shows the conflict page when both change one field of a ${kind}, saving nothing until they choose (${first} first)`, async () => {
        const clients = { admin, second };
        const names = { admin: 'Priya Shah', second: 'Sam Okafor' };
        const formA = await open(clients[first], kind);
        const formB = await open(clients[other], kind);
        assert.equal(
          (await save(clients[first], kind, formA, { [k.a]: `Theirs ${kind} ${first}` })).status,
          303,
        );
        const clash = await save(clients[other], kind, formB, {
          [k.a]: `Mine ${kind} ${other}`,
          [k.b]: `Also mine ${kind} ${other}`,
        });
        assert.equal(clash.status, 409);
        assert.match(clash.body, /Someone else changed this while you were editing it/);
        assert.ok(clash.body.includes(`>${k.label}<`) || clash.body.includes(k.label), 'names the field');
        assert.match(clash.body, new RegExp(`Changed by ${names[first]} at`));
        assert.ok(decoded(clash.body).includes(`Theirs ${kind} ${first}`), 'their value is shown');
        assert.ok(decoded(clash.body).includes(`Mine ${kind} ${other}`), 'your value is shown');
        // Nothing of this save is stored yet, and everything typed rides in the page.
        const held = await k.fields();
        assert.equal(held[k.a], `Theirs ${kind} ${first}`);
        assert.notEqual(held[k.b], `Also mine ${kind} ${other}`);
        const kept = hiddenFields(clash.body);
        assert.equal(kept[k.b], `Also mine ${kind} ${other}`);

        // Sent without a choice: asked again, with the error summary.
        const unanswered = await clients[other].post(k.url(), kept);
        assert.equal(unanswered.status, 422);
        assert.match(unanswered.body, /govuk-error-summary/);

        const key = Object.keys(kept)
          .find((x) => x.startsWith('seen-'))!
          .slice('seen-'.length);
        // One order keeps the other person's value, the other their own.
        const choice = first === 'admin' ? 'mine' : 'theirs';
        const chosen = await clients[other].post(k.url(), { ...kept, [`resolve-${key}`]: choice });
        assert.equal(chosen.status, 303, chosen.body.slice(0, 300));
        const after = await k.fields();
        assert.equal(after[k.a], choice === 'mine' ? `Mine ${kind} ${other}` : `Theirs ${kind} ${first}`);
        assert.equal(after[k.b], `Also mine ${kind} ${other}`);

        // The history records both saves of the field.
        const saves = await history(key);
        assert.ok(saves.some((h) => h.newValue === `Theirs ${kind} ${first}`));
        if (choice === 'mine') assert.ok(saves.some((h) => h.newValue === `Mine ${kind} ${other}`));
        const bSaves = (
          await db()
            .select()
            .from(templateDraftHistory)
            .where(eq(templateDraftHistory.templateVersionId, versionId))
        ).filter((h) => h.newValue === `Also mine ${kind} ${other}`);
        assert.equal(bSaves.length, 1);
        assert.equal(bSaves[0]!.userId, { admin: adminId, second: secondId }[other]);
      });
    }
  }

  it('refuses a form shown again after a 422 keeping what it first showed', async () => {
    const formA = await open(admin, 'theme');
    const formB = await open(second, 'theme');
    assert.equal((await save(admin, 'theme', formA, { guidance: 'Admin guidance' })).status, 303);
    const refused = await save(second, 'theme', formB, { title: '', guidance: 'Second guidance' });
    assert.equal(refused.status, 422);
    const again = hiddenFields(refused.body);
    assert.equal(again._shown, formB._shown, 'the form carries what it first showed');
    const clash = await save(second, 'theme', { ...formB, ...again }, { guidance: 'Second guidance' });
    assert.equal(clash.status, 409);
  });
});

describe('saving a draft from stale forms, at the service level', () => {
  let t: TestApp;
  let pid: string;
  let versionId: string;
  let userA: string;
  let userB: string;

  before(async () => {
    t = await startTestApp();
    pid = t.ids.partnershipId;
    const admin = await t.signIn(ADMIN);
    const created = await admin.post(`/partnerships/${pid}/templates/new`, {
      name: 'Service level',
      key: '',
      description: 'First',
    });
    versionId = idIn(created.location, 'versions');
    const [a] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, ADMIN));
    userA = a!.id;
    const [b] = await t.database.db
      .insert(users)
      .values({ email: SECOND, name: 'Sam Okafor', createdAt: t.clock.now() })
      .returning();
    userB = b!.id;
  });
  after(async () => t.close());

  const load = async () => (await loadEditableVersion(t.database.db, pid, versionId))!;

  for (const order of ['A then B', 'B then A'] as const) {
    it(`merges details saved from the same shown form (${order})`, async () => {
      const start = await load();
      const shown = { [DETAILS_RECORD]: shownRecord(detailsRecord(start)) };
      const base = detailsRecord(start);
      const saves = {
        A: { ...base, red: `Red ${order}` },
        B: { ...base, green: `Green ${order}` },
      };
      const [x, y] = order === 'A then B' ? (['A', 'B'] as const) : (['B', 'A'] as const);
      const users = { A: userA, B: userB };
      for (const who of [x, y]) {
        const out = await saveDraftDetails(
          t.database.db,
          pid,
          versionId,
          saves[who],
          users[who],
          t.clock.now(),
          {
            shown,
          },
        );
        assert.ok('saved' in out, `${who} saved`);
      }
      const now = await load();
      assert.equal(now.gradeDescriptors.red, `Red ${order}`);
      assert.equal(now.gradeDescriptors.green, `Green ${order}`);

      // Both change the description: the second is a conflict, nothing saved until it chooses.
      const shownNow = { [DETAILS_RECORD]: shownRecord(detailsRecord(now)) };
      const first = await saveDraftDetails(
        t.database.db,
        pid,
        versionId,
        { ...detailsRecord(now), description: `${x}’s ${order}` },
        users[x],
        t.clock.now(),
        { shown: shownNow },
      );
      assert.ok('saved' in first);
      const clash = await saveDraftDetails(
        t.database.db,
        pid,
        versionId,
        { ...detailsRecord(now), description: `${y}’s ${order}`, amber: `Amber ${y}` },
        users[y],
        t.clock.now(),
        { shown: shownNow },
      );
      assert.ok('conflicts' in clash);
      assert.deepEqual(
        clash.conflicts.map((c) => [c.label, c.mine, c.theirs]),
        [['Description', `${y}’s ${order}`, `${x}’s ${order}`]],
      );
      assert.notEqual((await load()).gradeDescriptors.amber, `Amber ${y}`, 'nothing saved');
      const resolved = await saveDraftDetails(
        t.database.db,
        pid,
        versionId,
        { ...detailsRecord(now), description: `${y}’s ${order}`, amber: `Amber ${y}` },
        users[y],
        t.clock.now(),
        {
          shown: shownNow,
          resolutions: new Map([
            [clash.conflicts[0]!.key, { choice: 'mine', seen: fingerprint(`${x}’s ${order}`) }],
          ]),
        },
      );
      assert.ok('saved' in resolved);
      const last = await load();
      assert.equal(last.templateDescription, `${y}’s ${order}`);
      assert.equal(last.gradeDescriptors.amber, `Amber ${y}`);
      const saved = await t.database.db
        .select({ newValue: templateDraftHistory.newValue, userId: templateDraftHistory.userId })
        .from(templateDraftHistory)
        .where(
          and(
            eq(templateDraftHistory.templateVersionId, versionId),
            eq(templateDraftHistory.fieldKey, clash.conflicts[0]!.key),
          ),
        );
      assert.ok(saved.some((h) => h.newValue === `${x}’s ${order}` && h.userId === users[x]));
      assert.ok(saved.some((h) => h.newValue === `${y}’s ${order}` && h.userId === users[y]));
    });

    it(`merges a theme and a question saved from stale forms (${order})`, async () => {
      const added = await saveDraftTheme(
        t.database.db,
        pid,
        versionId,
        undefined,
        {
          key: `theme-${order.replace(/ /g, '-').toLowerCase()}`,
          title: 'Neglect',
          description: '',
          guidance: '',
          gradeDescriptors: null,
          localityIds: [],
          sectors: [],
        },
        userA,
        t.clock.now(),
      );
      assert.ok('saved' in added);
      const themeId = added.saved.themeId;
      const theme = (await load()).themes.find((x) => x.id === themeId)!;
      const shown = { [themeId]: shownRecord(themeRecord(theme)) };
      const [x, y] = order === 'A then B' ? ([userA, userB] as const) : ([userB, userA] as const);
      const one = await saveDraftTheme(
        t.database.db,
        pid,
        versionId,
        themeId,
        { ...theme, sectors: ['police'] },
        x,
        t.clock.now(),
        { shown },
      );
      assert.ok('saved' in one);
      const two = await saveDraftTheme(
        t.database.db,
        pid,
        versionId,
        themeId,
        { ...theme, guidance: 'Read this' },
        y,
        t.clock.now(),
        { shown },
      );
      assert.ok('saved' in two);
      const merged = (await load()).themes.find((th) => th.id === themeId)!;
      assert.deepEqual(merged.sectors, ['police']);
      assert.equal(merged.guidance, 'Read this');
      const three = await saveDraftTheme(
        t.database.db,
        pid,
        versionId,
        themeId,
        { ...theme, sectors: ['health'] },
        y,
        t.clock.now(),
        { shown },
      );
      assert.ok('conflicts' in three);
      assert.equal(three.conflicts[0]!.label, 'Sectors');

      const q = await saveDraftQuestion(
        t.database.db,
        pid,
        { versionId, themeId, questionId: undefined },
        {
          key: 'lead',
          text: 'A lead?',
          guidance: '',
          scale: 'yes_no',
          evidencePrompt: '',
          required: true,
          weight: 1,
          options: [],
          showWhen: null,
        },
        x,
        t.clock.now(),
      );
      assert.ok('saved' in q);
      const question = (await load()).themes.find((th) => th.id === themeId)!.questions[0]!;
      const qShown = { [question.id]: shownRecord(question) };
      const ids = { versionId, themeId, questionId: question.id };
      assert.ok(
        'saved' in
          (await saveDraftQuestion(t.database.db, pid, ids, { ...question, weight: 3 }, x, t.clock.now(), {
            shown: qShown,
          })),
      );
      assert.ok(
        'saved' in
          (await saveDraftQuestion(
            t.database.db,
            pid,
            ids,
            { ...question, required: false },
            y,
            t.clock.now(),
            { shown: qShown },
          )),
      );
      const both = (await load()).themes.find((th) => th.id === themeId)!.questions[0]!;
      assert.equal(both.weight, 3);
      assert.equal(both.required, false);
      const clash = await saveDraftQuestion(
        t.database.db,
        pid,
        ids,
        { ...question, weight: 5 },
        y,
        t.clock.now(),
        { shown: qShown },
      );
      assert.ok('conflicts' in clash);
      assert.deepEqual(
        clash.conflicts.map((c) => [c.label, c.mine, c.theirs]),
        [['Weight in scores', '5', '3']],
      );
    });
  }
});
