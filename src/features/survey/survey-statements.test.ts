import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../web/form-route.ts';
import { section11Template } from '../templates/builtin/section-11.ts';
import {
  DEFAULT_STATEMENTS,
  type SurveySettingsState,
  statementLines,
  surveySettingsFieldId,
  surveySettingsSchema,
  surveySettingsState,
} from './survey-statements.ts';

const themes = [
  { id: 't1', title: 'Training' },
  { id: 't2', title: 'Supervision' },
];
const noDate = { 'closesOn-day': '', 'closesOn-month': '', 'closesOn-year': '' };
const parseSurveySettings = (state: SurveySettingsState, list: typeof themes, opensOn: string) =>
  validate(surveySettingsSchema(list, opensOn), state, surveySettingsFieldId);

describe('the survey settings form', () => {
  it('offers default statements for every theme of the built-in template', () => {
    for (const theme of section11Template.themes) {
      const defaults = DEFAULT_STATEMENTS[theme.key];
      assert.ok(defaults && defaults.length >= 3, `defaults for ${theme.key}`);
    }
  });

  it('reads statements one a line, dropping blank lines and extra spaces', () => {
    assert.deepEqual(statementLines('  One   two \r\n\r\nThree\n  '), ['One two', 'Three']);
  });

  it('accepts the survey switched on with statements and a closing date', () => {
    const parsed = parseSurveySettings(
      surveySettingsState(
        {
          enabled: 'yes',
          'closesOn-day': '5',
          'closesOn-month': '1',
          'closesOn-year': '2027',
          'statements-t1': 'My training is up to date.\nIt helps me.',
          'statements-t2': '',
        },
        ['t1', 't2'],
      ),
      themes,
      '2026-11-09',
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.values, {
      enabled: true,
      closesOn: '2027-01-05',
      statements: { t1: ['My training is up to date.', 'It helps me.'], t2: [] },
    });
  });

  it('names every problem: no choice, a closing date before the audit opens, too many or too long statements', () => {
    const parsed = parseSurveySettings(
      surveySettingsState(
        {
          'closesOn-day': '1',
          'closesOn-month': '11',
          'closesOn-year': '2026',
          'statements-t1': Array.from({ length: 7 }, (_, i) => `Statement ${i}`).join('\n'),
          'statements-t2': 'x'.repeat(301),
        },
        ['t1', 't2'],
      ),
      themes,
      '2026-11-09',
    );
    assert.ok(!parsed.ok);
    assert.deepEqual(Object.keys(parsed.errors.byField), [
      'enabled',
      'closesOn',
      'statements-t1',
      'statements-t2',
    ]);
    assert.match(parsed.errors.byField['statements-t1']!, /Training: write 6 statements or fewer/);
    assert.match(parsed.errors.byField['statements-t2']!, /Supervision: statement 1 must be 300 characters/);
    assert.equal(parsed.errors.list[1]!.href, '#closesOn-day', 'the date error goes to its first box');
  });

  it('refuses a survey switched on with nothing to ask', () => {
    const parsed = parseSurveySettings(
      surveySettingsState({ enabled: 'yes', ...noDate }, ['t1', 't2']),
      themes,
      '2026-11-09',
    );
    assert.ok(!parsed.ok);
    assert.match(parsed.errors.list[0]!.text, /Write at least one statement/);
  });
});
