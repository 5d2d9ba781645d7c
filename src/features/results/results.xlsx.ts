/**
 * A cycle's results as a workbook: one sheet per figure, the same numbers as the page (with its
 * filters). Every text cell is text, never a formula. Written by the streaming writer
 * (`xlsx-writer.ts`), each row compressed as it is added, so a sheet of 10,000 agencies is never
 * held as cells in memory (issue 21: the workbook of 10,000 returns took 900 MB through ExcelJS's
 * workbook, and 1.2 s of writing through its streaming writer).
 */
import { RAG_LABELS } from '../../domain/rag.ts';
import { type XlsxWriter, xlsxBytes } from '../../lib/xlsx-writer.ts';
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

/** Rows made and written at a time: a sheet of 10,000 agencies is never all made at once. */
const ROWS_AT_A_TIME = 500;

async function addSheet<T = Cell[]>(
  book: XlsxWriter,
  name: string,
  table: { headers: string[]; rows: readonly T[] },
  row: (item: T) => Cell[] = (item) => item as Cell[],
): Promise<void> {
  const sheet = await book.addSheet(name, {
    header: table.headers,
    widths: table.headers.map((_h, i) => (i === 0 ? 44 : 16)),
  });
  // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
  for (let i = 0; i < table.rows.length; i += ROWS_AT_A_TIME)
    await sheet.addRows(table.rows.slice(i, i + ROWS_AT_A_TIME).map(row));
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
export async function addResultsSheets(
  book: XlsxWriter,
  figures: ResultsFigures,
  about: Array<[string, string]>,
): Promise<void> {
  const aboutSheet = await book.addSheet('About', { widths: [28, 80], boldFirstColumn: true });
  await aboutSheet.addRows(about);

  const agencies = participationTable(figures.participation);
  await addSheet(book, 'Participation', {
    headers: agencies.headers,
    rows: [...agencies.rows, [], ...participationLines(figures.participation)],
  });
  await addSheet(book, 'Grades by theme', distributionTable(figures.distribution));
  await addSheet(
    book,
    'Agencies and themes',
    {
      headers: [
        'Agency',
        ...figures.themes.flatMap((t) => [
          `${t.number}. ${t.title}: self-assessed`,
          `${t.number}. ${t.title}: moderated`,
          `${t.number}. ${t.title}: difference`,
        ]),
      ],
      rows: figures.heatmap,
    },
    (row) => {
      // One array a row (10,000 rows of 8 themes made 90,000 arrays through flatMap).
      const cells: Cell[] = [row.agencyName];
      for (const c of row.cells)
        if (c.applies)
          cells.push(
            c.self ? RAG_LABELS[c.self] : 'Not rated',
            c.moderated ? RAG_LABELS[c.moderated] : 'Not moderated',
            gradeDifference(c),
          );
        else cells.push('Does not apply', '', '');
      return cells;
    },
  );
  await addSheet(book, 'By locality', grouped('Locality', figures.byLocality));
  await addSheet(book, 'By sector', grouped('Sector', figures.bySector));
  await addSheet(book, 'Questions not met', weakQuestionsTable(figures.weakestQuestions));
  await addSheet(book, 'Calibration', calibrationTable(figures.calibration));
  await addSheet(book, 'Overdue actions', overdueActionsTable(figures.overdueActions));
  if (figures.comparison) {
    await addSheet(book, 'Compared by theme', comparisonThemesTable(figures.comparison));
    await addSheet(book, 'Compared by agency', comparisonAgenciesTable(figures.comparison));
  }
}

export function resultsWorkbook(
  figures: ResultsFigures,
  about: Array<[string, string]>,
  generatedAt: Date,
): Promise<Buffer> {
  return xlsxBytes(generatedAt, (book) => addResultsSheets(book, figures, about));
}
