/**
 * The survey's results as CSV and XLSX: one row per agency and theme, beside its grades. Agencies
 * and themes under the small-group threshold carry no figures; staff comments are never included.
 */

import { RAG_LABELS } from '../../domain/rag.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { loadExcelJS } from '../../lib/exceljs.ts';
import { toCsv } from '../../lib/spreadsheet.ts';
import type { CycleSurvey } from './survey.service.ts';
import { DISAGREEMENT_LABELS, disagreement, MIN_GROUP } from './survey-results.ts';

const HEADERS = [
  'Agency',
  'Responses',
  'Theme',
  'Self-assessed rating',
  'Moderated grade',
  'Staff giving a view',
  'Per cent agreeing',
  'Mean (1 to 5)',
  'Flag',
];

export function surveyResultRows(survey: CycleSurvey): Array<Array<string | number>> {
  return survey.agencies.flatMap((a) => {
    if (!a.result.shown)
      return [
        [a.agencyName, a.result.responses, `Fewer than ${MIN_GROUP} responses`, '', '', '', '', '', ''],
      ];
    return a.themes.map(({ theme }) => {
      const r = a.result.themes.find((t) => t.themeId === theme.id);
      const grades = a.grades.get(theme.id) ?? { self: null, moderated: null };
      const percent = r?.overall?.agreePercent ?? null;
      const flags = [disagreement(grades.self, percent), disagreement(grades.moderated, percent)]
        .filter((f) => f !== null)
        .map((f) => DISAGREEMENT_LABELS[f]);
      const base = [
        a.agencyName,
        a.result.responses,
        theme.title,
        grades.self ? RAG_LABELS[grades.self] : '',
        grades.moderated ? RAG_LABELS[grades.moderated] : '',
      ];
      if (!r?.shown) return [...base, `Fewer than ${MIN_GROUP}`, '', '', ''];
      return [...base, r.respondents, percent ?? '', r.overall?.mean ?? '', [...new Set(flags)].join('; ')];
    });
  });
}

export function surveyCsv(survey: CycleSurvey): string {
  return toCsv([HEADERS, ...surveyResultRows(survey)]);
}

export async function surveyWorkbook(
  cycle: { name: string; partnershipName: string },
  survey: CycleSurvey,
  generatedAt: Date,
): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = 'Section 11 Audit';
  book.created = generatedAt;
  const sheet = book.addWorksheet('Staff survey', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(HEADERS).font = { bold: true };
  // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
  for (const row of surveyResultRows(survey)) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 || i === 2 ? 40 : 18;
  });
  const about = book.addWorksheet('About');
  about.addRows([
    ['Partnership', cycle.partnershipName],
    ['Audit', cycle.name],
    ['Produced', formatDateTime(generatedAt)],
    ['Small groups', `Figures are left out for fewer than ${MIN_GROUP} responses`],
  ]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}
