/**
 * The findings report's PDF for an audit of hundreds of agencies: tables with a row per agency or
 * per overdue action show their first rows and say how many there are, and where the rest are.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsReportPdf, PDF_LONG_TABLE_ROWS } from '../../src/features/results/findings-report.pdf.ts';
import { draftReport, type FindingsReport } from '../../src/features/results/findings-report.ts';
import { type ResultsAgency, resultsFigures } from '../../src/features/results/results.ts';
import { encodeResponses } from '../../src/features/returns/return-grade-codes.ts';
import { POPPLER_MISSING, pdfPlainText } from '../helpers/pdf-tools.ts';

const now = new Date('2026-12-01T10:00:00Z');
const themes = [
  {
    id: 't1',
    key: 'leadership',
    number: 1,
    title: 'Leadership',
    questions: [{ id: 'q1', key: 'l1', number: 1, text: 'Is there a lead?' }],
  },
];
const name = (i: number) => `Agency ${String(i).padStart(4, '0')}`;

function agencies(count: number): ResultsAgency[] {
  return Array.from({ length: count }, (_, i) => ({
    returnId: `r${i}`,
    agencyId: `a${i}`,
    agencyName: name(i),
    sector: 'police',
    statutory: true,
    localityIds: [],
    submitted: true,
    submittedAt: new Date('2026-11-01T10:00:00Z'),
    deadline: new Date('2026-11-20T17:00:00Z'),
    themeIds: ['t1'],
    self: { t1: 'amber' },
    moderated: {},
    responses: encodeResponses({ themes }, new Map([['q1', 'no']])),
    actions: [
      {
        themeId: 't1',
        description: `Action of ${name(i)}`,
        targetDate: '2026-11-25',
        leadPerson: 'Lead',
        status: 'in_progress',
      },
    ],
  }));
}

async function pdfOf(count: number): Promise<string> {
  const figures = resultsFigures({ themes, agencies: agencies(count), localities: [], filters: {}, now });
  const cycle = { name: 'Audit 2026', opensAt: now, closesAt: now, localities: [] };
  const report: FindingsReport = {
    ...draftReport(cycle, figures, now),
    id: null,
    status: 'draft',
    updatedAt: null,
    updatedByName: null,
    finalisedAt: null,
    finalisedByName: null,
    figures: null,
  };
  const pdf = await findingsReportPdf(
    { partnershipName: 'Northshire', cycleName: 'Audit 2026', report, figures, quotes: [] },
    { generatedAt: now, compress: false },
  );
  return pdfPlainText(pdf).replace(/\s+/g, ' ');
}

describe('the findings report PDF of a large audit', { skip: POPPLER_MISSING }, () => {
  it(`lists the first ${PDF_LONG_TABLE_ROWS} agencies and overdue actions, says how many there are and that the spreadsheet has them all`, async () => {
    const text = await pdfOf(PDF_LONG_TABLE_ROWS + 50);
    const total = PDF_LONG_TABLE_ROWS + 50;
    assert.ok(
      text.includes(
        `The first ${PDF_LONG_TABLE_ROWS} of ${total} agencies: the report’s spreadsheet lists them all.`,
      ),
    );
    assert.ok(
      text.includes(
        `The first ${PDF_LONG_TABLE_ROWS} of ${total} overdue actions: the report’s spreadsheet lists them all.`,
      ),
    );
    assert.ok(text.includes(`Action of ${name(PDF_LONG_TABLE_ROWS - 1)}`), 'the last row listed');
    assert.ok(!text.includes(`Action of ${name(PDF_LONG_TABLE_ROWS)}`), 'no row past it');
  });

  it('lists every row of a table no longer than that, with no such sentence', async () => {
    const text = await pdfOf(PDF_LONG_TABLE_ROWS);
    assert.ok(!text.includes('The first '));
    assert.ok(text.includes(`Action of ${name(PDF_LONG_TABLE_ROWS - 1)}`));
  });
});
