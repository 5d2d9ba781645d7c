/** A partnership's settings: its details, localities and branding, for its admins. */
import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../lib/dates.ts';
import { ArchiveToggleForm } from '../../views/archive-toggle-form.tsx';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { FileUpload } from '../../views/govuk/file-upload.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { SHOWN_FIELD } from '../../web/form-version.ts';
import { LOGO_MAX_BYTES } from './logo-image.ts';
import { PartnershipIdentityFields } from './partnership-fields.tsx';
import { type DetailsState, INTRODUCTION_MAX } from './partnership-form.ts';
import type { LocalityRow, PartnershipDetails } from './partnerships.repository.ts';

export const settingsPath = (partnershipId: string) => `/partnerships/${partnershipId}/settings`;
export const logoPath = (partnershipId: string, sha256: string) =>
  `/branding/${partnershipId}/logo-${sha256.slice(0, 16)}`;

export function SettingsPage(m: {
  chrome: PageChrome;
  partnership: PartnershipDetails;
  localities: LocalityRow[];
  notice?: string | undefined;
}): JSX.Element {
  const p = m.partnership;
  const base = settingsPath(p.id);
  return (
    <Layout title="Partnership settings" {...m.chrome} beforeContent={<BackLink href="/" text="Home" />}>
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <span class="govuk-caption-l" safe>
        {p.name}
      </span>
      <h1 class="govuk-heading-l">Partnership settings</h1>
      <SummaryList
        card={{
          title: { text: 'Details' },
          actions: { items: [{ href: `${base}/details`, text: 'Change', visuallyHiddenText: 'details' }] },
        }}
        rows={[
          { key: { text: 'Name' }, value: { text: p.name } },
          { key: { text: 'Short name' }, value: { text: p.shortName } },
          { key: { text: 'Contact email' }, value: { text: p.contactEmail } },
          {
            key: { text: 'Introduction for agencies' },
            value: p.introduction
              ? { text: p.introduction, classes: 'app-pre-wrap' }
              : { text: 'None: agencies see only each audit’s own introduction' },
          },
        ]}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={`/partnerships/${p.id}/action-reminders`}>
          Reminders to action owners
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/partnerships/${p.id}/privacy`}>
          Personal data: retention period and subject access
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/sign-in`}>
          Sign-in with your organisation’s accounts
        </a>
      </p>
      <h2 class="govuk-heading-m">Localities</h2>
      <p class="govuk-body">
        A retired locality stays on the agencies and audits that have it, but is not offered for new ones.
      </p>
      <a
        href={`${base}/localities/new`}
        role="button"
        draggable="false"
        class="govuk-button govuk-button--secondary"
        data-module="govuk-button"
      >
        Add a locality
      </a>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">Localities</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Locality
            </th>
            <th scope="col" class="govuk-table__header">
              Status
            </th>
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {m.localities.map((l) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {l.name}
              </th>
              <td class="govuk-table__cell">
                {l.retiredAt ? (
                  <Tag text={`Retired ${formatDate(l.retiredAt)}`} classes="govuk-tag--grey" />
                ) : (
                  <Tag text="In use" classes="govuk-tag--green" />
                )}
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`${base}/localities/${l.id}`}>
                  Change<span class="govuk-visually-hidden" safe>{` ${l.name}`}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SummaryList
        card={{
          title: { text: 'Branding' },
          actions: { items: [{ href: `${base}/branding`, text: 'Change', visuallyHiddenText: 'branding' }] },
        }}
        rows={[
          {
            key: { text: 'Logo' },
            value: p.logoSha256
              ? {
                  html: `<img class="app-logo-preview" src="${escapeHtml(logoPath(p.id, p.logoSha256))}" alt="${escapeHtml(`${p.name} logo`)}">`,
                }
              : { text: 'None' },
          },
          {
            key: { text: 'Header colour' },
            value: { text: p.headerColour ?? 'The service’s default (black)' },
          },
        ]}
      />
    </Layout>
  );
}

export function DetailsPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  state: DetailsState;
  /** What the form showed of the saved details (the conflict rule's hidden field). */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = settingsPath(m.partnership.id);
  const { state, errors } = m;
  return (
    <Layout
      title="Change the partnership’s details"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={base} text="Partnership settings" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Change the partnership’s details</h1>
          <form method="post" action={`${base}/details`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <PartnershipIdentityFields
              state={state}
              errors={errors}
              shortNameHint="Used in web addresses: lowercase letters, numbers and hyphens, like north-lscp"
              contactHint="Where agencies write with questions about their returns."
            />
            <CharacterCount
              name="introduction"
              rows={8}
              maxlength={INTRODUCTION_MAX}
              label={{ text: 'Introduction for agencies (optional)', classes: 'govuk-label--s' }}
              hint={{
                text: 'Shown to agencies above their list of returns and on each return’s task list.',
              }}
              value={state.introduction}
              errorMessage={fieldError(errors, 'introduction')}
            />
            <Button text="Save changes" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function LocalityPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  locality: LocalityRow | null;
  name: string;
  /** What a rename form showed, for the conflict rule. */
  shown?: string | undefined;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `${settingsPath(m.partnership.id)}/localities`;
  const { locality, errors } = m;
  const title = locality ? `Change ${locality.name}` : 'Add a locality';
  return (
    <Layout
      title={title}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={settingsPath(m.partnership.id)} text="Partnership settings" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <form method="post" action={locality ? `${base}/${locality.id}` : base} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            {m.shown ? <input type="hidden" name={SHOWN_FIELD} value={m.shown} /> : ''}
            <Input
              name="name"
              label={{ text: 'Name of the locality', classes: 'govuk-label--s' }}
              hint={{ text: 'A local authority area the partnership covers, like Peterborough' }}
              value={m.name}
              errorMessage={fieldError(errors, 'name')}
            />
            <Button
              text={locality ? 'Save name' : 'Add locality'}
              attributes={{ 'data-prevent-double-click': 'true' }}
            />
          </form>
          {locality ? (
            <ArchiveToggleForm
              href={`${base}/${locality.id}`}
              csrfToken={m.csrfToken}
              archived={locality.retiredAt !== null}
              actions={['retire', 'restore']}
              heading={['Retire this locality', 'Bring this locality back']}
              explanation={[
                'It stays on the agencies and audits that have it, but is not offered for new agencies or audits.',
                'It will be offered again for agencies and new audits.',
              ]}
              button={['Retire locality', 'Bring back locality']}
            />
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}

export function BrandingPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipDetails;
  colour: string;
  /** What the colour form showed, for the conflict rule. */
  shown: string;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const p = m.partnership;
  const base = `${settingsPath(p.id)}/branding`;
  const { errors } = m;
  return (
    <Layout
      title="Branding"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={settingsPath(p.id)} text="Partnership settings" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
          <span class="govuk-caption-l" safe>
            {p.name}
          </span>
          <h1 class="govuk-heading-l">Branding</h1>
          <p class="govuk-body">
            People in your partnership and its agencies see your logo and header colour at the top of every
            page.
          </p>
          <h2 class="govuk-heading-m">Logo</h2>
          {p.logoSha256 ? (
            <p class="govuk-body">
              <img
                class="app-logo-preview"
                src={logoPath(p.id, p.logoSha256)}
                alt={`${p.name} logo (current)`}
              />
            </p>
          ) : (
            <p class="govuk-body">No logo yet.</p>
          )}
          <form method="post" action={`${base}/logo`} enctype="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <FileUpload
              name="logo"
              label={{
                text: p.logoSha256 ? 'Upload a new logo' : 'Upload a logo',
                classes: 'govuk-label--s',
              }}
              hint={{
                text: `A PNG or JPEG image, ${LOGO_MAX_BYTES / 1024} KB or smaller. It is shown 30 pixels high on the header.`,
              }}
              attributes={{ accept: 'image/png,image/jpeg' }}
              errorMessage={fieldError(errors, 'logo')}
            />
            <Button text="Upload logo" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
          {p.logoSha256 ? (
            <form method="post" action={`${base}/logo/remove`}>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Button text="Remove logo" classes="govuk-button--warning" />
            </form>
          ) : (
            ''
          )}
          <h2 class="govuk-heading-m">Header colour</h2>
          <form method="post" action={`${base}/colour`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Input
              name="headerColour"
              label={{ text: 'Header colour (optional)', classes: 'govuk-label--s' }}
              hint={{
                text: 'A hex code, like #1d70b8. The header’s text is white, so the colour must be dark enough for a contrast ratio of at least 4.5:1. Leave it empty for the default black.',
              }}
              classes="govuk-input--width-10"
              spellcheck={false}
              value={m.colour}
              errorMessage={fieldError(errors, 'headerColour')}
            />
            <Button text="Save colour" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
