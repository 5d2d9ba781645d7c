/**
 * The template library (built-in templates and those other partnerships share), a library
 * template's page with the form to adopt it, and the page where an admin shares a published version.
 */
import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { InsetText } from '../../views/govuk/inset-text.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { BuiltinTemplate } from './builtin/library.ts';
import { DefinitionDetails } from './definition-details.view.tsx';
import type { TemplateDefinition } from './template-definition.ts';
import type { PartnershipName, SharedTemplate, ShareState } from './template-library.repository.ts';
import type { VersionWithDefinition } from './template-versions.repository.ts';
import { type PartnershipRef, shareText, templatesBase, versionBase } from './templates.view.tsx';

export const libraryBase = (partnershipId: string) => `${templatesBase(partnershipId)}/library`;

const counts = (d: TemplateDefinition) =>
  `${d.themes.length} themes, ${d.themes.reduce((n, t) => n + t.questions.length, 0)} questions`;

export function LibraryPage(m: {
  chrome: PageChrome;
  partnership: PartnershipRef;
  builtin: readonly BuiltinTemplate[];
  shared: SharedTemplate[];
}): JSX.Element {
  const base = libraryBase(m.partnership.id);
  return (
    <Layout
      title="Template library"
      {...m.chrome}
      beforeContent={<BackLink href={templatesBase(m.partnership.id)} text="Templates" />}
    >
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Template library</h1>
      <p class="govuk-body">
        Start a template from one of these. Adopting one copies it into your partnership’s templates, as a
        draft you can check and change or published ready for an audit. Your copy is yours: later changes to
        the original never change it.
      </p>
      <h2 class="govuk-heading-m">Built-in templates</h2>
      {m.builtin.map((b) =>
        SummaryList({
          card: {
            title: { text: b.definition.name, headingLevel: 3 },
            actions: {
              items: [
                {
                  href: `${base}/builtin/${b.definition.key}`,
                  text: m.partnership.canManage ? 'View and adopt' : 'View',
                },
              ],
            },
          },
          rows: [
            { key: { text: 'For' }, value: { text: b.audience } },
            { key: { text: 'Contents' }, value: { text: counts(b.definition) } },
          ],
        }),
      )}
      <h2 class="govuk-heading-m">Shared by other partnerships</h2>
      {m.shared.length === 0 ? (
        <p class="govuk-body">No other partnership shares a template with yours at the moment.</p>
      ) : (
        Table({
          caption: 'Templates shared with your partnership',
          captionClasses: 'govuk-visually-hidden',
          head: [{ text: 'Template' }, { text: 'Shared by' }, { text: 'Shared on' }],
          rows: m.shared.map((s) => [
            {
              html: `<a class="govuk-link" href="${base}/shared/${s.versionId}">${escapeHtml(s.templateName)}, version ${s.version}</a>`,
            },
            { text: s.sharedByName ? `${s.sharerName} (${s.sharedByName})` : s.sharerName },
            { text: formatDate(s.sharedAt) },
          ]),
        })
      )}
    </Layout>
  );
}

export interface AdoptValues {
  name: string;
  status: string;
}

export function LibraryTemplatePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  definition: TemplateDefinition;
  /** Who it comes from: a built-in template's audience, or who shared it. */
  source: string;
  action: string;
  values: AdoptValues;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.definition;
  return (
    <Layout
      title={d.name}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={libraryBase(m.partnership.id)} text="Template library" />}
    >
      <span class="govuk-caption-l">Template library</span>
      <h1 class="govuk-heading-l" safe>
        {d.name}
      </h1>
      <p class="govuk-body" safe>
        {m.source}
      </p>
      {d.description ? (
        <p class="govuk-body" safe>
          {d.description}
        </p>
      ) : (
        ''
      )}
      <p class="govuk-body" safe>{`${counts(d)}.`}</p>
      {m.partnership.canManage ? (
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h2 class="govuk-heading-m">Adopt this template</h2>
            <form method="post" action={m.action} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Input
                name="name"
                label={{ text: 'Name in your templates', classes: 'govuk-label--s' }}
                hint={{ text: 'Agencies see this name. It must differ from your other templates’ names.' }}
                value={m.values.name}
                errorMessage={fieldError(m.errors, 'name')}
                spellcheck={false}
              />
              <Radios
                name="status"
                fieldset={{ legend: { text: 'Add it as', classes: 'govuk-fieldset__legend--s' } }}
                value={m.values.status}
                errorMessage={fieldError(m.errors, 'status')}
                items={[
                  {
                    value: 'draft',
                    text: 'A draft',
                    hint: { text: 'Check and change it before publishing it.' },
                  },
                  {
                    value: 'published',
                    text: 'Published',
                    hint: { text: 'Ready to choose for a new audit now. A published version never changes.' },
                  },
                ]}
              />
              <Button text="Adopt template" attributes={{ 'data-prevent-double-click': 'true' }} />
            </form>
          </div>
        </div>
      ) : (
        <InsetText text="Only a partnership admin can adopt a template." />
      )}
      <DefinitionDetails definition={d} />
    </Layout>
  );
}

export interface SharingValues {
  audience: string;
  partnerships: string[];
}

export function SharingPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  version: VersionWithDefinition;
  share: ShareState | null;
  others: PartnershipName[];
  values: SharingValues;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const href = versionBase(m.partnership.id, m.version.id);
  const title = `Share ${m.version.definition.name}, version ${m.version.version}`;
  const choices = Checkboxes({
    name: 'partnerships',
    idPrefix: 'partnerships',
    fieldset: { legend: { text: 'Partnerships', classes: 'govuk-fieldset__legend--s' } },
    errorMessage: fieldError(m.errors, 'partnerships'),
    values: m.values.partnerships,
    items: m.others.map((p) => ({ value: p.id, text: p.name })),
  });
  return (
    <Layout
      title={title}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={href} text="Back" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {shareText(m.share)}
          </p>
          <p class="govuk-body">
            The partnerships you choose see this version in their template library, with your partnership’s
            name, and can copy it into their own templates. They never see your other templates, audits or
            returns. Stopping sharing later leaves the copies they have already made.
          </p>
          {m.version.status !== 'published' ? (
            ''
          ) : m.others.length === 0 ? (
            <InsetText text="There are no other partnerships on this service to share with yet." />
          ) : (
            <form method="post" action={`${href}/sharing`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Radios
                name="audience"
                fieldset={{ legend: { text: 'Who can see it?', classes: 'govuk-fieldset__legend--m' } }}
                value={m.values.audience}
                errorMessage={fieldError(m.errors, 'audience')}
                items={[
                  { value: 'all', text: 'Every partnership' },
                  {
                    value: 'chosen',
                    text: 'Chosen partnerships only',
                    hint: { text: 'For example, the partnerships of your region.' },
                    conditional: { html: String(choices) },
                  },
                ]}
              />
              <Button text={m.share ? 'Save sharing' : 'Share'} />
            </form>
          )}
          {m.share ? (
            <form method="post" action={`${href}/sharing/stop`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Button text="Stop sharing" classes="govuk-button--warning" />
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
