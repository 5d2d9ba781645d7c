/**
 * The staff survey's settings form (issue 16 and issue 10): refused input is shown again with what
 * was typed, and two admins with the form open never write over each other's save.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { cycles, surveyStatements, surveys } from '../../src/db/schema.ts';
import { listRecordHistory } from '../../src/domain/record-history.repository.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import { surveyRecordRef } from '../../src/features/survey/survey-settings.service.ts';
import { decoded } from '../helpers/form-fields.ts';
import {
  ADMIN_NAME,
  formFields,
  hiddenFields,
  itKeepsBothSaves,
  startWithTwoAdmins,
} from '../helpers/record-conflicts.ts';
import type { TestApp, TestClient } from '../helpers/test-app.ts';

let t: TestApp;
let first: TestClient;
let second: TestClient;
let themeIds: string[];
let n = 0;

const url = () => `/cycles/${t.ids.cycleId}/survey/settings`;

before(async () => {
  ({ t, first, second } = await startWithTwoAdmins());
  const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
  const structure = await loadReturnStructure(t.database.db, t.ids.partnershipId, cycle!.templateVersionId);
  themeIds = structure.themes.map((theme) => theme.id);
});
after(async () => t?.close());

/** The settings stored, by form field name. */
async function stored(): Promise<Record<string, string>> {
  const where = (table: typeof surveys | typeof surveyStatements) =>
    and(eq(table.partnershipId, t.ids.partnershipId), eq(table.cycleId, t.ids.cycleId));
  const [survey] = await t.database.db.select().from(surveys).where(where(surveys));
  const statements = await t.database.db
    .select()
    .from(surveyStatements)
    .where(where(surveyStatements))
    .orderBy(surveyStatements.position);
  return {
    enabled: survey ? (survey.enabled ? 'yes' : 'no') : '',
    closesOn: survey?.closesOn ?? '',
    ...Object.fromEntries(
      themeIds.map((id) => [
        `statements-${id}`,
        statements
          .filter((s) => s.themeId === id)
          .map((s) => s.text)
          .join('\n'),
      ]),
    ),
  };
}

const historyOf = async (field: string) =>
  (await listRecordHistory(t.database.db, surveyRecordRef(t.ids.partnershipId, t.ids.cycleId)))
    .filter((h) => h.field === field)
    .map((h) => h.newValue ?? '');

describe('the survey settings form', () => {
  it('refuses bad input with a 422 and the error summary, keeping everything typed and saving nothing', async () => {
    const form = formFields((await first.get(url())).body, url());
    assert.ok(form._shown, 'the form carries what it showed');
    const typed = `A statement kept as typed ${++n}`;
    const refused = await first.post(url(), {
      ...form,
      enabled: 'yes',
      'closesOn-day': '30',
      'closesOn-month': '2',
      'closesOn-year': '2027',
      [`statements-${themeIds[0]}`]: typed,
      [`statements-${themeIds[1]}`]: Array.from({ length: 7 }, (_, i) => `Line ${i}`).join('\n'),
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /href="#closesOn-day"[^>]*>The closing date must be a real date/);
    assert.match(refused.body, /write 6 statements or fewer, one a line/);
    const again = formFields(refused.body, url());
    assert.equal(again.enabled, 'yes');
    assert.equal(again['closesOn-day'], '30');
    assert.equal(again[`statements-${themeIds[0]}`], typed);
    assert.equal(again._shown, form._shown, 'the refused form still carries what it first showed');
    assert.equal((await stored()).enabled, '', 'nothing saved');
  });

  itKeepsBothSaves({
    t: () => t,
    people: () => ({ first, second }),
    url,
    // Two themes' statements (their ids are known once the app has started).
    get field() {
      return `statements-${themeIds?.[0]}`;
    },
    get other() {
      return `statements-${themeIds?.[1]}`;
    },
    extra: { enabled: 'yes' },
    value: (_field, who) => `Statement written by the ${who} admin (${++n}).`,
    stored,
    historyOf,
  });

  it('names who changed the closing date and when, in words, and saves nothing until they choose', async () => {
    const formA = formFields((await first.get(url())).body, url());
    const formB = formFields((await second.get(url())).body, url());
    t.clock.advance(60_000);
    const date = (day: string) => ({ 'closesOn-day': day, 'closesOn-month': '3', 'closesOn-year': '2099' });
    assert.equal((await first.post(url(), { ...formA, enabled: 'yes', ...date('20') })).status, 303);
    t.clock.advance(60_000);
    const clash = await second.post(url(), { ...formB, enabled: 'yes', ...date('27') });
    assert.equal(clash.status, 409);
    const page = decoded(clash.body);
    assert.match(page, /Closing date/);
    assert.match(page, new RegExp(`Changed by ${ADMIN_NAME} at`));
    assert.ok(page.includes('20 March 2099') && page.includes('27 March 2099'), 'both dates in words');
    assert.equal((await stored()).closesOn, '2099-03-20', 'nothing saved yet');
    assert.equal(hiddenFields(clash.body)['closesOn-day'], '27', 'what was typed rides in the page');
  });
});
