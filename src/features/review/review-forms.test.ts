import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseAgreedAction,
  parseEvent,
  parseEvidenceRequest,
  parseGrade,
  parseOutcome,
} from './review-forms.ts';

const THEMES = ['t1', 't2'];
const TODAY = '2026-11-23';

describe('review forms', () => {
  it('reports every problem of an outcome at once, and needs reasons and themes only to return it', () => {
    const bad = parseOutcome({ decision: 'returned', reasons: ' ', themeIds: ['t9'] }, THEMES);
    assert.deepEqual(
      bad.errors?.list.map((e) => e.text),
      ['Enter the reasons the return needs changes', 'Select the themes the agency must change'],
    );
    assert.equal(
      parseOutcome({}, THEMES).errors?.list[0]?.text,
      'Select whether to accept the return or return it for changes',
    );
    assert.deepEqual(parseOutcome({ decision: 'accepted', themeIds: ['t1'] }, THEMES).values, {
      decision: 'accepted',
      reasons: '',
      themeIds: [],
    });
    assert.deepEqual(
      parseOutcome({ decision: 'returned', reasons: 'Fix it', themeIds: 't2' }, THEMES).values,
      {
        decision: 'returned',
        reasons: 'Fix it',
        themeIds: ['t2'],
      },
    );
  });

  it('takes a moderated grade of Red, Amber or Green with a reason, keeping what was typed', () => {
    const bad = parseGrade({ rating: 'blue', reason: 'Kept text' });
    assert.equal(bad.errors?.byField.rating, 'Select the moderated grade: Red, Amber or Green');
    assert.equal(bad.state.reason, 'Kept text');
    assert.deepEqual(parseGrade({ rating: 'amber', reason: ' Gaps ' }).values, {
      rating: 'amber',
      reason: 'Gaps',
    });
  });

  it('needs an evidence request’s date to be real and not past, and its theme to be the return’s', () => {
    const past = parseEvidenceRequest(
      { themeId: 'x', description: 'Log', 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '2026' },
      THEMES,
      TODAY,
    );
    assert.deepEqual(
      past.errors?.list.map((e) => [e.href, e.text]),
      [
        ['#themeId', 'Select a theme, or the return as a whole'],
        ['#dueDate-day', 'The date it is needed by must be today or in the future'],
      ],
    );
    const ok = parseEvidenceRequest(
      { themeId: '', description: 'Log', 'dueDate-day': '23', 'dueDate-month': '11', 'dueDate-year': '2026' },
      THEMES,
      TODAY,
    );
    assert.deepEqual(ok.values, { themeId: null, description: 'Log', dueDate: '2026-11-23' });
  });

  it('schedules an event only with agencies offered, at a real time', () => {
    const bad = parseEvent(
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
      TODAY,
    );
    assert.deepEqual(Object.keys(bad.errors?.byField ?? {}).sort(), ['date', 'returnIds', 'time']);
    const ok = parseEvent(
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
      TODAY,
    );
    assert.equal(ok.values?.time, '14:00');
    assert.deepEqual(ok.values?.returnIds, ['r1']);
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
    assert.equal(
      parseAgreedAction(fields, themes, TODAY).errors?.byField.themeId,
      'Select the theme the action is about',
    );
    assert.equal(
      parseAgreedAction({ ...fields, returnId: 'r2' }, themes, TODAY).errors?.byField.returnId,
      'Select the agency whose action plan it joins',
    );
    assert.equal(
      parseAgreedAction({ ...fields, themeId: 't1' }, themes, TODAY).values?.targetDate,
      '2027-02-01',
    );
  });
});
