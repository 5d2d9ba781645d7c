/** The pages of a cycle's exports: asking for one, and following its progress to the download. */
import { escapeHtml } from '@kitajs/html';
import type { CycleExportFormat, CycleExportStatus } from '../../db/schema.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import { exportErrorForPeople } from './cycle-export.messages.ts';
import { EXPORT_KEPT_DAYS, type ExportSummary } from './cycle-exports.repository.ts';

export const FORMAT_LABELS: Record<CycleExportFormat, string> = {
  xlsx: 'Spreadsheet (XLSX)',
  csv: 'CSV',
};

export const EXPORT_STATUS_TAGS: Record<CycleExportStatus, { text: string; classes: string }> = {
  queued: { text: 'Waiting to start', classes: 'govuk-tag--grey' },
  running: { text: 'Being prepared', classes: 'govuk-tag--blue' },
  done: { text: 'Ready', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

export const exportsPath = (cycleId: string) => `/cycles/${cycleId}/exports`;
export const exportPath = (cycleId: string, exportId: string) => `${exportsPath(cycleId)}/${exportId}`;

/** How far an export has gone, in words. */
export function progressWords(
  e: Pick<ExportSummary, 'status' | 'returnsDone' | 'returnsTotal' | 'rowCount'>,
) {
  if (e.status === 'queued') return `Waiting to start: ${e.returnsTotal} returns to read`;
  if (e.status === 'running') return `${e.returnsDone} of ${e.returnsTotal} returns read`;
  if (e.status === 'done') return `${e.rowCount ?? 0} answers from ${e.returnsTotal} returns`;
  return 'It could not be prepared';
}

export function ExportsPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: CycleInfo;
  exports: ExportSummary[];
  format: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle } = m;
  const joint = cycle.viewerPartnershipId !== cycle.partnershipId;
  return (
    <Layout
      title="Download every answer"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/cycles/${cycle.id}`} text="Back to the audit" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {cycle.name}
          </span>
          <h1 class="govuk-heading-l">Download every answer</h1>
          <p class="govuk-body">
            {joint
              ? 'The file holds the returns of your partnership’s member agencies in this joint audit.'
              : 'The file holds every return in this audit, started or not.'}{' '}
            It has one row for each agency and question, with:
          </p>
          <ul class="govuk-list govuk-list--bullet">
            <li>the agency, its sector, localities, basis, return status and reference</li>
            <li>the theme and question, the answer, the reason for N/A, evidence, comment and impact</li>
            <li>the action with its target date, status and lead</li>
            <li>the agency’s theme rating and justification, the moderated grade and its reason</li>
            <li>the challenges on the theme, with their dates and authors</li>
          </ul>
          <p class="govuk-body">
            The spreadsheet also has sheets of grade counts for each agency and theme, participation by
            sector, and every action. The CSV file holds the answers only.
          </p>
          <p class="govuk-body">
            {escapeHtml(
              `Large audits are prepared in the background. Files are kept for ${EXPORT_KEPT_DAYS} days, for people of your partnership only.`,
            )}
          </p>
          <form method="post" action={exportsPath(cycle.id)} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Radios
              name="format"
              fieldset={{ legend: { text: 'Choose a format', classes: 'govuk-fieldset__legend--m' } }}
              errorMessage={fieldError(m.errors, 'format')}
              value={m.format}
              items={(['xlsx', 'csv'] as const).map((f) => ({ value: f, text: FORMAT_LABELS[f] }))}
            />
            <Button text="Prepare the download" preventDoubleClick />
          </form>
        </div>
      </div>
      <h2 class="govuk-heading-m">Downloads prepared</h2>
      {m.exports.length === 0 ? (
        <p class="govuk-body">None yet.</p>
      ) : (
        <Table
          caption="Downloads prepared in the last 7 days"
          captionClasses="govuk-visually-hidden"
          firstCellIsHeader
          head={[
            { text: 'Asked for' },
            { text: 'By' },
            { text: 'Format' },
            { text: 'Status' },
            { text: 'File' },
          ]}
          rows={m.exports.map((e) => [
            { text: formatDateTime(e.createdAt) },
            { text: e.requestedByName ?? 'Someone no longer here' },
            { text: FORMAT_LABELS[e.format] },
            { html: toHtml(<Tag {...EXPORT_STATUS_TAGS[e.status]} />) },
            {
              html:
                e.status === 'done'
                  ? `<a class="govuk-link" href="${exportPath(cycle.id, e.id)}/download">Download<span class="govuk-visually-hidden"> the file asked for at ${escapeHtml(formatDateTime(e.createdAt))}</span></a>`
                  : `<a class="govuk-link" href="${exportPath(cycle.id, e.id)}">See progress<span class="govuk-visually-hidden"> of the file asked for at ${escapeHtml(formatDateTime(e.createdAt))}</span></a>`,
            },
          ])}
        />
      )}
    </Layout>
  );
}

export function ExportPage(m: { chrome: PageChrome; cycle: CycleInfo; export: ExportSummary }): JSX.Element {
  const { cycle, export: e } = m;
  const path = exportPath(cycle.id, e.id);
  const waiting = e.status === 'queued' || e.status === 'running';
  const title =
    e.status === 'done'
      ? 'Your download is ready'
      : waiting
        ? 'Preparing your download'
        : 'Your download failed';
  return (
    <Layout
      title={title}
      {...m.chrome}
      beforeContent={<BackLink href={exportsPath(cycle.id)} text="Back to downloads" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {cycle.name}
          </span>
          <h1 class="govuk-heading-l">{title}</h1>
          <div data-app-export-status={`${path}/status.json`}>
            <SummaryList
              rows={[
                {
                  key: { text: 'Status' },
                  value: { html: toHtml(<Tag {...EXPORT_STATUS_TAGS[e.status]} />) },
                },
                { key: { text: 'Format' }, value: { text: FORMAT_LABELS[e.format] } },
                { key: { text: 'Asked for' }, value: { text: formatDateTime(e.createdAt) } },
                { key: { text: 'Kept until' }, value: { text: formatDateTime(e.expiresAt) } },
              ]}
            />
            <p class="govuk-body" aria-live="polite" data-app-export-progress safe>
              {progressWords(e)}
            </p>
          </div>
          {e.status === 'done' ? (
            <Button text={`Download the ${FORMAT_LABELS[e.format]} file`} href={`${path}/download`} />
          ) : waiting ? (
            <>
              <p class="govuk-body">
                This can take a few minutes for a large audit. You can leave this page and come back to it
                from the audit’s downloads.
              </p>
              <p class="govuk-body">
                <a class="govuk-link" href={path} data-app-export-refresh>
                  Check progress again
                </a>
              </p>
            </>
          ) : (
            <>
              {exportErrorForPeople(e.error) ? (
                <p class="govuk-body" safe>
                  {exportErrorForPeople(e.error)}
                </p>
              ) : (
                <p class="govuk-body">
                  Something went wrong while preparing it. Ask for it again; if it fails again, tell the
                  people who run this service (what went wrong is recorded for them).
                </p>
              )}
              <p class="govuk-body">
                <a class="govuk-link" href={exportsPath(cycle.id)}>
                  Try again
                </a>
              </p>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
