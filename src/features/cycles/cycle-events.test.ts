import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY_MS, dueNotice, type NoticeSubject, noticeLabel } from './cycle-events.ts';

const closes = new Date('2027-03-01T17:00:00Z');
const at = (days: number) => new Date(closes.getTime() + days * DAY_MS);
const subject = (over: Partial<NoticeSubject> = {}): NoticeSubject => ({
  opensAt: at(-30),
  deadline: closes,
  returnStatus: 'not_started',
  daysBefore: [14, 3],
  daysAfter: [1],
  sent: new Set(['invitation']),
  ...over,
});

describe('the notice due to a return', () => {
  it('invites once the cycle opens, before any reminder, and never after the deadline', () => {
    const fresh = subject({ sent: new Set() });
    assert.equal(dueNotice(fresh, at(-31)), null);
    assert.equal(dueNotice(fresh, at(-30)), 'invitation');
    assert.equal(dueNotice(fresh, at(-2)), 'invitation', 'the invitation first, even when a reminder is due');
    assert.equal(dueNotice(fresh, at(0)), null);
    assert.equal(dueNotice(subject({ sent: new Set(), returnStatus: 'submitted' }), at(-10)), null);
  });

  it('sends the nearest reminder whose time has come, and skips one that fell before opening', () => {
    assert.equal(dueNotice(subject(), at(-15)), null);
    assert.equal(dueNotice(subject(), at(-14)), 'reminder-before-14');
    assert.equal(
      dueNotice(subject(), at(-2)),
      'reminder-before-3',
      'a missed 14-day reminder is not sent late',
    );
    assert.equal(dueNotice(subject({ sent: new Set(['invitation', 'reminder-before-3']) }), at(-2)), null);
    assert.equal(
      dueNotice(subject({ opensAt: at(-10) }), at(-9)),
      null,
      'the 14-day time was before opening',
    );
  });

  it('sends the latest overdue reminder after the return’s own deadline, only while it is not submitted', () => {
    assert.equal(dueNotice(subject(), at(0.5)), null);
    assert.equal(dueNotice(subject(), at(1)), 'reminder-after-1');
    assert.equal(dueNotice(subject({ daysAfter: [1, 7] }), at(8)), 'reminder-after-7');
    assert.equal(dueNotice(subject({ deadline: at(10) }), at(1)), 'reminder-before-14');
    assert.equal(dueNotice(subject({ returnStatus: 'resubmitted' }), at(1)), null);
    assert.equal(dueNotice(subject({ returnStatus: 'in_progress' }), at(1)), 'reminder-after-1');
  });

  it('names each notice for the return’s history', () => {
    assert.equal(noticeLabel('reminder-before-3'), 'Automatic reminder, 3 days before the deadline');
    assert.equal(noticeLabel('reminder-after-1'), 'Automatic reminder, 1 day after the deadline');
  });
});
