/**
 * What the pages that author a draft template share: the caption, the success notice, a form page
 * with its hidden fields, the key field, a theme's or question's card with buttons to move it, what
 * a theme applies to, the grade descriptor fields and asking before deleting.
 */
import { escapeHtml } from '@kitajs/html';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { NotificationBanner } from '../../../views/govuk/notification-banner.tsx';
import { SummaryList, type SummaryListOptions } from '../../../views/govuk/summary-list.tsx';
import { WarningText } from '../../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import { SECTOR_LABELS } from '../../agencies/sectors.ts';
import type { DraftTheme } from '../draft-editing.repository.ts';
import { LIMITS } from '../draft-rules.ts';
import { RESPONSE_SCALES } from '../template-definition.ts';

const SCALE_NAMES = new Map(RESPONSE_SCALES.map((s) => [s.value as string, s.label]));
export const scaleName = (scale: string) => SCALE_NAMES.get(scale) ?? scale;

export const Csrf = (p: { token: string }) => <input type="hidden" name="_csrf" value={p.token} />;

export const Caption = (p: { text: string }) => (
  <span class="govuk-caption-l" safe>
    {p.text}
  </span>
);

export const Notice = (p: { notice?: string | undefined }) =>
  p.notice ? <NotificationBanner type="success" text={p.notice} /> : '';

/** A small form with one button: moving a theme or question up or down, with its name for screen readers. */
function MoveButton(p: { action: string; csrfToken: string; direction: 'up' | 'down'; name: string }) {
  return (
    <form method="post" action={p.action} class="app-inline-form" novalidate>
      <Csrf token={p.csrfToken} />
      <input type="hidden" name="direction" value={p.direction} />
      <Button
        html={`Move ${p.direction}<span class="govuk-visually-hidden"> ${escapeHtml(p.name)}</span>`}
        classes="govuk-button--secondary govuk-!-margin-bottom-0"
      />
    </form>
  );
}

/** A theme or question in its list: a summary card with its links, its details and buttons to move it. */
export function OrderedCard(p: {
  id: string;
  title: string;
  /** Read out after each link and move button, e.g. "theme: Leadership". */
  name: string;
  links: Array<{ href: string; text: string }>;
  rows: SummaryListOptions['rows'];
  moveAction: string;
  csrfToken: string;
  first: boolean;
  last: boolean;
}): JSX.Element {
  const move = (direction: 'up' | 'down') => (
    <MoveButton action={p.moveAction} csrfToken={p.csrfToken} direction={direction} name={p.name} />
  );
  return (
    <div class="govuk-summary-card" id={p.id}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" safe>
          {p.title}
        </h3>
        <ul class="govuk-summary-card__actions">
          {p.links.map((l) => (
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href={l.href}>
                {escapeHtml(l.text)}
                <span class="govuk-visually-hidden"> {escapeHtml(p.name)}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
      <div class="govuk-summary-card__content">
        {SummaryList({ rows: p.rows })}
        <div class="govuk-button-group govuk-!-margin-bottom-0">
          {p.first ? '' : move('up')}
          {p.last ? '' : move('down')}
        </div>
      </div>
    </div>
  );
}

export function FormPage(p: {
  chrome: PageChrome;
  title: string;
  caption: string;
  back: { href: string; text: string };
  errors?: FormErrors | undefined;
  action: string;
  csrfToken: string;
  /** What the form showed, for the conflict rule (form-version.ts); none for a new record. */
  shown?: string | undefined;
  submit: string;
  children: JSX.Element | JSX.Element[];
}): JSX.Element {
  // Children are rendered elements, escaped where they were built.
  const safeChildren = p.children;
  return (
    <Layout title={p.title} {...p.chrome} errors={p.errors} beforeContent={<BackLink {...p.back} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption text={p.caption} />
          <h1 class="govuk-heading-l" safe>
            {p.title}
          </h1>
          <form method="post" action={p.action} novalidate>
            <Csrf token={p.csrfToken} />
            {p.shown ? <input type="hidden" name={SHOWN_FIELD} value={p.shown} /> : ''}
            {safeChildren}
            <Button text={p.submit} attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** The optional key of a template, theme or question. */
export const KeyField = (p: { value: string; errors?: FormErrors | undefined }) => (
  <Input
    name="key"
    label={{ text: 'Key (optional)', classes: 'govuk-label--s' }}
    hint={{ text: KEY_HINT }}
    classes="govuk-input--width-20"
    spellcheck={false}
    value={p.value}
    errorMessage={fieldError(p.errors, 'key')}
  />
);

const KEY_HINT =
  'A short identifier that stays the same in later versions, so answers can be matched. Lowercase letters, numbers and hyphens. Leave blank to make one from the title.';

export function appliesTo(
  t: Pick<DraftTheme, 'localityIds' | 'sectors'>,
  localityNames: ReadonlyMap<string, string>,
) {
  const places = t.localityIds.length
    ? `Agencies serving ${t.localityIds.map((id) => localityNames.get(id) ?? 'a removed locality').join(', ')}`
    : 'Agencies in every locality';
  const sectors = t.sectors.length
    ? `; sectors: ${t.sectors.map((s) => SECTOR_NAMES.get(s) ?? s).join(', ')}`
    : '; every sector';
  return places + sectors;
}

const SECTOR_NAMES = new Map<string, string>(Object.entries(SECTOR_LABELS));

export function DescriptorFields(p: {
  state: { red: string; amber: string; green: string };
  errors?: FormErrors | undefined;
  prefix?: string;
}) {
  return (
    <>
      {(['red', 'amber', 'green'] as const).map((rag) => {
        const name = p.prefix ? `${p.prefix}-${rag}` : rag;
        const label = { red: 'Red', amber: 'Amber', green: 'Green' }[rag];
        return (
          <CharacterCount
            name={name}
            rows={2}
            maxlength={LIMITS.descriptor}
            label={{ text: `What ${label} means`, classes: 'govuk-label--s' }}
            value={p.state[rag]}
            errorMessage={fieldError(p.errors, name)}
          />
        );
      })}
    </>
  );
}

/** Asks before deleting a theme or a question. */
export function ConfirmDeletePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  caption: string;
  title: string;
  what: string;
  consequences: string[];
  action: string;
  back: string;
}): JSX.Element {
  return (
    <Layout title={m.title} {...m.chrome} beforeContent={<BackLink href={m.back} text="Back" />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption text={m.caption} />
          <h1 class="govuk-heading-l" safe>
            {m.title}
          </h1>
          <p class="govuk-body" safe>
            {m.what}
          </p>
          {m.consequences.map((c) => (
            <WarningText text={c} />
          ))}
          <form method="post" action={m.action} novalidate>
            <Csrf token={m.csrfToken} />
            <div class="govuk-button-group">
              <Button text="Yes, delete it" classes="govuk-button--warning" />
              <a class="govuk-link" href={m.back}>
                No, keep it
              </a>
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}
