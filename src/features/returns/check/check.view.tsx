/** Check your answers, then submit. */

import { escapeHtml } from '@kitajs/html';
import type { QuestionDocument } from '../../../domain/question-documents.repository.ts';
import { formatDate } from '../../../lib/dates.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { SummaryList, type SummaryListOptions } from '../../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { type PageParts, partsAround } from '../../../views/page-parts.ts';
import { RagTag } from '../../../views/rag-tag.tsx';
import { toHtml } from '../../../views/render.ts';
import { answerText, hasAnswer, notAnsweredText, shownQuestions } from '../answer-scales.ts';
import type { QuestionFlags } from '../carry-forward.ts';
import {
  completedBy,
  isPartnershipStaff,
  LOCKED_THEME_REASON,
  receivers,
  signedOffBy,
} from '../return-presenters.ts';
import type { AnswerValues, ThemeInfo, ThemeRatingValues } from '../return-structure.ts';
import { submissionProblems } from '../return-submission.service.ts';
import type { ReturnContext } from '../returns.repository.ts';
import { documentsHtml } from '../theme/documents.view.tsx';
import { QuestionTags } from '../theme/question.view.tsx';

export interface CheckThemeModel {
  theme: ThemeInfo;
  answers: ReadonlyMap<string, AnswerValues>;
  rating: ThemeRatingValues | undefined;
  unanswered: number[];
  /** A theme a contributor is not assigned: its title only, none of its answers. */
  notAssigned?: boolean;
  /** Returned for changes, but this theme was not reopened: shown without change links. */
  locked?: boolean;
  /** Focus, new and changed questions. */
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
  /** Each question's attached documents (names, to download). */
  documents?: ReadonlyMap<string, readonly QuestionDocument[]> | undefined;
}

export function answerRows(ctxId: string, t: CheckThemeModel, editable: boolean): SummaryListOptions['rows'] {
  const href = `/returns/${ctxId}/themes/${t.theme.id}`;
  // A question hidden by its condition is not part of the return: it is not listed.
  const rows: SummaryListOptions['rows'] = shownQuestions(t.theme.questions, t.answers).map((q) => {
    const a = t.answers.get(q.id);
    const parts: string[] = [];
    const flags = t.flags?.get(q.id);
    const tags = toHtml(
      <QuestionTags flags={flags} awaiting={a?.awaitingConfirmation === true} readOnly={!editable} />,
    );
    if (tags) parts.push(tags);
    parts.push(
      `<p class="govuk-body govuk-!-margin-bottom-1 app-pre-wrap"><strong>${hasAnswer(q, a) ? escapeHtml(answerText(q, a)) : notAnsweredText(q)}</strong></p>`,
    );
    if (a?.naReason)
      parts.push(
        `<p class="govuk-body-s govuk-!-margin-bottom-1">Why it does not apply: ${escapeHtml(a.naReason)}</p>`,
      );
    if (a?.evidenceDocument || a?.evidenceLocation)
      parts.push(
        `<p class="govuk-body-s govuk-!-margin-bottom-1">Evidence: ${escapeHtml(a.evidenceDocument || 'not named')}${a.evidenceLocation ? ` (kept: ${escapeHtml(a.evidenceLocation)})` : ''}</p>`,
      );
    parts.push(documentsHtml(ctxId, t.documents?.get(q.id)));
    if (a?.comment)
      parts.push(`<p class="govuk-body-s govuk-!-margin-bottom-1">Comments: ${escapeHtml(a.comment)}</p>`);
    if (a?.impact)
      parts.push(`<p class="govuk-body-s govuk-!-margin-bottom-1">Impact: ${escapeHtml(a.impact)}</p>`);
    if (a?.actionDescription)
      parts.push(
        `<p class="govuk-body-s govuk-!-margin-bottom-1">Area for development: ${escapeHtml(a.actionDescription)}${a.actionTargetDate ? ` (by ${escapeHtml(formatDate(a.actionTargetDate))})` : ''}</p>`,
      );
    return {
      key: { text: `${q.number}. ${q.text}` },
      value: { html: parts.join('') },
      ...(editable
        ? {
            actions: {
              items: [
                {
                  href: `${href}#question-${q.number}`,
                  text: 'Change',
                  visuallyHiddenText: `answer to question ${q.number}`,
                },
              ],
            },
          }
        : {}),
    };
  });
  const r = t.rating;
  rows.push({
    key: { text: 'Your rating for this theme' },
    value: {
      html: `${toHtml(<RagTag rating={r?.rating ?? null} />)}${r?.justification ? `<p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">${escapeHtml(r.justification)}</p>` : ''}${r?.actionDescription ? `<p class="govuk-body-s govuk-!-margin-bottom-0">Area for development: ${escapeHtml(r.actionDescription)}${r.actionTargetDate ? ` (by ${escapeHtml(formatDate(r.actionTargetDate))})` : ''}</p>` : ''}`,
    },
    ...(editable
      ? {
          actions: {
            items: [
              { href: `${href}#rating-heading`, text: 'Change', visuallyHiddenText: 'rating for this theme' },
            ],
          },
        }
      : {}),
  });
  return rows;
}

export function CheckPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  themes: CheckThemeModel[];
  editable: boolean;
  canSubmit: boolean;
  errors?: FormErrors | undefined;
}): PageParts {
  const { ctx } = m;
  const unansweredThemes = m.themes.filter((t) => t.unanswered.length > 0);
  const problems = submissionProblems(ctx);
  const staff = isPartnershipStaff(ctx);
  const base = `/returns/${ctx.id}`;
  // Sent in parts (src/views/page-parts.ts), a theme's answers a part: a return of 100 answered
  // questions is well over 64 KB.
  const themes = m.themes.map((t) =>
    toHtml(
      <>
        <h2 class="govuk-heading-m" id={`theme-${t.theme.number}`} safe>
          {`${t.theme.number}. ${t.theme.title}`}
        </h2>
        {t.locked && m.editable ? (
          <p class="govuk-body" id={`theme-${t.theme.number}-locked`}>
            <strong class="govuk-tag govuk-tag--grey">Locked</strong> {LOCKED_THEME_REASON}
          </p>
        ) : (
          ''
        )}
        {t.notAssigned ? (
          <p class="govuk-body">This theme is not assigned to you.</p>
        ) : (
          <SummaryList rows={answerRows(ctx.id, t, m.editable && !t.locked)} />
        )}
      </>,
    ),
  );
  return partsAround(
    (safeSlot) => (
      <Layout
        title={`${staff ? 'Answers' : 'Check your answers'} – ${ctx.agencyName}`}
        {...m.chrome}
        errors={m.errors}
        beforeContent={<BackLink href={base} text={staff ? 'Back to the return' : 'Back to your return'} />}
      >
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-full">
            <span class="govuk-caption-l" safe>
              {ctx.agencyName}
            </span>
            <h1 class="govuk-heading-l">
              {m.editable
                ? 'Check your answers before submitting your return'
                : staff
                  ? 'The agency’s answers'
                  : 'Your answers'}
            </h1>
            {m.editable && unansweredThemes.length > 0 ? (
              <div class="govuk-warning-text" id="unanswered">
                <span class="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <div class="govuk-warning-text__text">
                  <span class="govuk-visually-hidden">Warning</span>
                  If you submit now, these unanswered questions will be graded Red, and so will their themes:
                  <ul class="govuk-list govuk-list--bullet govuk-!-margin-top-2">
                    {unansweredThemes.map((t) => (
                      <li>
                        <a class="govuk-link" href={`${base}/themes/${t.theme.id}`} safe>
                          {t.theme.title}
                        </a>
                        : question{t.unanswered.length === 1 ? '' : 's'} {escapeHtml(t.unanswered.join(', '))}
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : (
              ''
            )}
            {m.editable && m.canSubmit && problems.length > 0 ? (
              <div class="govuk-warning-text" id="before-you-submit">
                <span class="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <div class="govuk-warning-text__text">
                  <span class="govuk-visually-hidden">Warning</span>
                  You cannot submit your return until you have:
                  <ul class="govuk-list govuk-list--bullet govuk-!-margin-top-2">
                    {problems.includes('details') ? (
                      <li>
                        <a class="govuk-link" href={`${base}/details`}>
                          saved the details of the person completing it
                        </a>
                      </li>
                    ) : (
                      ''
                    )}
                    {problems.includes('signoff') ? (
                      <li>
                        <a class="govuk-link" href={`${base}/sign-off`}>
                          recorded its sign-off by your senior officer
                        </a>
                      </li>
                    ) : (
                      ''
                    )}
                  </ul>
                </div>
              </div>
            ) : (
              ''
            )}
            {/* The completer's and signatory's contact details are not a contributor's to see (as the details page). */}
            {ctx.access === 'contributor' ? (
              ''
            ) : (
              <>
                <h2 class="govuk-heading-m" id="your-details">
                  {staff ? 'Who completed and signed it off' : 'Your details'}
                </h2>
                <SummaryList
                  rows={[
                    { key: { text: 'Organisation' }, value: { text: ctx.agencyName } },
                    {
                      key: { text: 'Completed by' },
                      value: {
                        text: completedBy(ctx) || 'Not saved yet',
                      },
                      ...(m.editable && m.canSubmit
                        ? {
                            actions: {
                              items: [
                                {
                                  href: `${base}/details`,
                                  text: 'Change',
                                  visuallyHiddenText: 'your details',
                                },
                              ],
                            },
                          }
                        : {}),
                    },
                    {
                      key: { text: 'Signed off by' },
                      value: {
                        text: signedOffBy(ctx) ?? 'Not signed off yet',
                      },
                      ...(m.editable && m.canSubmit
                        ? {
                            actions: {
                              items: [
                                { href: `${base}/sign-off`, text: 'Change', visuallyHiddenText: 'sign-off' },
                              ],
                            },
                          }
                        : {}),
                    },
                  ]}
                />
              </>
            )}
            {safeSlot}
            {m.editable ? (
              <>
                <h2 class="govuk-heading-m">Now submit your return</h2>
                <p class="govuk-body">
                  By submitting, you confirm the return is accurate to the best of your knowledge. Once
                  submitted, you cannot change it: your partnership can return it to you if changes are
                  needed. A copy goes to {escapeHtml(receivers(ctx))}.
                </p>
                {m.canSubmit ? (
                  <form method="post" action={`${base}/submit`} novalidate>
                    <input type="hidden" name="_csrf" value={m.csrfToken} />
                    <Button text="Submit return" attributes={{ 'data-prevent-double-click': 'true' }} />
                  </form>
                ) : (
                  <p class="govuk-body">Only your agency lead can submit the return.</p>
                )}
              </>
            ) : (
              ''
            )}
          </div>
        </div>
      </Layout>
    ),
    themes,
  );
}
