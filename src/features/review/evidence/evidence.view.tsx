/** A return's evidence requests, and one request with the agency's answer (both sides read them). */
import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { FileUpload } from '../../../views/govuk/file-upload.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { WarningText } from '../../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import { formatFileSize } from '../evidence-file.ts';
import type { EvidenceRequest } from '../review.repository.ts';
import type { FormChrome } from '../review-kit.ts';
import { EvidenceStatusTag, EvidenceTable, Notice, ReturnCaption } from '../review-parts.tsx';
import { isEvidenceOverdue } from '../review-rules.ts';
import { REFERENCE_MAX } from './evidence-answer.form.ts';

export function EvidenceListPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  requests: EvidenceRequest[];
  now: Date;
  reviewer: boolean;
}): JSX.Element {
  const { ctx } = m;
  const overdue = m.requests.filter((r) => isEvidenceOverdue(r, m.now)).length;
  return (
    <Layout
      title={`Evidence requests – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={
        <BackLink
          href={m.reviewer ? `/returns/${ctx.id}/review` : `/returns/${ctx.id}`}
          text={m.reviewer ? 'Back to the review' : 'Back to your return'}
        />
      }
    >
      <ReturnCaption ctx={ctx} />
      <h1 class="govuk-heading-l">Evidence requests</h1>
      {overdue > 0 ? (
        <WarningText
          text={`${overdue} request${overdue === 1 ? ' is' : 's are'} past the date ${m.reviewer ? 'it was' : 'the partnership'} needed ${m.reviewer ? 'by' : 'it by'}.`}
        />
      ) : (
        ''
      )}
      <EvidenceTable ctx={ctx} themes={m.themes} requests={m.requests} now={m.now} />
    </Layout>
  );
}

export function EvidenceRequestPage(
  m: {
    ctx: ReturnContext;
    evidence: EvidenceRequest;
    theme: ThemeInfo | null;
    now: Date;
    reviewer: boolean;
    canAnswer: boolean;
    reference: string;
    notice?: string | undefined;
  } & FormChrome,
): JSX.Element {
  const { ctx, evidence: r } = m;
  const base = `/returns/${ctx.id}/evidence/${r.id}`;
  const overdue = isEvidenceOverdue(r, m.now);
  return (
    <Layout
      title={`Evidence request – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={
        <BackLink
          href={m.reviewer ? `/returns/${ctx.id}/review#evidence` : `/returns/${ctx.id}/evidence`}
          text={m.reviewer ? 'Back to the review' : 'Back to the evidence requests'}
        />
      }
    >
      <Notice text={m.notice} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Evidence request</h1>
          <p class="govuk-body">
            <EvidenceStatusTag request={r} now={m.now} />
          </p>
          {overdue && !m.reviewer ? (
            <WarningText
              text={`This was needed by ${formatDate(r.dueDate)}. Answer it as soon as you can.`}
            />
          ) : (
            ''
          )}
          <SummaryList
            rows={[
              { key: { text: 'Evidence needed' }, value: { text: r.description, classes: 'app-pre-wrap' } },
              {
                key: { text: 'About' },
                value: { text: m.theme ? `${m.theme.number}. ${m.theme.title}` : 'The return as a whole' },
              },
              { key: { text: 'Needed by' }, value: { text: formatDate(r.dueDate) } },
              {
                key: { text: 'Asked' },
                value: {
                  text: `${formatDateTime(r.createdAt)} by ${r.requestedByName ?? 'the partnership'}`,
                },
              },
              {
                key: { text: 'Where it is kept' },
                value: { text: r.responseReference || 'Not given' },
              },
              {
                key: { text: 'Answered' },
                value: {
                  text: r.respondedAt
                    ? `${formatDateTime(r.respondedAt)} by ${r.respondedByName ?? 'the agency'}`
                    : 'Not yet',
                },
              },
              ...(r.closedAt
                ? [{ key: { text: 'Satisfied' }, value: { text: formatDateTime(r.closedAt) } }]
                : []),
            ]}
          />
          <h2 class="govuk-heading-m">Files</h2>
          {r.files.length === 0 ? (
            <p class="govuk-body">No files uploaded.</p>
          ) : (
            <ul class="govuk-list" id="evidence-files">
              {r.files.map((f) => (
                <li>
                  <a class="govuk-link app-break-word" href={`${base}/files/${f.id}`} safe>
                    {f.fileName}
                  </a>{' '}
                  <span class="govuk-body-s" safe>
                    {`(${formatFileSize(f.size)}, uploaded ${formatDateTime(f.createdAt)} by ${f.uploadedByName ?? 'the agency'})`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {m.canAnswer ? (
            <form method="post" action={base} enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <h2 class="govuk-heading-m">{r.respondedAt ? 'Add to your answer' : 'Your answer'}</h2>
              <CharacterCount
                id="reference"
                name="reference"
                maxlength={REFERENCE_MAX}
                rows={3}
                label={{ text: 'Where the evidence is kept', classes: 'govuk-label--s' }}
                hint={{ text: 'For example, the document name and the shared drive or system it is on' }}
                value={m.reference}
                errorMessage={fieldError(m.errors, 'reference')}
              />
              <FileUpload
                id="file"
                name="file"
                label={{ text: 'Upload a file (optional)', classes: 'govuk-label--s' }}
                hint={{ text: 'A PDF, Word, Excel, PNG or JPEG file, smaller than 5 MB' }}
                errorMessage={fieldError(m.errors, 'file')}
                attributes={{ accept: '.pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg' }}
              />
              <Button text="Send answer" preventDoubleClick />
            </form>
          ) : (
            ''
          )}
          {m.reviewer && r.closedAt === null ? (
            <form method="post" action={`${base}/satisfied`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Button text="Mark as satisfied" classes="govuk-button--secondary" />
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
