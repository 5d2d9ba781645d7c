/**
 * Documents on a question: on the theme page, each question's list (download, remove, keep last
 * year's) and its "Attach a document" file input; on check-answers and the records, the list.
 * The theme page's buttons post the whole theme form to the documents routes (`formaction`), so
 * what was typed comes back with the page; only "Attach" sends it as multipart.
 */
import { escapeHtml } from '@kitajs/html';
import type { QuestionDocument } from '../../../domain/question-documents.repository.ts';
import { formatFileSize } from '../../../lib/document-files.ts';
import { fieldError } from '../../../views/form-errors.ts';
import { FileUpload } from '../../../views/govuk/file-upload.tsx';
import { NotificationBanner } from '../../../views/govuk/notification-banner.tsx';
import type { QuestionInfo } from '../return-structure.ts';
import { type DocumentDone, QUESTION_DOCUMENTS, type ThemeDocumentsModel } from './question-documents.ts';

/** The file input of question `n` (named like its other fields, so its error keeps it in view). */
export const documentField = (n: number) => `q${n}-attach-document`;

export const documentHref = (returnId: string, id: string) => `/returns/${returnId}/documents/${id}`;

const routeBase = (m: ThemeDocumentsModel) => `/returns/${m.returnId}/themes/${m.themeId}/documents`;

/**
 * The form's default button: Enter in a text field saves the page as before, rather than pressing
 * the first document button (the first submit button of a form is the one Enter presses). Hidden
 * from sight, from the tab order and from assistive technology, which meet the page's own "Save and
 * continue" button at the end of the form, once.
 */
export function DefaultSaveButton(): JSX.Element {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: tabindex -1 keeps it out of the tab order (axe's aria-hidden-focus passes); without aria-hidden, screen readers meet two "Save and continue" buttons
    <button
      type="submit"
      name="intent"
      value="continue"
      class="govuk-visually-hidden"
      tabindex="-1"
      aria-hidden="true"
    >
      Save and continue
    </button>
  );
}

const DONE_TEXT: Record<DocumentDone, (name: string) => string> = {
  attached: (name) => `${name} is attached`,
  removed: (name) => `${name} has been removed`,
  restored: (name) => `${name} has been put back`,
  kept: (name) => `${name} is kept for this year’s return`,
};

/** The banner after a document was attached, removed (with "Undo"), put back or kept. */
export function DocumentsNotice({ m }: { m: ThemeDocumentsModel }): JSX.Element {
  const n = m.notice;
  if (!n) return '';
  const undo =
    n.done === 'removed' ? (
      <button
        type="submit"
        class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
        data-module="govuk-button"
        formaction={`${routeBase(m)}/${n.documentId}/restore`}
        formnovalidate
      >
        Undo<span class="govuk-visually-hidden"> removing {escapeHtml(n.fileName)}</span>
      </button>
    ) : (
      ''
    );
  return (
    <NotificationBanner type="success" titleId="documents-notice-title">
      <p class="govuk-notification-banner__heading" safe>
        {DONE_TEXT[n.done](n.fileName)}
      </p>
      {undo}
    </NotificationBanner>
  );
}

function DocumentLink(props: { returnId: string; d: QuestionDocument }): JSX.Element {
  const { d } = props;
  return (
    <>
      <a class="govuk-link" href={documentHref(props.returnId, d.id)} download="" safe>
        {d.fileName}
      </a>{' '}
      <span class="govuk-body-s" safe>
        {`(${formatFileSize(d.size)})`}
      </span>
    </>
  );
}

/** A question's documents and its file input, after the question on the theme page. */
export function QuestionDocuments(props: { m: ThemeDocumentsModel; q: QuestionInfo }): JSX.Element {
  const { m, q } = props;
  const documents = m.byQuestion.get(q.id) ?? [];
  const field = documentField(q.number);
  const base = routeBase(m);
  return (
    <div class="app-question-documents govuk-!-margin-bottom-6" id={`documents-${q.number}`}>
      {documents.length > 0 ? (
        <>
          {/* Not a heading: questions are legends, not headings, so an h3 here skipped a level (axe). */}
          <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">
            Documents attached to question {q.number}
          </p>
          <ul class="govuk-list">
            {documents.map((d) => (
              <li>
                <DocumentLink returnId={m.returnId} d={d} />
                {d.offered ? (
                  <>
                    {' '}
                    <strong class="govuk-tag govuk-tag--grey">From last audit</strong>
                    <button
                      type="submit"
                      class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2"
                      data-module="govuk-button"
                      formaction={`${base}/${d.id}/keep`}
                      formnovalidate
                    >
                      Keep<span class="govuk-visually-hidden"> {escapeHtml(d.fileName)}</span>
                    </button>
                  </>
                ) : (
                  ''
                )}
                <button
                  type="submit"
                  class="govuk-button govuk-button--warning govuk-!-margin-bottom-0 govuk-!-margin-left-2"
                  data-module="govuk-button"
                  formaction={`${base}/${d.id}/remove`}
                  formnovalidate
                >
                  Remove<span class="govuk-visually-hidden"> {escapeHtml(d.fileName)}</span>
                </button>
              </li>
            ))}
          </ul>
          {documents.some((d) => d.offered) ? (
            <p class="govuk-hint">
              Documents from last audit are not part of this return until you keep them.
            </p>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
      <FileUpload
        id={field}
        name={field}
        label={{ text: `Attach a document for question ${q.number} (optional)`, classes: 'govuk-label--s' }}
        hint={{
          text: `${QUESTION_DOCUMENTS.kindsText.replace(/^a /, 'A ')}, smaller than ${QUESTION_DOCUMENTS.sizeText}. Choose one file, then select “Attach”.`,
        }}
        errorMessage={fieldError(m.errors, field)}
        attributes={{ accept: QUESTION_DOCUMENTS_ACCEPT }}
      />
      <button
        type="submit"
        class="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        name="attach"
        value={String(q.number)}
        formaction={base}
        formenctype="multipart/form-data"
        formnovalidate
      >
        Attach<span class="govuk-visually-hidden"> a document to question {q.number}</span>
      </button>
    </div>
  );
}

const QUESTION_DOCUMENTS_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif';

/** A question's documents as check-answers and the records list them (names, to download). */
export function documentsHtml(returnId: string, documents: readonly QuestionDocument[] | undefined): string {
  if (!documents || documents.length === 0) return '';
  return `<p class="govuk-body-s govuk-!-margin-bottom-1">Documents:</p><ul class="govuk-list govuk-body-s govuk-!-margin-bottom-1">${documents
    .map(
      (d) =>
        `<li><a class="govuk-link" href="${documentHref(returnId, d.id)}" download>${escapeHtml(d.fileName)}</a> (${formatFileSize(d.size)})</li>`,
    )
    .join('')}</ul>`;
}
