/** A theme's read-only preview: an agency's before the audit opens, or a template author's. */

import { escapeHtml } from '@kitajs/html';
import { RAG_LABELS } from '../../../domain/rag.ts';
import { formatDayAndTime } from '../../../lib/dates.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import type { QuestionFlags } from '../carry-forward.ts';
import type { ThemeInfo } from '../return-structure.ts';
import { QuestionTags } from './question.view.tsx';
import { conditionText, previewAnswerText } from './question-text.ts';
import { stateFromSaved } from './theme.form.ts';
import { ThemeFields, ThemeIntroduction } from './theme-fields.view.tsx';

/**
 * A read-only preview of a theme: an agency's before the audit opens, or (with `author`) a template
 * author's, shown exactly as agencies will see it, with links back to the template instead.
 */
export function ThemePreviewPage(m: {
  chrome: PageChrome;
  returnId: string;
  agencyName: string;
  opensAt: Date;
  theme: ThemeInfo;
  themeCount: number;
  previous: ThemeInfo | null;
  next: ThemeInfo | null;
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
  author?: { back: { href: string; text: string }; themeHref: (themeId: string) => string; notice: string };
}): JSX.Element {
  const { theme } = m;
  const base = `/returns/${m.returnId}`;
  const themeHref = m.author?.themeHref ?? ((id: string) => `${base}/themes/${id}`);
  const d = theme.gradeDescriptors;
  return (
    <Layout
      title={`Preview: ${theme.title} – ${m.agencyName}`}
      {...m.chrome}
      beforeContent={
        <BackLink
          {...(m.author?.back ?? {
            href: base,
            text: 'Back to your return',
          })}
        />
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">
            Theme {theme.number} of {m.themeCount} · {escapeHtml(m.agencyName)}
          </span>
          <h1 class="govuk-heading-l" safe>
            {theme.title}
          </h1>
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              {m.author ? (
                escapeHtml(m.author.notice)
              ) : (
                <>
                  This is a preview. You can answer these questions when the audit opens on{' '}
                  {escapeHtml(formatDayAndTime(m.opensAt))}.
                </>
              )}
            </div>
          </div>
          <ThemeIntroduction theme={theme} />
          {m.author ? (
            <ThemeFields
              theme={theme}
              state={stateFromSaved(theme, new Map(), undefined)}
              flags={m.flags}
              preview
            />
          ) : (
            <>
              {theme.questions.map((q) => (
                <div class="app-question" id={`question-${q.number}`}>
                  <QuestionTags flags={m.flags?.get(q.id)} />
                  <h2 class="govuk-heading-s govuk-!-margin-bottom-2" safe>
                    {`${q.number}. ${q.text}`}
                  </h2>
                  {q.guidance ? (
                    <p class="govuk-hint" safe>
                      {q.guidance}
                    </p>
                  ) : (
                    ''
                  )}
                  <p class="govuk-body-s" safe>
                    {previewAnswerText(q)}
                  </p>
                  {q.showWhen ? (
                    <p class="govuk-body-s" safe>
                      {conditionText(q, theme)}
                    </p>
                  ) : (
                    ''
                  )}
                  {q.evidencePrompt ? (
                    <p class="govuk-body-s" safe>
                      {`Evidence you might reference: ${q.evidencePrompt}`}
                    </p>
                  ) : (
                    ''
                  )}
                </div>
              ))}
              <h2 class="govuk-heading-m">Your rating for this theme</h2>
              <p class="govuk-body">You will rate how well your organisation meets this theme:</p>
              <dl class="govuk-summary-list">
                {(['red', 'amber', 'green'] as const).map((rag) => (
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key" safe>
                      {RAG_LABELS[rag]}
                    </dt>
                    <dd class="govuk-summary-list__value" safe>
                      {d[rag]}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          <ul class="govuk-list">
            {m.previous ? (
              <li>
                <a class="govuk-link" href={themeHref(m.previous.id)}>
                  Previous theme<span class="govuk-visually-hidden">: </span>{' '}
                  <span safe>{m.previous.title}</span>
                </a>
              </li>
            ) : (
              ''
            )}
            {m.next ? (
              <li>
                <a class="govuk-link" href={themeHref(m.next.id)}>
                  Next theme<span class="govuk-visually-hidden">: </span> <span safe>{m.next.title}</span>
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </div>
      </div>
    </Layout>
  );
}
