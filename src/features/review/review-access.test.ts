import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editRefusal } from '../returns/return-access.ts';
import { answersForAgency, seesReviewItem } from './review-access.ts';

const open = { opensAt: new Date('2026-11-01T00:00:00Z'), closesAt: new Date('2026-12-01T00:00:00Z') };
const now = new Date('2026-11-23T10:00:00Z');

describe('who sees and answers review items', () => {
  it('shows the partnership and the agency lead everything, a contributor only its own themes', () => {
    const contributor = { access: 'contributor' as const, assignedThemeIds: ['t1'] };
    assert.equal(seesReviewItem(contributor, 't1'), true);
    assert.equal(seesReviewItem(contributor, 't2'), false);
    assert.equal(seesReviewItem(contributor, null), false, 'not the return as a whole');
    assert.equal(seesReviewItem({ access: 'agency_lead', assignedThemeIds: [] }, null), true);
    assert.equal(seesReviewItem({ access: 'reviewer', assignedThemeIds: [] }, 't2'), true);
    assert.equal(answersForAgency({ access: 'reviewer', assignedThemeIds: [] }, 't2'), false);
    assert.equal(answersForAgency(contributor, 't1'), true);
  });
});

describe('editing a returned return', () => {
  const returned = {
    ...open,
    access: 'agency_lead' as const,
    status: 'returned' as const,
    reopenedThemeIds: ['t1'],
  };
  it('opens only the reopened themes, whatever the deadline', () => {
    assert.equal(editRefusal(returned, now, 't1'), null);
    assert.equal(editRefusal(returned, now, 't2'), 'theme-locked');
    assert.equal(editRefusal(returned, now), null, 'it can be checked and resubmitted');
    assert.equal(editRefusal(returned, new Date('2027-01-10T00:00:00Z'), 't1'), null);
  });
  it('keeps submitted and resubmitted returns locked, and the partnership out', () => {
    assert.equal(editRefusal({ ...returned, status: 'resubmitted' }, now, 't1'), 'submitted');
    assert.equal(editRefusal({ ...returned, status: 'in_progress' }, now, 't2'), null);
    assert.equal(editRefusal({ ...returned, access: 'reviewer' }, now, 't1'), 'not-agency');
  });
});
