/**
 * The survey's results as CSV and XLSX: one row per agency and theme, beside its grades. Agencies
 * and themes under the small-group threshold carry no figures; staff comments are never included.
 */

import { RAG_LABELS } from '../../domain/rag.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { toCsv } from '../../lib/spreadsheet.ts';
import { xlsxBytes } from '../../lib/xlsx-writer.ts';
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

export function surveyWorkbook(
  cycle: { name: string; partnershipName: string },
  survey: CycleSurvey,
  generatedAt: Date,
): Promise<Buffer> {
  return xlsxBytes(generatedAt, async (book) => {
    const sheet = await book.addSheet('Staff survey', {
      header: HEADERS,
      widths: HEADERS.map((_h, i) => (i === 0 || i === 2 ? 40 : 18)),
    });
    // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
    await sheet.addRows(surveyResultRows(survey));
    const about = await book.addSheet('About', { widths: [9, 60], boldFirstColumn: true });
    await about.addRows([
      ['Partnership', cycle.partnershipName],
      ['Audit', cycle.name],
      ['Produced', formatDateTime(generatedAt)],
      ['Small groups', `Figures are left out for fewer than ${MIN_GROUP} responses`],
    ]);
  });
}
