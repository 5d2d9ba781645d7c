/** Importing agencies: the upload page (with the template and the allowed values) and the preview. */
import { escapeHtml } from '@kitajs/html';
import { AGENCY_SECTORS } from '../../db/schema.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Details } from '../../views/govuk/details.tsx';
import { ErrorMessage } from '../../views/govuk/error-message.tsx';
import { FileUpload } from '../../views/govuk/file-upload.tsx';
import { Table, type TableCell } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { PartnershipRef } from './agencies.view.tsx';
import { IMPORT_COLUMNS, type ImportColumn } from './agency-import-file.ts';
import type { CheckedRow } from './agency-import-rows.ts';
import { IMPORT_NOTES } from './agency-import-template.ts';
import { SECTOR_LABELS } from './sectors.ts';

const base = (partnershipId: string) => `/partnerships/${partnershipId}/agencies`;

export function ImportUploadPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  localityNames: string[];
  errors?: FormErrors | undefined;
}): JSX.Element {
  const agencies = base(m.partnership.id);
  return (
    <Layout
      title="Import agencies from a spreadsheet"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={agencies} text="Agencies" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Import agencies from a spreadsheet</h1>
          <p class="govuk-body">
            Add many agencies at once from a CSV or XLSX file. You will see every row checked before anything
            is saved, and nothing is imported unless every row is correct.
          </p>
          <h2 class="govuk-heading-m">1. Download the template</h2>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`${agencies}/import/template.xlsx`} download="">
                Template as an XLSX spreadsheet
              </a>{' '}
              (its second sheet lists the allowed values)
            </li>
            <li>
              <a class="govuk-link" href={`${agencies}/import/template.csv`} download="">
                Template as a CSV file
              </a>
            </li>
          </ul>
          <p class="govuk-body" safe>
            {`Its columns are ${IMPORT_COLUMNS.map((c) => c.header).join(', ')}.`}
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {IMPORT_NOTES.map((note) => (
              <li safe>{note}</li>
            ))}
          </ul>
          <Details summaryText="Sectors you can use">
            <ul class="govuk-list">
              {AGENCY_SECTORS.map((s) => (
                <li safe>{SECTOR_LABELS[s]}</li>
              ))}
            </ul>
          </Details>
          <Details summaryText="This partnership’s localities">
            {m.localityNames.length ? (
              <ul class="govuk-list">
                {m.localityNames.map((name) => (
                  <li safe>{name}</li>
                ))}
              </ul>
            ) : (
              <p class="govuk-body">The partnership has no localities yet.</p>
            )}
          </Details>
          <h2 class="govuk-heading-m">2. Upload your file</h2>
          <form method="post" action={`${agencies}/import`} enctype="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <FileUpload
              name="file"
              label={{ text: 'Upload a CSV or XLSX file', classes: 'govuk-label--s' }}
              hint={{ text: 'Smaller than 1 MB, with at most 2,000 agencies.' }}
              errorMessage={fieldError(m.errors, 'file')}
              attributes={{
                accept:
                  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              }}
            />
            <Button text="Upload and check" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

const BASIS_LABELS: Record<string, string> = { statutory: 'Statutory', voluntary: 'Voluntary' };

/** A table cell showing what will be created, or what the file holds with its problem beneath. */
function cell(row: CheckedRow, column: ImportColumn): TableCell {
  const problem = row.problems.find((p) => p.column === column);
  const v = row.values;
  const shown = v
    ? {
        name: v.name,
        sector: SECTOR_LABELS[v.sector],
        basis: BASIS_LABELS[v.basis] ?? '',
        localities: row.localityNames.join(', '),
        leadContactEmail: v.leadContactEmail ?? 'Not given',
      }[column]
    : row.source[column];
  if (!problem) return { text: shown, classes: 'govuk-body-s' };
  return {
    html: `${escapeHtml(shown)}${ErrorMessage({ text: problem.message, classes: 'govuk-!-margin-bottom-0' }) as string}`,
    classes: 'govuk-body-s',
  };
}

export function ImportPreviewPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  importId: string;
  fileName: string;
  rows: CheckedRow[];
  errors?: FormErrors | undefined;
}): JSX.Element {
  const agencies = base(m.partnership.id);
  const bad = m.rows.filter((r) => r.problems.length > 0);
  const count = m.rows.length;
  const invited = m.rows.filter((r) => r.values?.leadContactEmail).length;
  const plural = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  return (
    <Layout
      title="Check the agencies to import"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`${agencies}/import`} text="Upload a different file" />}
    >
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Check the agencies to import</h1>
      <p class="govuk-body" safe>
        {`From ${m.fileName}: ${plural(count, 'agency', 'agencies')}.`}
      </p>
      {bad.length ? (
        <>
          <p class="govuk-body" safe>
            {`${plural(bad.length, 'row has', 'rows have')} problems, shown below. Nothing has been imported. Correct your file and upload it again.`}
          </p>
          <a
            href={`${agencies}/import`}
            role="button"
            draggable="false"
            class="govuk-button"
            data-module="govuk-button"
          >
            Upload a corrected file
          </a>
        </>
      ) : (
        <form method="post" action={`${agencies}/import/${m.importId}`}>
          <input type="hidden" name="_csrf" value={m.csrfToken} />
          <p class="govuk-body" safe>
            {`${plural(count, 'agency', 'agencies')} will be added to the partnership. Nothing is saved until you import them.`}
          </p>
          {invited > 0 ? (
            <p class="govuk-body" safe>
              {`${plural(invited, 'lead contact', 'lead contacts')} will be invited at once to sign in as ${invited === 1 ? 'its agency’s' : 'their agencies’'} agency lead, by email with a link valid for 7 days.`}
            </p>
          ) : (
            ''
          )}
          <Button
            text={`Import ${plural(count, 'agency', 'agencies')}`}
            attributes={{ 'data-prevent-double-click': 'true' }}
          />
        </form>
      )}
      <Table
        caption="Rows of the file"
        captionClasses="govuk-table__caption--m"
        firstCellIsHeader
        head={[{ text: 'Row' }, ...IMPORT_COLUMNS.map((c) => ({ text: c.header })), { text: 'Result' }]}
        rows={m.rows.map((r) => [
          { text: r.source.row, attributes: { id: `row-${r.source.row}`, tabindex: '-1' } },
          ...IMPORT_COLUMNS.map((c) => cell(r, c.key)),
          {
            html: (r.problems.length
              ? Tag({ text: 'Has problems', classes: 'govuk-tag--red' })
              : Tag({
                  text: r.values?.leadContactEmail ? 'Will be added, lead invited' : 'Will be added',
                  classes: 'govuk-tag--green',
                })) as string,
          },
        ])}
      />
    </Layout>
  );
}
