/**
 * A cycle's results as a workbook: one sheet per figure, the same numbers as the page (with its
 * filters). Every text cell is kept from being read as a formula. Written with ExcelJS's streaming
 * writer, each row compressed as it is added, so a sheet of 10,000 agencies is never held as cells
 * in memory (issue 21: the workbook of 10,000 returns took 900 MB).
 */
import { PassThrough } from 'node:stream';

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
  // Widths first: the streaming writer writes the columns before the first row.
  for (let i = 1; i <= table.headers.length; i++) sheet.getColumn(i).width = i === 1 ? 44 : 16;
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.commit();
  // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
  for (const row of table.rows) sheet.addRow(row.map((c) => c ?? '')).commit();
  sheet.commit();
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
  aboutSheet.getColumn(1).font = { bold: true };
  aboutSheet.getColumn(1).width = 28;
  aboutSheet.getColumn(2).width = 80;
  for (const line of about) aboutSheet.addRow(line).commit();
  aboutSheet.commit();

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

/**
 * A workbook that `fill` adds sheets to (committing each row and sheet as it goes), as the bytes
 * of the XLSX file.
 */
export async function writeWorkbook(
  generatedAt: Date,
  fill: (book: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'Section 11 Audit';
  book.created = generatedAt;
  book.modified = generatedAt;
  fill(book);
  await book.commit();
  await ended;
  return Buffer.concat(chunks);
}

export function resultsWorkbook(
  figures: ResultsFigures,
  about: Array<[string, string]>,
  generatedAt: Date,
): Promise<Buffer> {
  return writeWorkbook(generatedAt, (book) => addResultsSheets(book, figures, about));
}
