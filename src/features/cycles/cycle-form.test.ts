import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime } from '../../lib/dates.ts';
import { validate } from '../../web/form-route.ts';
import {
  type CycleChoices,
  type CycleDetailsState,
  cycleDetailsSchema,
  cycleFieldId,
  cycleFormSchema,
  cycleFormState,
} from './cycle-form.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const allowed = {
  templateVersionIds: new Set(['v1', 'v2']),
  localityIds: new Set(['north']),
  questionIdsByVersion: new Map([
    ['v1', new Set(['q1', 'q2'])],
    ['v2', new Set(['q3'])],
  ]),
};
/** The form's schema over a state: its values, or its errors. */
const parseCycleForm = (state: ReturnType<typeof cycleFormState>, choices: CycleChoices, now: Date) => {
  const checked = validate(cycleFormSchema(choices, now), state, cycleFieldId);
  return checked.ok ? { values: checked.values } : { errors: checked.errors };
};
const parseCycleDetails = (state: CycleDetailsState, questionIds: ReadonlySet<string>) => {
  const checked = validate(cycleDetailsSchema(questionIds), state);
  return checked.ok ? { values: checked.values } : { errors: checked.errors };
};
const body = (overrides: Record<string, unknown> = {}) => ({
  name: ' Section 11 audit 2027 ',
  kind: 'rolling_academic_year',
  templateVersionId: 'v1',
  'opens-day': '1',
  'opens-month': '9',
  'opens-year': '2027',
  opensTime: '9am',
  'closes-day': '17',
  'closes-month': '12',
  'closes-year': '2027',
  closesTime: '5pm',
  localities: 'north',
  invite: 'all',
  introduction: 'Hello\r\nagencies',
  focusQuestionIds: ['q2', 'q2'],
  carryForward: 'yes',
  ...overrides,
});

describe('the new-audit form', () => {
  it('reads the kind, focus questions and carry-forward choice', () => {
    const parsed = parseCycleForm(cycleFormState(body()), allowed, NOW);
    assert.ok(parsed.values, JSON.stringify(parsed.errors));
    assert.equal(parsed.values.name, 'Section 11 audit 2027');
    assert.equal(parsed.values.kind, 'rolling_academic_year');
    assert.deepEqual(parsed.values.focusQuestionIds, ['q2']);
    assert.equal(parsed.values.carryForward, true);
    assert.equal(parsed.values.introduction, 'Hello\nagencies');
    const no = parseCycleForm(
      cycleFormState(body({ carryForward: 'no', focusQuestionIds: undefined })),
      allowed,
      NOW,
    );
    assert.equal(no.values?.carryForward, false);
    assert.deepEqual(no.values?.focusQuestionIds, []);
  });

  it('reads the partnerships to run the audit jointly with, refusing any not offered', () => {
    const partners = { ...allowed, jointPartnershipIds: new Set(['westvale', 'eastfen']) };
    assert.deepEqual(parseCycleForm(cycleFormState(body()), partners, NOW).values?.jointPartnershipIds, []);
    const joint = parseCycleForm(
      cycleFormState(body({ jointPartnershipIds: ['westvale', 'westvale'] })),
      partners,
      NOW,
    );
    assert.deepEqual(joint.values?.jointPartnershipIds, ['westvale']);
    const foreign = parseCycleForm(cycleFormState(body({ jointPartnershipIds: 'elsewhere' })), partners, NOW);
    assert.deepEqual(Object.keys(foreign.errors?.byField ?? {}), ['jointPartnershipIds']);
    const none = parseCycleForm(cycleFormState(body({ jointPartnershipIds: 'westvale' })), allowed, NOW);
    assert.ok(none.errors?.byField.jointPartnershipIds, 'no partnership is offered without choices');
  });

  it('reports every problem at once', () => {
    const parsed = parseCycleForm(
      cycleFormState(body({ kind: 'monthly', focusQuestionIds: ['q3'], carryForward: '' })),
      allowed,
      NOW,
    );
    assert.deepEqual(Object.keys(parsed.errors?.byField ?? {}).sort(), [
      'carryForward',
      'focusQuestionIds',
      'kind',
    ]);
  });

  it('checks the dates against now and each other, linking each error to the first box', () => {
    const past = parseCycleForm(
      cycleFormState(body({ 'closes-year': '2025', opensTime: 'noonish' })),
      allowed,
      NOW,
    );
    assert.equal(past.errors?.byField.closes, `The closing date must be after ${formatDateTime(NOW)}`);
    assert.equal(past.errors?.byField.opensTime, 'Enter a time, like 9am, 5pm or 17:00');
    assert.ok(past.errors?.list.some((e) => e.href === '#closes-day'));
    const before = parseCycleForm(cycleFormState(body({ 'closes-month': '8' })), allowed, NOW);
    assert.deepEqual(before.errors?.byField, { closes: 'The closing date must be after the opening date' });
    const missing = parseCycleForm(
      cycleFormState(body({ 'opens-day': '', 'opens-month': '', 'opens-year': '', invite: 'sectors' })),
      allowed,
      NOW,
    );
    assert.deepEqual(Object.keys(missing.errors?.byField ?? {}).sort(), ['opens', 'sectors']);
    assert.deepEqual(
      parseCycleForm(
        cycleFormState(body({ invite: 'sectors', sectors: ['police', 'nonsense'] })),
        allowed,
        NOW,
      ).values?.sectors,
      ['police'],
    );
    assert.equal(parseCycleForm(cycleFormState(body()), allowed, NOW).values?.sectors, null);
  });
});

describe('changing an audit’s details', () => {
  it('checks the name, kind, introduction length and focus questions', () => {
    const bad = parseCycleDetails(
      { name: '', kind: '', introduction: 'x'.repeat(5001), focusQuestionIds: ['q9'] },
      new Set(['q1']),
    );
    assert.deepEqual(Object.keys(bad.errors?.byField ?? {}).sort(), [
      'focusQuestionIds',
      'introduction',
      'kind',
      'name',
    ]);
    const ok = parseCycleDetails(
      { name: 'New name', kind: 'biennial', introduction: '', focusQuestionIds: ['q1'] },
      new Set(['q1']),
    );
    assert.deepEqual(ok.values, {
      name: 'New name',
      kind: 'biennial',
      introduction: '',
      focusQuestionIds: ['q1'],
    });
  });
});
