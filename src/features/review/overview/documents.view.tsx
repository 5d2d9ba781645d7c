/**
 * The documents the agency attached to its questions, on the review page: each with its theme and
 * question, to download (last year's documents the agency has not kept are not part of the return,
 * and not listed).
 */
import type { QuestionDocument } from '../../../domain/question-documents.repository.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { formatFileSize } from '../../../lib/document-files.ts';
import { Table } from '../../../views/govuk/table.tsx';
import { toHtml } from '../../../views/render.ts';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import { documentHref } from '../../returns/theme/documents.view.tsx';

export function ReviewDocuments(props: {
  returnId: string;
  themes: ThemeInfo[];
  documents: readonly QuestionDocument[];
}): JSX.Element {
  // In the order of the return: theme by theme, question by question, oldest document first.
  const rows = props.themes.flatMap((t) =>
    t.questions.flatMap((q) =>
      props.documents.filter((d) => d.questionId === q.id).map((d) => ({ t, q, d })),
    ),
  );
  if (rows.length === 0)
    return <p class="govuk-body">The agency has not attached documents to its answers.</p>;
  return (
    <Table
      caption="Documents attached to the answers"
      captionClasses="govuk-visually-hidden"
      attributes={{ id: 'documents-table' }}
      head={[{ text: 'Question' }, { text: 'Document' }, { text: 'Attached' }]}
      rows={rows.map(({ t, q, d }) => [
        {
          html: toHtml(
            <>
              <span
                class="govuk-!-display-block"
                safe
              >{`${t.number}. ${t.title}, question ${q.number}`}</span>
              <span class="govuk-body-s govuk-!-display-block app-break-word" safe>
                {q.text}
              </span>
            </>,
          ),
        },
        {
          html: toHtml(
            <>
              <a class="govuk-link app-break-word" href={documentHref(props.returnId, d.id)} download="" safe>
                {d.fileName}
              </a>{' '}
              <span class="govuk-body-s" safe>{`(${formatFileSize(d.size)})`}</span>
            </>,
          ),
        },
        {
          text: `${formatDateTime(d.createdAt)}${d.uploadedByName ? ` by ${d.uploadedByName}` : ''}`,
          classes: 'govuk-body-s',
        },
      ])}
    />
  );
}
