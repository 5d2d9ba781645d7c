/**
 * The comparison by agency and the overdue actions a page at a time: the page asked for, the whole
 * count said, and links that keep the filters and the other tables' pages and come back to the table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from '../../views/render.ts';
import type { Comparison, OverdueAction } from './results.ts';
import { PagedComparison, PagedOverdueActions, tablePageHref } from './results-paged.view.tsx';
import type { ResultsQuery } from './results-query.ts';

const comparison = (agencies: number): Comparison => ({
  cycleId: 'c',
  cycleName: 'Audit 2025',
  themes: [
    {
      themeKey: 'k',
      themeNumber: 1,
      themeTitle: 'Leadership',
      previous: 2,
      current: 2.5,
      trend: 'better',
      better: 1,
      same: 0,
      worse: 0,
    },
  ],
  agencies: Array.from({ length: agencies }, (_, i) => ({
    agencyId: `a${i}`,
    agencyName: `Agency ${String(i + 1).padStart(3, '0')}`,
    compared: 1,
    better: 1,
    same: 0,
    worse: 0,
    trend: 'better' as const,
  })),
});

const query: ResultsQuery = { sector: 'police', grades: 'difference' };
const base = '/cycles/c/results';
const agencyRows = (html: string) => [...html.matchAll(/>(Agency \d{3})<\/th>/g)].map((m) => m[1]);

describe('the comparison by agency, a page at a time', () => {
  it('shows the page asked for, saying how many there are in all', () => {
    const pages = { heatmap: 2, participation: 1, actions: 1, comparison: 3 };
    const html = toHtml(PagedComparison({ base, query, pages, comparison: comparison(120) }));
    const shown = agencyRows(html);
    assert.equal(shown.length, 20);
    assert.equal(shown[0], 'Agency 101');
    assert.ok(html.includes('Agencies 101 to 120 of 120, 50 a page.'));
    // The themes are compared whole.
    assert.ok(html.includes('1. Leadership'));
    assert.ok(html.includes('aria-label="Compared by agency pages"'));
    assert.ok(
      html.includes(
        `href="${base}?sector=police&grades=difference&heatmap-page=2&comparison-page=2#comparison"`,
      ),
      'previous page, keeping the heatmap page and the filters',
    );
  });

  it('shows no page links when the agencies fit on one page', () => {
    const pages = { heatmap: 1, participation: 1, actions: 1, comparison: 1 };
    const html = toHtml(PagedComparison({ base, query, pages, comparison: comparison(50) }));
    assert.equal(agencyRows(html).length, 50);
    assert.ok(!html.includes('govuk-pagination'));
    assert.ok(!html.includes('a page.'));
  });

  it('leaves the first page and the defaults out of its addresses', () => {
    const pages = { heatmap: 1, participation: 4, actions: 1, comparison: 1 };
    assert.equal(
      tablePageHref(base, { grades: 'self' }, pages, 'heatmap', 1),
      `${base}?participation-page=4#heatmap`,
    );
    assert.equal(tablePageHref(base, { grades: 'self' }, pages, 'participation', 1), `${base}#participation`);
  });
});

const overdue = (n: number): OverdueAction[] =>
  Array.from({ length: n }, (_, i) => ({
    returnId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    agencyName: `Agency ${String(i + 1).padStart(3, '0')}`,
    themeTitle: '1. Leadership',
    description: 'Review the arrangements',
    targetDate: '2025-01-01',
    leadPerson: 'Safeguarding lead',
    status: 'in_progress' as const,
  }));

describe('the overdue actions, a page at a time', () => {
  it('shows the page asked for, counting every overdue action, with links keeping the other pages', () => {
    const pages = { heatmap: 1, participation: 2, actions: 2, comparison: 1 };
    const html = toHtml(PagedOverdueActions({ base, query, pages, actions: overdue(130) }));
    const shown = [...html.matchAll(/>(Agency \d{3})<\/a>/g)].map((m) => m[1]);
    assert.equal(shown.length, 50);
    assert.equal(shown[0], 'Agency 051');
    assert.equal(shown[49], 'Agency 100');
    assert.ok(html.includes('>130 overdue actions</caption>'), 'the caption counts them all');
    assert.ok(
      html.includes('Actions 51 to 100 of 130, 50 a page. The spreadsheet download has every action.'),
    );
    assert.ok(html.includes('aria-label="Overdue actions pages"'));
    assert.ok(
      html.includes(
        `href="${base}?sector=police&grades=difference&participation-page=2&actions-page=3#actions"`,
      ),
      'next page, keeping the participation page and the filters',
    );
    assert.ok(
      html.includes(`href="/returns/00000000-0000-4000-8000-000000000050/actions"`),
      'links the return',
    );
  });

  it('shows every overdue action on one page without page links when they fit, and says when there are none', () => {
    const pages = { heatmap: 1, participation: 1, actions: 1, comparison: 1 };
    const html = toHtml(PagedOverdueActions({ base, query, pages, actions: overdue(50) }));
    assert.equal([...html.matchAll(/>(Agency \d{3})<\/a>/g)].length, 50);
    assert.ok(!html.includes('govuk-pagination'));
    assert.ok(html.includes('>50 overdue actions</caption>'));
    const none = toHtml(PagedOverdueActions({ base, query, pages, actions: [] }));
    assert.ok(none.includes('No action is past its target date.'));
  });
});
