/** The findings report's forms: editing its text, choosing good practice to quote, making it final. */
import { escapeHtml } from '@kitajs/html';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import type { PageChrome } from '../../views/layout.tsx';
import { SHOWN_FIELD } from '../../web/form-version.ts';
import { type CandidateAnswer, QUOTED_FIELD_LABELS } from './findings-report.repository.ts';
import { type ReportText, SECTION_MAX, THEME_FINDING_MAX } from './findings-report.ts';
import { ReportSubpage, reportBase } from './findings-report.view.tsx';
import type { EarlierCycle } from './results.repository.ts';
import type { ResultsFigures } from './results.ts';

const FORMAT_HINT =
  'Leave a blank line between paragraphs. Start a line with “- ” for a bulleted list, or “1. ” for a numbered one. Use **two asterisks** for bold.';

export function ReportEditPage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  text: ReportText;
  figures: ResultsFigures;
  earlier: EarlierCycle[];
  csrfToken: string;
  /** What the form showed of the saved report (the conflict rule's hidden field). */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, text, errors } = m;
  const base = reportBase(cycle);
  // Every section may be left empty while the report is a draft: all but two are optional for good.
  const area = (
    name: keyof Omit<ReportText, 'themeFindings' | 'comparedCycleId'>,
    label: string,
    hint: string,
    rows = 8,
  ) => (
    <CharacterCount
      name={name}
      label={{ text: label, classes: 'govuk-label--m', isPageHeading: false }}
      hint={{ text: hint }}
      rows={rows}
      maxlength={SECTION_MAX}
      threshold={75}
      value={text[name]}
      errorMessage={fieldError(errors, name)}
    />
  );
  return (
    <ReportSubpage chrome={m.chrome} cycle={cycle} heading="Edit the findings report" errors={errors}>
      <p class="govuk-body">{escapeHtml(FORMAT_HINT)}</p>
      <form method="post" action={`${base}/edit`} novalidate>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
        {area(
          'summary',
          'Summary',
          'The main findings, for the partnership’s leaders. Needed before the report is made final.',
        )}
        {area(
          'method',
          'How the audit was run (optional)',
          'When it ran, who took part, and how returns were challenged.',
        )}
        {area(
          'participation',
          'Participation (optional)',
          'The figures for participation are shown beside this text.',
          4,
        )}
        <h2 class="govuk-heading-m">Findings by theme</h2>
        {m.figures.distribution.map((d) => (
          <CharacterCount
            name={`theme-${d.themeKey}`}
            label={{ text: `${d.themeNumber}. ${d.themeTitle} (optional)`, classes: 'govuk-label--s' }}
            hint={{ text: `Red ${d.red}, Amber ${d.amber}, Green ${d.green}, not rated ${d.notRated}.` }}
            rows={4}
            maxlength={THEME_FINDING_MAX}
            threshold={75}
            value={text.themeFindings[d.themeKey] ?? ''}
            errorMessage={fieldError(errors, `themeFindings.${d.themeKey}`)}
          />
        ))}
        {area('improvements', 'Areas for improvement (optional)', 'Where agencies most often fall short.')}
        {area(
          'recommendations',
          'Recommendations',
          'What the partnership recommends its leaders do. Needed before the report is made final.',
        )}
        {m.earlier.length ? (
          <Select
            name="comparedCycleId"
            label={{ text: 'Compare with', classes: 'govuk-label--m' }}
            value={text.comparedCycleId}
            errorMessage={fieldError(errors, 'comparedCycleId')}
            items={[
              { value: '', text: 'The most recent earlier audit' },
              ...m.earlier.map((c) => ({ value: c.id, text: `${c.name} (opened ${formatDate(c.opensAt)})` })),
            ]}
          />
        ) : (
          <input type="hidden" name="comparedCycleId" value="" />
        )}
        <Button text="Save the report" preventDoubleClick />
      </form>
    </ReportSubpage>
  );
}

export function GoodPracticePage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  themes: Array<{ key: string; number: number; title: string }>;
  theme: { key: string; number: number; title: string };
  candidates: CandidateAnswer[];
  chosen: string[];
  csrfToken: string;
  done?: boolean;
}): JSX.Element {
  const { cycle, theme } = m;
  const base = reportBase(cycle);
  return (
    <ReportSubpage
      chrome={m.chrome}
      cycle={cycle}
      heading="Choose good practice to quote"
      banner={m.done ? `The quotes for ${theme.title} have been saved` : undefined}
    >
      <p class="govuk-body">
        Choose words from submitted returns to quote in the report, theme by theme. The words are kept as they
        are now, with the agency’s name.
      </p>
      <form method="get" action={`${base}/good-practice`} novalidate>
        <Select
          name="theme"
          label={{ text: 'Theme' }}
          value={theme.key}
          items={m.themes.map((t) => ({ value: t.key, text: `${t.number}. ${t.title}` }))}
        />
        <Button text="Show answers" classes="govuk-button--secondary" />
      </form>
      <h2 class="govuk-heading-m" safe>
        {`${theme.number}. ${theme.title}`}
      </h2>
      {m.candidates.length === 0 ? (
        <p class="govuk-body">No submitted return has comments, impact or evidence written for this theme.</p>
      ) : (
        <form method="post" action={`${base}/good-practice`} novalidate>
          <input type="hidden" name="_csrf" value={m.csrfToken} />
          <input type="hidden" name="theme" value={theme.key} />
          <Checkboxes
            name="quotes"
            idPrefix="quotes"
            fieldset={{ legend: { text: 'Words to quote', classes: 'govuk-fieldset__legend--s' } }}
            values={m.chosen}
            items={m.candidates.flatMap((c) =>
              c.texts.map((t) => ({
                value: `${c.answerId}:${t.field}`,
                text: `${c.agencyName}, question ${c.questionNumber} (${c.answerLabel || 'not answered'}) – ${QUOTED_FIELD_LABELS[t.field]}: ${t.text}`,
                hint: { text: c.questionText },
              })),
            )}
          />
          <Button text="Save the quotes for this theme" />
        </form>
      )}
    </ReportSubpage>
  );
}

export function FinalisePage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  csrfToken: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, errors } = m;
  const base = reportBase(cycle);
  const error = fieldError(errors, 'confirm');
  return (
    <ReportSubpage chrome={m.chrome} cycle={cycle} heading="Make the findings report final" errors={errors}>
      <p class="govuk-body">
        Once final, the report’s text and good practice can no longer be changed, and its figures are kept as
        they stand today, even if grades are moderated later.
      </p>
      {errors?.byField.summary ? (
        <p class="govuk-body" id="missing-summary">
          <a class="govuk-link" href={`${base}/edit#summary`}>
            Write the summary
          </a>
        </p>
      ) : (
        ''
      )}
      {errors?.byField.recommendations ? (
        <p class="govuk-body" id="missing-recommendations">
          <a class="govuk-link" href={`${base}/edit#recommendations`}>
            Write the recommendations
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="post" action={`${base}/finalise`} novalidate>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        <Checkboxes
          name="confirm"
          idPrefix="confirm"
          errorMessage={error}
          items={[{ value: 'yes', text: 'The report is ready: make it final' }]}
        />
        <Button text="Make the report final" />
      </form>
    </ReportSubpage>
  );
}

/**
 * A save of the report's text that arrived after someone made the report final (409): nothing is
 * saved, and everything typed is shown, to be copied into what comes next.
 */
export function ReportMadeFinalPage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  finalisedByName: string | null;
  finalisedAt: Date | null;
  /** What was typed, by field label, in the form's order; empty fields left out. */
  typed: Array<{ label: string; text: string }>;
}): JSX.Element {
  const who = m.finalisedByName ?? 'Someone';
  const when = m.finalisedAt ? ` on ${formatDate(m.finalisedAt)}` : '';
  return (
    <ReportSubpage
      chrome={m.chrome}
      cycle={m.cycle}
      heading="The report was made final while you were editing it"
    >
      <p class="govuk-body" safe>
        {`${who} made the findings report final${when}, so it can no longer be changed and your changes have not been saved.`}
      </p>
      {m.typed.length > 0 ? (
        <>
          <p class="govuk-body">What you typed is below, so that you can copy anything you still need.</p>
          <SummaryList
            rows={m.typed.map((t) => ({
              key: { text: t.label },
              value: { text: t.text, classes: 'app-pre-wrap' },
            }))}
          />
        </>
      ) : (
        <p class="govuk-body">You had not typed anything in the report's sections.</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={reportBase(m.cycle)}>
          Go to the final report
        </a>
      </p>
    </ReportSubpage>
  );
}
