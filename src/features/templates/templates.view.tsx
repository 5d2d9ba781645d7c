/** The partnership's templates page (versions, import, export) and a read-only version page. */

import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { FileUpload } from '../../views/govuk/file-upload.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { DefinitionDetails } from './definition-details.view.tsx';
import type { ShareState } from './template-library.repository.ts';
import type {
  TemplateSummary,
  VersionStatus,
  VersionWithDefinition,
} from './template-versions.repository.ts';

export interface PartnershipRef {
  id: string;
  name: string;
  canManage: boolean;
}

export const templatesBase = (partnershipId: string) => `/partnerships/${partnershipId}/templates`;
export const versionBase = (partnershipId: string, versionId: string) =>
  `${templatesBase(partnershipId)}/versions/${versionId}`;

const STATUS: Record<VersionStatus, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--yellow' },
  published: { text: 'Published', classes: 'govuk-tag--green' },
  retired: { text: 'Retired', classes: 'govuk-tag--grey' },
};

export const StatusTag = (p: { status: VersionStatus }) => Tag(STATUS[p.status]);

export function TemplatesPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  templates: TemplateSummary[];
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = templatesBase(m.partnership.id);
  return (
    <Layout
      title="Templates"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href="/" text="Home" />}
    >
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Templates</h1>
      <p class="govuk-body">
        An audit asks the questions of one published template version. A published version never changes: to
        change a template, import a new version, check it and publish it.
      </p>
      {m.templates.map((t) => (
        <>
          <h2 class="govuk-heading-m" safe>
            {t.name}
          </h2>
          {Table({
            caption: `Versions of ${t.name}`,
            captionClasses: 'govuk-visually-hidden',
            head: [
              { text: 'Version' },
              { text: 'Status' },
              { text: 'Published' },
              { text: 'Changes' },
              { text: 'Export' },
            ],
            rows: t.versions.map((v) => {
              const href = versionBase(m.partnership.id, v.id);
              return [
                { html: `<a class="govuk-link" href="${href}">Version ${v.version}</a>` },
                { html: String(StatusTag({ status: v.status })) },
                { text: v.publishedAt ? formatDate(v.publishedAt) : 'Not published' },
                {
                  html:
                    v.version > 1 && t.versions.some((o) => o.version < v.version)
                      ? `<a class="govuk-link" href="${href}/compare">Compare<span class="govuk-visually-hidden"> version ${v.version}</span> with the one before</a>`
                      : 'First version',
                },
                {
                  html: `<a class="govuk-link" href="${href}/export.yaml">YAML<span class="govuk-visually-hidden"> of version ${v.version}</span></a> <a class="govuk-link" href="${href}/export.json">JSON<span class="govuk-visually-hidden"> of version ${v.version}</span></a> <a class="govuk-link" href="${href}/export.xlsx">XLSX<span class="govuk-visually-hidden"> of version ${v.version}</span></a>`,
                },
              ];
            }),
          })}
        </>
      ))}
      {m.templates.length === 0 ? <p class="govuk-body">The partnership has no templates yet.</p> : ''}
      <h2 class="govuk-heading-m">Template library</h2>
      <p class="govuk-body">
        Start from a built-in template (Section 11 for children, schools and colleges, adult safeguarding) or
        one another partnership shares:{' '}
        <a class="govuk-link" href={`${base}/library`}>
          go to the template library
        </a>
        .
      </p>
      {m.partnership.canManage ? (
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h2 class="govuk-heading-m">Create a template</h2>
            <p class="govuk-body">
              Write a new template here, theme by theme and question by question, or start a new draft from a
              published version on its page.
            </p>
            <Button text="Create a template" href={`${base}/new`} classes="govuk-button--secondary" />
            <h2 class="govuk-heading-m">Import a template</h2>
            <p class="govuk-body">
              A YAML or JSON file in the template file format (export a version above to see it) becomes a new
              draft. A file with the key of one of these templates becomes its next version; any other key
              makes a new template. Nothing is saved unless the whole file is correct.
            </p>
            <form method="post" action={`${base}/import`} enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <FileUpload
                name="file"
                label={{ text: 'Upload a YAML or JSON file', classes: 'govuk-label--s' }}
                hint={{ text: 'Smaller than 256 KB.' }}
                errorMessage={fieldError(m.errors, 'file')}
                attributes={{ accept: '.yaml,.yml,.json,application/json,application/yaml,text/yaml' }}
              />
              <Button text="Import as a draft" attributes={{ 'data-prevent-double-click': 'true' }} />
            </form>
            <h2 class="govuk-heading-m">Import a spreadsheet</h2>
            <p class="govuk-body">
              An Excel workbook (.xlsx) with a Template sheet and one sheet per theme, as exported above,
              becomes a new draft in the same way. Start from the{' '}
              <a class="govuk-link" href={`${base}/workbook.xlsx`}>
                blank template workbook (XLSX)
              </a>
              , which explains how to fill it in. Formulas and macros are not accepted.
            </p>
            <form method="post" action={`${base}/import-workbook`} enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <FileUpload
                name="workbook"
                label={{ text: 'Upload an XLSX workbook', classes: 'govuk-label--s' }}
                hint={{ text: 'Smaller than 1 MB.' }}
                errorMessage={fieldError(m.errors, 'workbook')}
                attributes={{
                  accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                }}
              />
              <Button
                text="Import workbook as a draft"
                attributes={{ 'data-prevent-double-click': 'true' }}
              />
            </form>
          </div>
        </div>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function VersionPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  version: VersionWithDefinition;
  /** How a published (or retired but still shared) version is shared; undefined for a draft. */
  sharing?: { share: ShareState | null; canShare: boolean } | undefined;
}): JSX.Element {
  const v = m.version;
  const d = v.definition;
  const href = versionBase(m.partnership.id, v.id);
  const action = (path: string, text: string, classes?: string) => (
    <form method="post" action={`${href}/${path}`} novalidate>
      <input type="hidden" name="_csrf" value={m.csrfToken} />
      <Button text={text} classes={classes} />
    </form>
  );
  return (
    <Layout
      title={`${d.name}, version ${v.version}`}
      {...m.chrome}
      beforeContent={<BackLink href={templatesBase(m.partnership.id)} text="Templates" />}
    >
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l" safe>{`${d.name}, version ${v.version}`}</h1>
      <p class="govuk-body">
        <StatusTag status={v.status} />
      </p>
      {d.description ? (
        <p class="govuk-body" safe>
          {d.description}
        </p>
      ) : (
        ''
      )}
      <p class="govuk-body">
        Export this version as{' '}
        <a class="govuk-link" href={`${href}/export.yaml`}>
          YAML
        </a>
        ,{' '}
        <a class="govuk-link" href={`${href}/export.json`}>
          JSON
        </a>{' '}
        or an{' '}
        <a class="govuk-link" href={`${href}/export.xlsx`}>
          XLSX workbook
        </a>
        .
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${href}/compare`}>
          Compare with another version
        </a>
      </p>
      {m.partnership.canManage && v.status === 'draft' ? (
        <div class="govuk-button-group">
          <Button text="Edit this draft" href={`${href}/edit`} />
          {action('publish', 'Publish', 'govuk-button--secondary')}
          {action('delete', 'Delete draft', 'govuk-button--warning')}
        </div>
      ) : (
        ''
      )}
      {m.partnership.canManage && v.status === 'published' ? (
        <div class="govuk-button-group">
          {action('new-draft', 'Create a new draft from this version')}
          {action('retire', 'Retire', 'govuk-button--secondary')}
        </div>
      ) : (
        ''
      )}
      {m.partnership.canManage && v.status === 'retired' ? (
        <div class="govuk-button-group">{action('new-draft', 'Create a new draft from this version')}</div>
      ) : (
        ''
      )}
      {m.sharing ? (
        <SharingSummary
          partnership={m.partnership}
          versionId={v.id}
          share={m.sharing.share}
          canShare={m.sharing.canShare}
        />
      ) : (
        ''
      )}
      <DefinitionDetails definition={d} themePreviewHref={(i) => `${href}/themes/${v.themeIds[i]}/preview`} />
    </Layout>
  );
}

/** On a published version's page: how it is shared, with a link to change it (admins). */
export function SharingSummary(m: {
  partnership: PartnershipRef;
  versionId: string;
  share: ShareState | null;
  /** False for a retired version: it can only stop being shared. */
  canShare: boolean;
}): JSX.Element {
  const href = versionBase(m.partnership.id, m.versionId);
  return (
    <>
      <h2 class="govuk-heading-m">Sharing</h2>
      <p class="govuk-body" safe>
        {shareText(m.share)}
      </p>
      {!m.canShare && m.share ? (
        <p class="govuk-body">A retired version is no longer shown in other partnerships’ libraries.</p>
      ) : (
        ''
      )}
      {m.partnership.canManage && (m.canShare || m.share) ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${href}/sharing`}>
            {!m.share
              ? 'Share with other partnerships'
              : m.canShare
                ? 'Change or stop sharing'
                : 'Stop sharing'}
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

export function shareText(share: ShareState | null): string {
  if (!share) return 'Not shared with other partnerships.';
  if (share.allPartnerships) return `Shared with every partnership since ${formatDate(share.sharedAt)}.`;
  return `Shared with ${share.recipients.map((r) => r.name).join(', ') || 'no partnership that still exists'} since ${formatDate(share.sharedAt)}.`;
}
