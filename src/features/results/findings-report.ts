/**
 * The findings report: its first draft written from the cycle's figures, and the edit form's
 * validation (one zod schema). Pure functions.
 */
import { z } from 'zod';
import type { FindingsReportStatus } from '../../db/schema.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { agreeing, plural } from '../../lib/words.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { type FormBody, textField, validate } from '../../web/form-route.ts';
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
export function reportFormState(body: FormBody, themeKeys: string[]): ReportText {
  return {
    summary: textField(body, 'summary'),
    method: textField(body, 'method'),
    participation: textField(body, 'participation'),
    themeFindings: Object.fromEntries(themeKeys.map((k) => [k, textField(body, `theme-${k}`)])),
    improvements: textField(body, 'improvements'),
    recommendations: textField(body, 'recommendations'),
    comparedCycleId: textField(body, 'comparedCycleId'),
  };
}

const tidy = (v: string) => v.replace(/\r\n?/g, '\n').trim();

const section = (name: string, max = SECTION_MAX) =>
  z
    .string()
    .transform(tidy)
    .pipe(z.string().max(max, `The ${name} must be ${max.toLocaleString('en-GB')} characters or fewer`));

/**
 * The edit form's one schema, in the order of the page: every field's error at once; the values come
 * back tidied (line endings, outer blank space). A theme's findings are `themeFindings.<key>`.
 */
export const reportSchema = (
  themes: Array<{ key: string; title: string }>,
  earlierIds: readonly string[],
): z.ZodType<ReportText, ReportText> =>
  z.object({
    summary: section('summary'),
    method: section('description of how the audit was run'),
    participation: section('participation section'),
    // Each theme of the audit's, blank when not typed (others are not kept).
    themeFindings: z.record(z.string(), z.string()).transform((typed, ctx) => {
      const out: Record<string, string> = {};
      for (const t of themes) {
        const text = tidy(typed[t.key] ?? '');
        out[t.key] = text;
        if (text.length > THEME_FINDING_MAX)
          ctx.addIssue({
            code: 'custom',
            path: [t.key],
            message: `The findings for ${t.title} must be ${THEME_FINDING_MAX.toLocaleString('en-GB')} characters or fewer`,
          });
      }
      return out;
    }),
    improvements: section('areas for improvement'),
    recommendations: section('recommendations'),
    comparedCycleId: z
      .string()
      .refine((v) => v === '' || earlierIds.includes(v), 'Select an earlier audit from the list'),
  });

/** The element a path of the schema's errors names: a theme's findings are `theme-<key>`. */
export const reportFieldId = (path: string) =>
  path.startsWith('themeFindings.') ? `theme-${path.slice('themeFindings.'.length)}` : path;

/** Validates every field at once (the route does this through handleForm). */
export function parseReportForm(
  state: ReportText,
  themes: Array<{ key: string; title: string }>,
  earlierIds: readonly string[],
): { values: ReportText; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const checked = validate(reportSchema(themes, earlierIds), state, reportFieldId);
  return checked.ok ? { values: checked.values } : { errors: checked.errors };
}

/** The report's text as one flat record, a field per section and per theme: what the conflict rule merges. */
export function reportFields(text: ReportText, themeKeys: readonly string[]): Record<string, string> {
  return {
    summary: text.summary,
    method: text.method,
    participation: text.participation,
    ...Object.fromEntries(themeKeys.map((k) => [`theme-${k}`, text.themeFindings[k] ?? ''])),
    improvements: text.improvements,
    recommendations: text.recommendations,
    comparedCycleId: text.comparedCycleId,
  };
}

/** The flat record back as the report's text, keeping the findings of themes it does not name. */
export function reportTextOf(fields: Record<string, string>, base: ReportText): ReportText {
  const themeFindings = { ...base.themeFindings };
  for (const [k, v] of Object.entries(fields)) if (k.startsWith('theme-')) themeFindings[k.slice(6)] = v;
  return {
    summary: fields.summary ?? base.summary,
    method: fields.method ?? base.method,
    participation: fields.participation ?? base.participation,
    themeFindings,
    improvements: fields.improvements ?? base.improvements,
    recommendations: fields.recommendations ?? base.recommendations,
    comparedCycleId: fields.comparedCycleId ?? base.comparedCycleId,
  };
}

/** What a field of `reportFields` is called on the conflict page. */
export function reportFieldLabel(field: string, themes: Array<{ key: string; title: string }>): string {
  const labels: Record<string, string> = {
    summary: 'Summary',
    method: 'How the audit was run',
    participation: 'Participation',
    improvements: 'Areas for improvement',
    recommendations: 'Recommendations',
    comparedCycleId: 'Compare with',
  };
  if (field.startsWith('theme-')) {
    const theme = themes.find((t) => t.key === field.slice('theme-'.length));
    return `Findings by theme: ${theme?.title ?? field.slice('theme-'.length)}`;
  }
  return labels[field] ?? field;
}

/** The good practice form's one schema: the theme, and the answers' words chosen (checked against what was offered when saving). */
export const quotesSchema = z.object({
  theme: z.string().min(1),
  quotes: z.array(z.string()),
});

/**
 * The make-final form's one schema: the confirmation, and the sections the report cannot go without
 * (their errors link to the links that lead to them).
 */
export const finaliseSchema = (report: Pick<ReportText, 'summary' | 'recommendations'>) =>
  z.object({ confirm: z.string() }).transform((state, ctx) => {
    const problems = finaliseProblems(report, state.confirm === 'yes');
    for (const [field, message] of Object.entries(problems?.byField ?? {}))
      ctx.addIssue({ code: 'custom', path: [field], message });
    return { confirmed: true as const };
  });

export const finaliseFieldId = (path: string) =>
  path === 'summary' || path === 'recommendations' ? `missing-${path}` : path;

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
