/**
 * The findings report: its first draft written from the cycle's figures, and the edit form's
 * validation (one zod schema). Pure functions.
 */
import { z } from 'zod';
import type { FindingsReportStatus } from '../../db/schema.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { agreeing, plural } from '../../lib/words.ts';
import { errorsFromZod, FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import type { ResultsFigures } from './results.ts';

export const SECTION_MAX = 20_000;
export const THEME_FINDING_MAX = 5_000;

export interface ReportText {
  summary: string;
  method: string;
  participation: string;
  /** By theme key. */
  themeFindings: Record<string, string>;
  improvements: string;
  recommendations: string;
  /** The earlier cycle compared with; '' for the most recent earlier one. */
  comparedCycleId: string;
}

export interface FindingsReport extends ReportText {
  id: string | null;
  status: FindingsReportStatus;
  updatedAt: Date | null;
  updatedByName: string | null;
  finalisedAt: Date | null;
  finalisedByName: string | null;
  /** The figures kept when it was made final. */
  figures: ResultsFigures | null;
}

/**
 * When the audit ran, in the tense of `now`: "opened on … and closed on …" once it has closed, "…
 * and closes on …" while it is open, "opens on … and closes on …" before it opens.
 */
export function auditDates(cycle: { opensAt: Date; closesAt: Date }, now: Date): string {
  const opens = `${now >= cycle.opensAt ? 'opened' : 'opens'} on ${formatDate(cycle.opensAt)}`;
  const closes = `${now >= cycle.closesAt ? 'closed' : 'closes'} on ${formatDate(cycle.closesAt)}`;
  return `The audit ${opens} and ${closes}`;
}

/**
 * Who submitted on time, late or not at all; those still with time are told apart by why: the
 * audit has not closed yet, or the agency was given a later deadline (an extension).
 */
export function participationText(p: ResultsFigures['participation'], cycle: { closesAt: Date }): string {
  const waiting = p.agencies.filter((a) => a.state === 'not_yet_due');
  const extended = waiting.filter((a) => new Date(a.deadline) > cycle.closesAt).length;
  const beforeClose = waiting.length - extended;
  const stillTime = [
    beforeClose
      ? `${beforeClose} still ${agreeing(beforeClose, 'has', 'have')} time before the audit closes`
      : '',
    extended
      ? `${extended}${beforeClose ? '' : ` still`} ${agreeing(extended, 'has', 'have')} time under an extension`
      : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `${p.onTime} submitted on time and ${p.submittedLate} late; ${p.overdue} had not submitted by ${agreeing(p.overdue, 'its', 'their')} deadline${stillTime ? `, and ${stillTime}` : ''}.`;
}

/** The first draft: every section written from the figures, recommendations left to the partnership. */
export function draftReport(
  cycle: { name: string; opensAt: Date; closesAt: Date; localities: Array<{ name: string }> },
  figures: ResultsFigures,
  now: Date,
): ReportText {
  const p = figures.participation;
  const totals = figures.distribution.reduce(
    (t, d) => ({ red: t.red + d.red, amber: t.amber + d.amber, green: t.green + d.green }),
    { red: 0, amber: 0, green: 0 },
  );
  const graded = figures.distribution.filter((d) => d.red + d.amber + d.green > 0);
  const share = (d: (typeof graded)[number], n: number) => n / (d.red + d.amber + d.green);
  const strongest = [...graded].sort((a, b) => share(b, b.green) - share(a, a.green))[0];
  const weakest = [...graded].sort((a, b) => share(b, b.red + b.amber) - share(a, a.red + a.amber))[0];
  const summary = [
    `${p.submitted} of ${plural(p.invited, 'agency', 'agencies')} invited to ${cycle.name} submitted their return${p.percentSubmitted === null ? '' : ` (${p.percentSubmitted}%)`}.`,
    graded.length
      ? `Across the themes, agencies were graded Green ${plural(totals.green, 'time')}, Amber ${plural(totals.amber, 'time')} and Red ${plural(totals.red, 'time')}.`
      : 'No theme has been graded yet.',
    strongest ? `The strongest theme was ${strongest.themeTitle}.` : '',
    weakest && weakest !== strongest && weakest.red + weakest.amber > 0
      ? `The theme needing most attention was ${weakest.themeTitle}.`
      : '',
    figures.overdueActions.length
      ? `${plural(figures.overdueActions.length, 'action')} committed to by agencies ${figures.overdueActions.length === 1 ? 'is' : 'are'} past its target date.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const method = [
    `${auditDates(cycle, now)}${cycle.localities.length ? `, covering ${cycle.localities.map((l) => l.name).join(', ')}` : ''}.`,
    `${plural(p.invited, 'partner agency', 'partner agencies')} ${p.invited === 1 ? 'was' : 'were'} invited to assess themselves against ${plural(figures.themes.length, 'theme')}, grade each theme Red, Amber or Green with the reasons and evidence, commit to actions where they fell short, and have their return signed off by their most senior officer.`,
    figures.calibration.total.moderated
      ? `The partnership challenged the returns and moderated ${plural(figures.calibration.total.moderated, 'theme grade')}; where it did, the moderated grade is the one reported.`
      : 'The partnership reviewed the returns as they were submitted.',
  ].join(' ');
  const participation = participationText(p, cycle);
  const themeFindings: Record<string, string> = {};
  for (const d of figures.distribution) {
    const weak = figures.weakestQuestions.filter((q) => q.themeKey === d.themeKey).slice(0, 2);
    themeFindings[d.themeKey] = [
      d.red + d.amber + d.green
        ? `Of the ${plural(d.red + d.amber + d.green, 'agency', 'agencies')} graded, ${d.green} ${d.green === 1 ? 'was' : 'were'} Green, ${d.amber} Amber and ${d.red} Red.`
        : 'No agency has been graded on this theme yet.',
      d.notRated ? `${plural(d.notRated, 'agency', 'agencies')} had not submitted.` : '',
      ...weak.map(
        (q) =>
          `“${q.questionText}” was answered Not met, Partly met or No by ${q.shortfall} of ${q.answered}.`,
      ),
    ]
      .filter(Boolean)
      .join(' ');
  }
  const improvements = figures.weakestQuestions
    .slice(0, 5)
    .map(
      (q) =>
        `- ${q.themeTitle}: ${q.questionText} (${q.shortfall} of ${q.answered} answered Not met, Partly met or No)`,
    )
    .join('\n');
  return {
    summary,
    method,
    participation,
    themeFindings,
    improvements,
    recommendations: '',
    comparedCycleId: '',
  };
}

/** Where the report stands, for the line under its title: made final (by whom, when), last saved, or not saved. */
export function reportStatusText(
  r: Pick<FindingsReport, 'status' | 'finalisedAt' | 'finalisedByName' | 'updatedAt' | 'updatedByName'>,
): string {
  if (r.status === 'final' && r.finalisedAt)
    return `Made final at ${formatDateTime(r.finalisedAt)}${r.finalisedByName ? ` by ${r.finalisedByName}` : ''}. The text and figures no longer change.`;
  if (r.updatedAt)
    return `Last saved at ${formatDateTime(r.updatedAt)}${r.updatedByName ? ` by ${r.updatedByName}` : ''}. The figures are live until the report is made final.`;
  return 'Not saved yet: this first draft is written from the figures. The figures are live until the report is made final.';
}

/** What was typed into the edit form, as text (kept whole to re-show on an error). */
export function reportFormState(body: Record<string, unknown>, themeKeys: string[]): ReportText {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    summary: s('summary'),
    method: s('method'),
    participation: s('participation'),
    themeFindings: Object.fromEntries(themeKeys.map((k) => [k, s(`theme-${k}`)])),
    improvements: s('improvements'),
    recommendations: s('recommendations'),
    comparedCycleId: s('comparedCycleId'),
  };
}

const section = (name: string) =>
  z
    .string()
    .max(SECTION_MAX, `The ${name} must be ${SECTION_MAX.toLocaleString('en-GB')} characters or fewer`);

const reportSchema = (earlierIds: readonly string[]) =>
  z.object({
    summary: section('summary'),
    method: section('description of how the audit was run'),
    participation: section('participation section'),
    improvements: section('areas for improvement'),
    recommendations: section('recommendations'),
    comparedCycleId: z
      .string()
      .refine((v) => v === '' || earlierIds.includes(v), 'Select an earlier audit from the list'),
  });

const tidy = (v: string) => v.replace(/\r\n?/g, '\n').trim();

/** Validates every field at once; the values come back tidied (line endings, outer blank space). */
export function parseReportForm(
  state: ReportText,
  themes: Array<{ key: string; title: string }>,
  earlierIds: readonly string[],
): { values: ReportText; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const parsed = reportSchema(earlierIds).safeParse(state);
  const builder = new FormErrorBuilder();
  if (!parsed.success) for (const e of errorsFromZod(parsed.error).list) builder.add(e.href.slice(1), e.text);
  for (const t of themes)
    if ((state.themeFindings[t.key] ?? '').length > THEME_FINDING_MAX)
      builder.add(
        `theme-${t.key}`,
        `The findings for ${t.title} must be ${THEME_FINDING_MAX.toLocaleString('en-GB')} characters or fewer`,
      );
  if (builder.hasErrors) return { errors: builder.build() };
  return {
    values: {
      summary: tidy(state.summary),
      method: tidy(state.method),
      participation: tidy(state.participation),
      themeFindings: Object.fromEntries(themes.map((t) => [t.key, tidy(state.themeFindings[t.key] ?? '')])),
      improvements: tidy(state.improvements),
      recommendations: tidy(state.recommendations),
      comparedCycleId: state.comparedCycleId,
    },
  };
}

/** What stops a report being made final: the confirmation, and the sections it cannot go without. */
export function finaliseProblems(
  report: Pick<ReportText, 'summary' | 'recommendations'>,
  confirmed: boolean,
): FormErrors | null {
  const errors = new FormErrorBuilder();
  if (!report.summary.trim())
    errors.add('summary', 'Write the summary before making the report final', 'missing-summary');
  if (!report.recommendations.trim())
    errors.add(
      'recommendations',
      'Write your recommendations before making the report final',
      'missing-recommendations',
    );
  if (!confirmed) errors.add('confirm', 'Confirm that the report is ready to be made final', 'confirm');
  return errors.hasErrors ? errors.build() : null;
}
