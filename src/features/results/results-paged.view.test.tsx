/**
 * The comparison by agency a page at a time: the page asked for, the whole count said, and links
 * that keep the filters and the other tables' pages and come back to the table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from '../../views/render.ts';
import type { Comparison } from './results.ts';
import { PagedComparison, tablePageHref } from './results-paged.view.tsx';
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
    const pages = { heatmap: 2, participation: 1, comparison: 3 };
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
    const pages = { heatmap: 1, participation: 1, comparison: 1 };
    const html = toHtml(PagedComparison({ base, query, pages, comparison: comparison(50) }));
    assert.equal(agencyRows(html).length, 50);
    assert.ok(!html.includes('govuk-pagination'));
    assert.ok(!html.includes('a page.'));
  });

  it('leaves the first page and the defaults out of its addresses', () => {
    const pages = { heatmap: 1, participation: 4, comparison: 1 };
    assert.equal(
      tablePageHref(base, { grades: 'self' }, pages, 'heatmap', 1),
      `${base}?participation-page=4#heatmap`,
    );
    assert.equal(tablePageHref(base, { grades: 'self' }, pages, 'participation', 1), `${base}#participation`);
  });
});
