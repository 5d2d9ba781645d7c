/** A partnership's guidance and FAQ pages, and the form its admins edit them with. */
import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Details } from '../../views/govuk/details.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { SHOWN_FIELD } from '../../web/form-version.ts';
import { PAGE_MAX_LENGTH } from './guidance-form.ts';
import type { PartnershipPage } from './partnership-pages.repository.ts';
import { renderFaq, renderSimpleFormat } from './simple-format.ts';

export type PageKind = 'guidance' | 'faq';
export const PAGE_TITLES: Record<PageKind, string> = {
  guidance: 'Guidance',
  faq: 'Frequently asked questions',
};

export interface PartnershipRef {
  id: string;
  name: string;
}

/** The formatted content: rendered safely by our own formatter, which escapes everything typed. */
function Content(props: { kind: PageKind; body: string }): JSX.Element {
  if (props.kind === 'guidance') {
    const safeGuidance = renderSimpleFormat(props.body);
    return <div class="app-formatted-text">{safeGuidance}</div>;
  }
  const faq = renderFaq(props.body);
  const safeIntro = faq.introHtml;
  return (
    <div class="app-formatted-text">
      {safeIntro}
      {faq.entries.map((entry) => (
        <Details
          summaryText={entry.question}
          html={entry.answerHtml || '<p class="govuk-body">No answer yet.</p>'}
        />
      ))}
    </div>
  );
}

export function PartnershipPageView(m: {
  chrome: PageChrome;
  partnership: PartnershipRef;
  kind: PageKind;
  page: PartnershipPage;
  canManage: boolean;
  /** The partnership's inbox for its own people; the enquiry form for agency users and the public. */
  enquiriesHref: string;
  notice?: string | undefined;
  /** Where the pages are: `/partnerships/<id>` behind sign-in, `/p/<short name>` when public. */
  base?: string;
  /** For its admins: whether the pages are public, and their public address. */
  publicSetting?: { publicPages: boolean; publicHref: string; csrfToken: string } | undefined;
}): JSX.Element {
  const base = m.base ?? `/partnerships/${m.partnership.id}`;
  const other: PageKind = m.kind === 'guidance' ? 'faq' : 'guidance';
  const isPublic = m.base !== undefined;
  return (
    <Layout
      title={PAGE_TITLES[m.kind]}
      {...m.chrome}
      beforeContent={isPublic ? '' : <BackLink href="/guidance" text="Guidance and FAQs" />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {PAGE_TITLES[m.kind]}
          </h1>
          {m.page.body.trim() ? (
            <Content kind={m.kind} body={m.page.body} />
          ) : (
            <p class="govuk-body">
              {m.kind === 'guidance'
                ? 'The partnership has not written any guidance yet.'
                : 'The partnership has not written any frequently asked questions yet.'}
            </p>
          )}
          {m.page.updatedAt ? (
            <p class="govuk-body-s" safe>
              {`Last updated ${formatDateTime(m.page.updatedAt)}${m.page.updatedByName ? ` by ${m.page.updatedByName}` : ''}`}
            </p>
          ) : (
            ''
          )}
          {m.canManage ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base}/${m.kind}/edit`}>
                Change the {m.kind === 'guidance' ? 'guidance' : 'frequently asked questions'}
              </a>
            </p>
          ) : (
            ''
          )}
          {m.publicSetting ? <PublicSetting partnershipId={m.partnership.id} {...m.publicSetting} /> : ''}
          <h2 class="govuk-heading-s">Also from this partnership</h2>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`${base}/${other}`} safe>
                {PAGE_TITLES[other]}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={m.enquiriesHref}>
                {isPublic ? 'Send the partnership an enquiry' : 'Section 11 enquiries'}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}

/** For admins: the pages are public or not, with the button that changes it. */
function PublicSetting(m: {
  partnershipId: string;
  publicPages: boolean;
  publicHref: string;
  csrfToken: string;
}): JSX.Element {
  return (
    <>
      <h2 class="govuk-heading-m">Public pages</h2>
      {m.publicPages ? (
        <p class="govuk-body">
          Anyone can read the guidance and frequently asked questions without signing in, at{' '}
          <a class="govuk-link" href={m.publicHref} safe>
            {m.publicHref}
          </a>
          , and send the partnership an enquiry from there.
        </p>
      ) : (
        <p class="govuk-body">
          Only the partnership's people and its agencies can read these pages. Made public, anyone can read
          them without signing in, and send the partnership an enquiry.
        </p>
      )}
      <form method="post" action={`/partnerships/${m.partnershipId}/public-pages`}>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        <input type="hidden" name="public" value={m.publicPages ? 'off' : 'on'} />
        <Button
          text={m.publicPages ? 'Make the pages private' : 'Make the pages public'}
          classes="govuk-button--secondary"
        />
      </form>
    </>
  );
}

export function PartnershipPageForm(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  kind: PageKind;
  body: string;
  /** What the form showed of the saved page (the conflict rule's hidden field). */
  shown: string;
  preview: boolean;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/${m.kind}`;
  const title = `Change the ${m.kind === 'guidance' ? 'guidance' : 'frequently asked questions'}`;
  return (
    <Layout
      title={title}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={base} text={PAGE_TITLES[m.kind]} />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          {m.preview ? (
            <section class="app-preview" aria-labelledby="preview-heading">
              <h2 class="govuk-heading-m" id="preview-heading">
                Preview (not saved yet)
              </h2>
              {m.body.trim() ? (
                <Content kind={m.kind} body={m.body} />
              ) : (
                <p class="govuk-body">The page is empty.</p>
              )}
            </section>
          ) : (
            ''
          )}
          <Details summaryText="How to format the text">
            <ul class="govuk-list govuk-list--bullet">
              <li>Leave a blank line between paragraphs.</li>
              {m.kind === 'faq' ? (
                <li>
                  Start a line with <code>## </code> to ask a question: the text under it, up to the next
                  question, is its answer. Text before the first question introduces the page.
                </li>
              ) : (
                <li>
                  Start a line with <code>## </code> for a heading, or <code>### </code> for a smaller
                  heading.
                </li>
              )}
              <li>
                Start lines with <code>- </code> for a bulleted list, or <code>1. </code> for a numbered list.
              </li>
              <li>
                Put <code>**</code> either side of words to make them bold.
              </li>
              <li>
                Write a link as <code>[link text](https://www.example.org)</code>. Only web addresses starting
                with https:// or http://, and email addresses starting with mailto:, become links.
              </li>
            </ul>
          </Details>
          <form method="post" action={`${base}/edit`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <CharacterCount
              name="body"
              rows={20}
              maxlength={PAGE_MAX_LENGTH}
              value={m.body}
              label={{ text: PAGE_TITLES[m.kind], classes: 'govuk-label--s' }}
              errorMessage={fieldError(m.errors, 'body')}
            />
            <div class="govuk-button-group">
              <Button
                text="Save page"
                name="action"
                value="save"
                attributes={{ 'data-prevent-double-click': 'true' }}
              />
              <Button text="Preview" name="action" value="preview" classes="govuk-button--secondary" />
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function GuidanceHubPage(m: { chrome: PageChrome; partnerships: PartnershipRef[] }): JSX.Element {
  return (
    <Layout title="Guidance and FAQs" {...m.chrome}>
      <h1 class="govuk-heading-l">Guidance and frequently asked questions</h1>
      {m.partnerships.length === 0 ? (
        <p class="govuk-body">You are not part of any partnership yet.</p>
      ) : (
        m.partnerships.map((p) => (
          <>
            <h2 class="govuk-heading-m" safe>
              {p.name}
            </h2>
            <ul class="govuk-list">
              <li>
                <a class="govuk-link" href={`/partnerships/${p.id}/guidance`}>
                  Guidance<span class="govuk-visually-hidden" safe>{` from ${p.name}`}</span>
                </a>
              </li>
              <li>
                <a class="govuk-link" href={`/partnerships/${p.id}/faq`}>
                  Frequently asked questions<span class="govuk-visually-hidden" safe>{` for ${p.name}`}</span>
                </a>
              </li>
            </ul>
          </>
        ))
      )}
    </Layout>
  );
}
