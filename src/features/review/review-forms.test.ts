import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../web/form-route.ts';
import { challengeSchema, challengeState } from './challenges/challenge.form.ts';
import { messageSchema, messageState } from './challenges/message.form.ts';
import { agreedActionFieldId, agreedActionSchema, agreedActionState } from './events/agreed-action.form.ts';
import { eventFieldId, eventSchema, eventState } from './events/event.form.ts';
import { evidenceAnswerSchema, evidenceAnswerState } from './evidence/evidence-answer.form.ts';
import {
  evidenceRequestFieldId,
  evidenceRequestSchema,
  evidenceRequestState,
} from './evidence/evidence-request.form.ts';
import { gradeSchema, gradeState } from './grades/grade.form.ts';
import { outcomeSchema, outcomeState } from './outcome/outcome.form.ts';

const THEMES = ['t1', 't2'];
const TODAY = '2026-11-23';

const outcome = (body: Record<string, unknown>) => validate(outcomeSchema(THEMES), outcomeState(body));
const evidenceRequest = (body: Record<string, unknown>) =>
  validate(evidenceRequestSchema(THEMES, TODAY), evidenceRequestState(body), evidenceRequestFieldId);
const event = (body: Record<string, unknown>, returnIds: string[]) =>
  validate(eventSchema(returnIds, TODAY), eventState(body), eventFieldId);
const agreedAction = (body: Record<string, unknown>, themes: ReadonlyMap<string, string[]>) => {
  const state = agreedActionState(body);
  return validate(agreedActionSchema(themes, state.returnId, TODAY), state, agreedActionFieldId);
};
const errorsOf = <V>(
  v: { ok: true; values: V } | { ok: false; errors: { list: { text: string; href: string }[] } },
) => (v.ok ? [] : v.errors.list.map((e) => [e.href, e.text]));
const valuesOf = <V>(v: { ok: true; values: V } | { ok: false }) => (v.ok ? v.values : undefined);

describe('review forms', () => {
  it('reports every problem of an outcome at once, and needs reasons and themes only to return it', () => {
    assert.deepEqual(errorsOf(outcome({ decision: 'returned', reasons: ' ', themeIds: ['t9'] })), [
      ['#reasons', 'Enter the reasons the return needs changes'],
      ['#themeIds', 'Select the themes the agency must change'],
    ]);
    assert.deepEqual(errorsOf(outcome({})), [
      ['#decision', 'Select whether to accept the return or return it for changes'],
    ]);
    assert.deepEqual(
      errorsOf(outcome({ decision: 'returned', reasons: 'x'.repeat(5001), themeIds: ['t1'] })),
      [['#reasons', 'The reasons must be 5,000 characters or fewer']],
    );
    assert.deepEqual(valuesOf(outcome({ decision: 'accepted', themeIds: ['t1'] })), {
      decision: 'accepted',
      reasons: '',
      themeIds: [],
    });
    assert.deepEqual(valuesOf(outcome({ decision: 'returned', reasons: 'Fix it', themeIds: 't2' })), {
      decision: 'returned',
      reasons: 'Fix it',
      themeIds: ['t2'],
    });
  });

  it('takes a moderated grade of Red, Amber or Green with a reason, keeping what was typed', () => {
    const state = gradeState({ rating: 'blue', reason: 'Kept text' });
    assert.deepEqual(errorsOf(validate(gradeSchema, state)), [
      ['#rating', 'Select the moderated grade: Red, Amber or Green'],
    ]);
    assert.equal(state.reason, 'Kept text');
    assert.deepEqual(valuesOf(validate(gradeSchema, gradeState({ rating: 'amber', reason: ' Gaps ' }))), {
      rating: 'amber',
      reason: 'Gaps',
    });
  });

  it('raises a challenge on a theme of the return or the whole return, and words a message by side', () => {
    const schema = challengeSchema(THEMES);
    assert.deepEqual(errorsOf(validate(schema, challengeState({ themeId: 't9', body: 'x'.repeat(5001) }))), [
      ['#themeId', 'Select a theme, or the return as a whole'],
      ['#body', 'Your challenge must be 5,000 characters or fewer'],
    ]);
    assert.deepEqual(valuesOf(validate(schema, challengeState({ themeId: '', body: ' Why? ' }))), {
      themeId: null,
      body: 'Why?',
    });
    assert.deepEqual(errorsOf(validate(messageSchema('agency'), messageState({}))), [
      ['#message', 'Enter your answer'],
    ]);
    assert.deepEqual(errorsOf(validate(messageSchema('partnership'), messageState({ message: ' ' }))), [
      ['#message', 'Enter your follow-up question or comment'],
    ]);
  });

  it('needs an evidence request’s date to be real and not past, and its theme to be the return’s', () => {
    assert.deepEqual(
      errorsOf(
        evidenceRequest({
          themeId: 'x',
          description: 'Log',
          'dueDate-day': '1',
          'dueDate-month': '1',
          'dueDate-year': '2026',
        }),
      ),
      [
        ['#themeId', 'Select a theme, or the return as a whole'],
        ['#dueDate-day', 'The date it is needed by must be today or in the future'],
      ],
    );
    const ok = evidenceRequest({
      themeId: '',
      description: 'Log',
      'dueDate-day': '23',
      'dueDate-month': '11',
      'dueDate-year': '2026',
    });
    assert.deepEqual(valuesOf(ok), { themeId: null, description: 'Log', dueDate: '2026-11-23' });
  });

  it('answers an evidence request with a reference, a file or both, and refuses a fake file on its own', () => {
    assert.deepEqual(errorsOf(validate(evidenceAnswerSchema, evidenceAnswerState({ reference: ' ' }))), [
      ['#reference', 'Enter where the evidence is kept, or choose a file to upload'],
    ]);
    const fake = {
      fileName: 'report.pdf',
      data: Buffer.from('not a pdf'),
      truncated: false,
      contentType: '',
    };
    const refused = validate(evidenceAnswerSchema, evidenceAnswerState({ file: fake, reference: '' }));
    assert.deepEqual(
      errorsOf(refused).map(([href]) => href),
      ['#file'],
    );
    assert.deepEqual(
      errorsOf(validate(evidenceAnswerSchema, evidenceAnswerState({ reference: 'x'.repeat(1001) }))),
      [['#reference', 'Where the evidence is kept must be 1,000 characters or fewer']],
    );
    assert.deepEqual(
      valuesOf(validate(evidenceAnswerSchema, evidenceAnswerState({ reference: ' Drive ' }))),
      {
        file: null,
        reference: 'Drive',
      },
    );
  });

  it('schedules an event only with agencies offered, at a real time, in the order of the form', () => {
    const bad = event(
      {
        title: 'Panel',
        returnIds: ['r1', 'r9'],
        'date-day': '31',
        'date-month': '11',
        'date-year': '2026',
        time: '25:00',
        location: 'Hall',
        chair: 'Chair',
      },
      ['r1'],
    );
    assert.deepEqual(
      errorsOf(bad).map(([href]) => href),
      ['#returnIds', '#date-day', '#time'],
    );
    const ok = event(
      {
        title: 'Panel',
        returnIds: 'r1',
        'date-day': '1',
        'date-month': '12',
        'date-year': '2026',
        time: '2pm',
        location: 'Hall',
        chair: 'Chair',
        attendees: '',
      },
      ['r1'],
    );
    assert.equal(valuesOf(ok)?.time, '14:00');
    assert.deepEqual(valuesOf(ok)?.returnIds, ['r1']);
  });

  it('puts an agreed action only on a theme that applies to the chosen agency', () => {
    const themes = new Map([['r1', ['t1']]]);
    const fields = {
      returnId: 'r1',
      themeId: 't2',
      description: 'Do it',
      leadPerson: 'Lead',
      'targetDate-day': '1',
      'targetDate-month': '2',
      'targetDate-year': '2027',
    };
    assert.deepEqual(errorsOf(agreedAction(fields, themes)), [
      ['#themeId', 'Select the theme the action is about'],
    ]);
    assert.deepEqual(errorsOf(agreedAction({ ...fields, returnId: 'r2' }, themes)), [
      ['#returnId', 'Select the agency whose action plan it joins'],
    ]);
    assert.equal(valuesOf(agreedAction({ ...fields, themeId: 't1' }, themes))?.targetDate, '2027-02-01');
  });
});
