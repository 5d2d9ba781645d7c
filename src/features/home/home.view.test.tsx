import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from '../../views/render.ts';
import type { HomeCycle } from './home.repository.ts';
import { HomePage } from './home.view.tsx';

const cycle = (total: number, shown: number): HomeCycle => ({
  id: '6f1c1c52-6a43-4c55-9d0e-6a0a4a1d7c11',
  name: 'Section 11 audit 2027',
  closesAt: new Date('2027-03-31T16:00:00Z'),
  partnershipName: 'Northshire',
  runs: true,
  total,
  submitted: 1,
  returns: Array.from({ length: shown }, (_, i) => ({
    cycle_id: '6f1c1c52-6a43-4c55-9d0e-6a0a4a1d7c11',
    cycle_name: 'Section 11 audit 2027',
    closes_at: new Date('2027-03-31T16:00:00Z'),
    partnership_name: 'Northshire',
    runs: true,
    return_id: `r${i}`,
    agency_name: `Agency ${i}`,
    status: 'in_progress' as const,
    reference: i === 0 ? 'S11-1' : null,
  })),
});

const page = (c: HomeCycle) =>
  toHtml(
    HomePage({
      chrome: {},
      csrfToken: 'token',
      user: {
        id: 'u1',
        email: 'admin@example.org',
        name: 'Alex Admin',
        isPlatformAdmin: false,
        agencies: [],
        partnerships: [{ partnershipId: 'p1', partnershipName: 'Northshire', role: 'partnership_admin' }],
      },
      invitations: [],
      cycles: [c],
      done: undefined,
    }),
  );

describe('the home page', () => {
  it('counts every return of a large audit and sends the reader to its page for the rest', () => {
    const html = page(cycle(1000, 2));
    assert.match(html, /1 of 1,000 returns submitted/);
    assert.equal(html.match(/href="\/returns\/r\d"/g)?.length, 2);
    assert.match(html, /The first 2 of 1,000 agencies by name\./);
    assert.match(
      html,
      /<a class="govuk-link" href="\/cycles\/6f1c1c52-6a43-4c55-9d0e-6a0a4a1d7c11">\s*See every return/,
    );
  });

  it('says nothing more of an audit whose returns are all listed', () => {
    assert.doesNotMatch(page(cycle(2, 2)), /See every return|agencies by name/);
  });
});
