/**
 * A cycle's results as a workbook: one sheet per figure, the same numbers as the page (with its
 * filters). Every text cell is kept from being read as a formula.
 */

import type ExcelJS from 'exceljs';
import { RAG_LABELS } from '../../domain/rag.ts';
import { loadExcelJS } from '../../lib/exceljs.ts';
import { gradeDifference, type ResultsFigures } from './results.ts';
import {
  type Cell,
  calibrationTable,
  comparisonAgenciesTable,
  comparisonThemesTable,
  distributionTable,
  overdueActionsTable,
  type PlainTable,
  participationLines,
  participationTable,
  weakQuestionsTable,
} from './results-tables.ts';

function addSheet(book: ExcelJS.Workbook, name: string, table: PlainTable): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.headers).font = { bold: true };
  // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
  for (const row of table.rows) sheet.addRow(row.map((c) => c ?? ''));
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 44 : 16;
  });
}

/** A table per locality or sector, one under the other, named in a first column. */
function grouped(name: string, groups: ResultsFigures['byLocality']): PlainTable {
  const tables = groups.map((g) => ({ g, t: distributionTable(g.themes) }));
  return {
    headers: [name, ...distributionTable([]).headers],
    rows: tables.flatMap(({ g, t }) => t.rows.map((r): Cell[] => [g.name, ...r])),
  };
}

/** The figures' sheets, added to `book` after an "About" sheet of `about` lines. */
export function addResultsSheets(
  book: ExcelJS.Workbook,
  figures: ResultsFigures,
  about: Array<[string, string]>,
): void {
  const aboutSheet = book.addWorksheet('About');
  aboutSheet.addRows(about);
  aboutSheet.getColumn(1).font = { bold: true };
  aboutSheet.getColumn(1).width = 28;
  aboutSheet.getColumn(2).width = 80;

  const agencies = participationTable(figures.participation);
  addSheet(book, 'Participation', {
    headers: agencies.headers,
    rows: [...agencies.rows, [], ...participationLines(figures.participation)],
  });
  addSheet(book, 'Grades by theme', distributionTable(figures.distribution));
  addSheet(book, 'Agencies and themes', {
    headers: [
      'Agency',
      ...figures.themes.flatMap((t) => [
        `${t.number}. ${t.title}: self-assessed`,
        `${t.number}. ${t.title}: moderated`,
        `${t.number}. ${t.title}: difference`,
      ]),
    ],
    rows: figures.heatmap.map((row) => [
      row.agencyName,
      ...row.cells.flatMap((c): Cell[] =>
        c.applies
          ? [
              c.self ? RAG_LABELS[c.self] : 'Not rated',
              c.moderated ? RAG_LABELS[c.moderated] : 'Not moderated',
              gradeDifference(c),
            ]
          : ['Does not apply', '', ''],
      ),
    ]),
  });
  addSheet(book, 'By locality', grouped('Locality', figures.byLocality));
  addSheet(book, 'By sector', grouped('Sector', figures.bySector));
  addSheet(book, 'Questions not met', weakQuestionsTable(figures.weakestQuestions));
  addSheet(book, 'Calibration', calibrationTable(figures.calibration));
  addSheet(book, 'Overdue actions', overdueActionsTable(figures.overdueActions));
  if (figures.comparison) {
    addSheet(book, 'Compared by theme', comparisonThemesTable(figures.comparison));
    addSheet(book, 'Compared by agency', comparisonAgenciesTable(figures.comparison));
  }
}

export async function newWorkbook(generatedAt: Date): Promise<ExcelJS.Workbook> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = 'Section 11 Audit';
  book.created = generatedAt;
  return book;
}

export async function resultsWorkbook(
  figures: ResultsFigures,
  about: Array<[string, string]>,
  generatedAt: Date,
): Promise<Buffer> {
  const book = await newWorkbook(generatedAt);
  addResultsSheets(book, figures, about);
  return Buffer.from(await book.xlsx.writeBuffer());
}
