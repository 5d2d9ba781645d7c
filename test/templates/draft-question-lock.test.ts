/**
 * What a draft's question save checks under the draft's lock, against the draft as it is then (not
 * as the form showed it): the condition names an earlier question's answers that still exist, and
 * a merge of two people's saves keeps a scale's option count. The history records the key as
 * stored, also when it had to be made again under the lock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { templateDraftHistory, users } from '../../src/db/schema.ts';
import {
  saveDraftQuestion,
  saveDraftTheme,
  themeRecord,
} from '../../src/features/templates/authoring/draft-editing.service.ts';
import {
  type DraftQuestion,
  loadEditableVersion,
  type QuestionValues,
} from '../../src/features/templates/draft-editing.repository.ts';
import { fieldKey, shownRecord } from '../../src/web/form-version.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';

const option = (key: string) => ({ key, label: `Option ${key}`, met: key === 'a', action: false });

const question = (values: Partial<QuestionValues>): QuestionValues => ({
  key: '',
  text: 'A question',
  guidance: '',
  scale: 'yes_no',
  evidencePrompt: '',
  required: true,
  weight: 1,
  options: [],
  showWhen: null,
  ...values,
});

describe('a draft question saved under the lock', () => {
  let t: TestApp;
  let pid: string;
  let versionId: string;
  let userId: string;

  before(async () => {
    t = await startTestApp();
    pid = t.ids.partnershipId;
    const admin = await t.signIn(ADMIN);
    const created = await admin.post(`/partnerships/${pid}/templates/new`, {
      name: 'Checked under the lock',
      key: '',
      description: '',
    });
    versionId = /\/versions\/([0-9a-f-]{36})/.exec(created.location ?? '')![1]!;
    const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, ADMIN));
    userId = u!.id;
  });
  after(async () => t.close());

  const load = async () => (await loadEditableVersion(t.database.db, pid, versionId))!;

  async function addTheme(key: string, title: string) {
    const out = await saveDraftTheme(
      t.database.db,
      pid,
      versionId,
      undefined,
      { key, title, description: '', guidance: '', gradeDescriptors: null, localityIds: [], sectors: [] },
      userId,
      t.clock.now(),
    );
    assert.ok('saved' in out);
    return out.saved.themeId;
  }

  async function addQuestion(themeId: string, values: QuestionValues): Promise<DraftQuestion> {
    const out = await saveDraftQuestion(
      t.database.db,
      pid,
      { versionId, themeId, questionId: undefined },
      values,
      userId,
      t.clock.now(),
    );
    assert.ok('saved' in out, JSON.stringify(out));
    return (await load()).themes.find((x) => x.id === themeId)!.questions.find((q) => q.key === values.key)!;
  }

  const saveQuestion = (themeId: string, q: DraftQuestion, values: QuestionValues, shownAs: DraftQuestion) =>
    saveDraftQuestion(
      t.database.db,
      pid,
      { versionId, themeId, questionId: q.id },
      values,
      userId,
      t.clock.now(),
      { shown: { [q.id]: shownRecord(shownAs) } },
    );

  it('refuses a condition on an answer another admin removed after the form was shown', async () => {
    const themeId = await addTheme('conditions', 'Conditions');
    const first = await addQuestion(
      themeId,
      question({ key: 'first', scale: 'choose_one', options: ['a', 'b', 'c'].map(option) }),
    );
    // Another admin removes the answer 'b' while this form still offers it.
    const removed = await saveQuestion(themeId, first, { ...first, options: ['a', 'c'].map(option) }, first);
    assert.ok('saved' in removed);

    const refused = await saveDraftQuestion(
      t.database.db,
      pid,
      { versionId, themeId, questionId: undefined },
      question({ key: 'second', showWhen: { questionId: first.id, answers: ['b'] } }),
      userId,
      t.clock.now(),
    );
    assert.ok('errors' in refused, 'the condition is checked against the draft as it is now');
    assert.equal(
      refused.errors.byField[`showWhenAnswers-${first.id}`],
      'Select the answers to question 1 that show this question',
    );
    const theme = (await load()).themes.find((x) => x.id === themeId)!;
    assert.deepEqual(
      theme.questions.map((q) => q.key),
      ['first'],
      'nothing was added',
    );
  });

  it('refuses a condition on a question moved after this one meanwhile', async () => {
    const themeId = await addTheme('moved', 'Moved');
    const one = await addQuestion(themeId, question({ key: 'one' }));
    const two = await addQuestion(themeId, question({ key: 'two' }));
    // `two` comes after `one` (as if moved there after the form was shown): `one` cannot depend on it.
    const refused = await saveQuestion(
      themeId,
      one,
      { ...one, showWhen: { questionId: two.id, answers: ['yes'] } },
      one,
    );
    assert.ok('errors' in refused);
    assert.ok(refused.errors.byField.showWhen);
    const stored = (await load()).themes.find((x) => x.id === themeId)!.questions[0]!;
    assert.equal(stored.showWhen, null);
  });

  it('refuses a merge that joins one admin’s scale to another’s option count', async () => {
    const themeId = await addTheme('scales', 'Scales');
    const shown = await addQuestion(
      themeId,
      question({ key: 'levels', scale: 'choose_one', options: ['a', 'b', 'c', 'd'].map(option) }),
    );
    // One admin removes an option (still a valid list to choose one from) ...
    assert.ok(
      'saved' in
        (await saveQuestion(themeId, shown, { ...shown, options: ['a', 'b', 'c'].map(option) }, shown)),
    );
    // ... while another, from the form showing four, makes it four named levels and changes nothing else.
    const merged = await saveQuestion(themeId, shown, { ...shown, scale: 'four_level' }, shown);
    assert.ok('errors' in merged, 'four named levels with three options is refused');
    assert.equal(merged.errors.byField.options, 'Enter exactly 4 options');
    const stored = (await load()).themes.find((x) => x.id === themeId)!.questions[0]!;
    assert.equal(stored.scale, 'choose_one');
    assert.equal(stored.options.length, 3);
  });

  it('records in the history the key as stored when it was made again under the lock', async () => {
    const themeId = await addTheme('history', 'History');
    const q = await addQuestion(themeId, question({ key: 'old-key', text: 'Old text' }));
    // The form made the key 'named-lead' from the new text; another admin took it meanwhile.
    await addQuestion(themeId, question({ key: 'named-lead', text: 'Named lead' }));
    const out = await saveDraftQuestion(
      t.database.db,
      pid,
      { versionId, themeId, questionId: q.id },
      { ...q, key: 'named-lead', text: 'Named lead' },
      userId,
      t.clock.now(),
      { shown: { [q.id]: shownRecord(q) }, keyMade: true },
    );
    assert.ok('saved' in out);
    const stored = (await load()).themes.find((x) => x.id === themeId)!.questions.find((x) => x.id === q.id)!;
    assert.equal(stored.key, 'named-lead-2');
    const recorded = await t.database.db
      .select({ newValue: templateDraftHistory.newValue })
      .from(templateDraftHistory)
      .where(
        and(
          eq(templateDraftHistory.templateVersionId, versionId),
          eq(templateDraftHistory.fieldKey, fieldKey(q.id, 'key')),
        ),
      );
    assert.deepEqual(
      recorded.map((r) => r.newValue),
      ['named-lead-2'],
    );
  });

  it('records a theme’s key as stored when it was made again under the lock', async () => {
    const themeId = await addTheme('first-key', 'First');
    await addTheme('safer-recruitment', 'Safer recruitment');
    const theme = (await load()).themes.find((x) => x.id === themeId)!;
    const out = await saveDraftTheme(
      t.database.db,
      pid,
      versionId,
      themeId,
      { ...theme, key: 'safer-recruitment', title: 'Safer recruitment' },
      userId,
      t.clock.now(),
      { shown: { [themeId]: shownRecord(themeRecord(theme)) }, keyMade: true },
    );
    assert.ok('saved' in out);
    const recorded = await t.database.db
      .select({ newValue: templateDraftHistory.newValue })
      .from(templateDraftHistory)
      .where(
        and(
          eq(templateDraftHistory.templateVersionId, versionId),
          eq(templateDraftHistory.fieldKey, fieldKey(themeId, 'key')),
        ),
      );
    assert.deepEqual(
      recorded.map((r) => r.newValue),
      ['safer-recruitment-2'],
    );
  });
});
