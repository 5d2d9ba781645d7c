/** The theme page: guidance, each question with its options and details, then the theme's rating. */

import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../../lib/dates.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { type PageParts, partsAround } from '../../../views/page-parts.ts';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import type { QuestionFlags } from '../carry-forward.ts';
import type { ThemeInfo } from '../return-structure.ts';
import { DefaultSaveButton, DocumentsNotice, QuestionDocuments } from './documents.view.tsx';
import type { ThemeDocumentsModel } from './question-documents.ts';
import type { ThemeFormState } from './theme.form.ts';
import { ThemeIntroduction, themeFieldParts } from './theme-fields.view.tsx';

export interface ThemePageModel {
  chrome: PageChrome;
  csrfToken: string;
  returnId: string;
  agencyName: string;
  cycleName: string;
  theme: ThemeInfo;
  themeCount: number;
  state: ThemeFormState;
  errors?: FormErrors | undefined;
  /** When what is shown was kept from a form that could not be accepted. */
  keptAt?: string | undefined;
  /** What the form shows, fingerprinted (src/web/form-version.ts): the conflict rule's base. */
  shown: string;
  /** Focus, new and changed questions. */
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
  /** Questions whose saved answer was carried forward from the last audit and is not confirmed. */
  awaiting?: ReadonlySet<string> | undefined;
  /** Each question's documents and file input (documents.view.tsx). */
  documents?: ThemeDocumentsModel | undefined;
}

/** Sent in parts (src/views/page-parts.ts): its questions are each a part. */
export function ThemePage(m: ThemePageModel): PageParts {
  const { theme, state, errors } = m;
  const fields = themeFieldParts({
    theme,
    state,
    errors,
    flags: m.flags,
    awaiting: m.awaiting,
    afterQuestion: m.documents ? (q) => <QuestionDocuments m={m.documents!} q={q} /> : undefined,
  });
  return partsAround(
    (safeSlot) => (
      <Layout
        title={`${theme.title} – ${m.agencyName}`}
        {...m.chrome}
        errors={errors}
        beforeContent={<BackLink href={`/returns/${m.returnId}`} text="Back to your return" />}
      >
        <form
          method="post"
          action={`/returns/${m.returnId}/themes/${theme.id}`}
          novalidate
          data-app-autosave={`/returns/${m.returnId}/themes/${theme.id}/autosave`}
        >
          <input type="hidden" name="_csrf" value={m.csrfToken} />
          <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
          {m.documents ? <DefaultSaveButton /> : ''}
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
              {m.documents ? <DocumentsNotice m={m.documents} /> : ''}
              {m.keptAt ? (
                <div
                  class="govuk-notification-banner"
                  role="region"
                  aria-labelledby="kept-title"
                  data-module="govuk-notification-banner"
                >
                  <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="kept-title">
                      Not saved yet
                    </h2>
                  </div>
                  <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">
                      This page shows what you typed at {escapeHtml(formatDateTime(new Date(m.keptAt)))}.
                      Check it and save.
                    </p>
                  </div>
                </div>
              ) : (
                ''
              )}
              <span class="govuk-caption-l">
                Theme {theme.number} of {m.themeCount} · {escapeHtml(m.agencyName)}
              </span>
              <h1 class="govuk-heading-l" safe>
                {theme.title}
              </h1>
              <ThemeIntroduction theme={theme} />
              <p class="govuk-body">
                Answer each question, say what evidence shows it and where it is kept. You can save and come
                back at any time.
              </p>
              {m.awaiting && theme.questions.some((q) => m.awaiting!.has(q.id)) ? (
                <div class="govuk-inset-text" id="carried-forward">
                  <p class="govuk-body">
                    Answers marked “From last audit” are copied from your last submitted return. Check each
                    one and change anything that is different now.
                  </p>
                  <p class="govuk-body govuk-!-margin-bottom-0">
                    “Save and continue” confirms them as this year’s answers. “Save and continue later” keeps
                    them unconfirmed, and an unconfirmed answer counts as unanswered: if you submit without
                    confirming it, it is graded Red.
                  </p>
                </div>
              ) : (
                ''
              )}
              {safeSlot}
              {/* Autosave (public/app.js) says here, politely, when it saved or why it could not. */}
              <p class="govuk-hint" aria-live="polite" data-app-autosave-status></p>
              <div class="govuk-button-group">
                <Button text="Save and continue" name="intent" value="continue" />
                <Button
                  text="Save and continue later"
                  name="intent"
                  value="later"
                  classes="govuk-button--secondary"
                />
              </div>
            </div>
          </div>
        </form>
      </Layout>
    ),
    fields,
  );
}
