import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface PaginationItem {
  /** The page number (or other text); required unless `ellipsis`. */
  number?: string | number;
  /** Accessible label for the link; defaults to "Page {number}". */
  visuallyHiddenText?: string;
  href?: string;
  current?: boolean;
  /** Render an ellipsis (all other options are ignored). */
  ellipsis?: boolean;
  attributes?: Attributes;
}

export interface PaginationLink {
  /** Defaults to "Previous page" / "Next page" (with "page" visually hidden). */
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Shown under the link when there are no numbered items. */
  labelText?: string;
  href: string;
  attributes?: Attributes;
}

export interface PaginationOptions {
  /** Falsy or empty (`{}`) items are skipped. */
  items?: Array<PaginationItem | null | undefined>;
  previous?: PaginationLink;
  next?: PaginationLink;
  /** Defaults to "Pagination". */
  landmarkLabel?: string;
  classes?: string;
  attributes?: Attributes;
}

const arrowPrevious = (
  <svg
    class="govuk-pagination__icon govuk-pagination__icon--prev"
    xmlns="http://www.w3.org/2000/svg"
    height="13"
    width="15"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 15 13"
  >
    <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
  </svg>
);

const arrowNext = (
  <svg
    class="govuk-pagination__icon govuk-pagination__icon--next"
    xmlns="http://www.w3.org/2000/svg"
    height="13"
    width="15"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 15 13"
  >
    <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
  </svg>
);

function ArrowLink({
  link,
  type,
  blockLevel,
}: {
  link: PaginationLink;
  type: 'prev' | 'next';
  blockLevel: boolean;
}): JSX.Element {
  const { text, html, labelText, href, attributes } = link;
  const arrow = type === 'prev' ? arrowPrevious : arrowNext;
  return (
    <div class={`govuk-pagination__${type}`}>
      <a
        class="govuk-link govuk-pagination__link"
        href={href}
        rel={type}
        attrs={renderAttributes(attributes)}
      >
        {blockLevel || type === 'prev' ? arrow : ''}
        <span
          class={classNames(
            'govuk-pagination__link-title',
            blockLevel && !labelText && 'govuk-pagination__link-title--decorated',
          )}
        >
          {html ? (
            html
          ) : text ? (
            escapeHtml(text)
          ) : (
            <>
              {type === 'prev' ? 'Previous' : 'Next'}
              <span class="govuk-visually-hidden"> page</span>
            </>
          )}
        </span>
        {labelText && blockLevel ? (
          <>
            <span class="govuk-visually-hidden">:</span>
            <span class="govuk-pagination__link-label">{escapeHtml(labelText)}</span>
          </>
        ) : (
          ''
        )}
        {!blockLevel && type === 'next' ? arrow : ''}
      </a>
    </div>
  );
}

function PageItem({ item }: { item: PaginationItem }): JSX.Element {
  const { number, visuallyHiddenText, href, current, ellipsis, attributes } = item;
  return (
    <li
      class={classNames(
        'govuk-pagination__item',
        current && 'govuk-pagination__item--current',
        ellipsis && 'govuk-pagination__item--ellipsis',
      )}
    >
      {ellipsis ? (
        '&ctdot;'
      ) : (
        <a
          class="govuk-link govuk-pagination__link"
          href={href}
          aria-label={visuallyHiddenText ?? `Page ${number}`}
          aria-current={current ? 'page' : undefined}
          attrs={renderAttributes(attributes)}
        >
          {escapeHtml(number ?? '')}
        </a>
      )}
    </li>
  );
}

export function Pagination({
  items,
  previous,
  next,
  landmarkLabel,
  classes,
  attributes,
}: PaginationOptions): JSX.Element {
  const blockLevel = !items && Boolean(next || previous);
  return (
    <nav
      class={classNames('govuk-pagination', blockLevel && 'govuk-pagination--block', classes)}
      aria-label={landmarkLabel || 'Pagination'}
      attrs={renderAttributes(attributes)}
    >
      {previous?.href ? <ArrowLink link={previous} type="prev" blockLevel={blockLevel} /> : ''}
      {items ? (
        <ul class="govuk-pagination__list">
          {items.map((item) => (item && Object.keys(item).length > 0 ? <PageItem item={item} /> : ''))}
        </ul>
      ) : (
        ''
      )}
      {next?.href ? <ArrowLink link={next} type="next" blockLevel={blockLevel} /> : ''}
    </nav>
  );
}
