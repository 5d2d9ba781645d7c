import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface BreadcrumbsItem {
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Without `href` the item is the current page and is not a link. */
  href?: string;
  attributes?: Attributes;
}

export interface BreadcrumbsOptions {
  items: BreadcrumbsItem[];
  classes?: string;
  collapseOnMobile?: boolean;
  attributes?: Attributes;
  /** Landmark label; defaults to "Breadcrumb". */
  labelText?: string;
}

export function Breadcrumbs({
  items,
  classes,
  collapseOnMobile,
  attributes,
  labelText,
}: BreadcrumbsOptions): JSX.Element {
  return (
    <nav
      class={classNames(
        'govuk-breadcrumbs',
        classes,
        collapseOnMobile && 'govuk-breadcrumbs--collapse-on-mobile',
      )}
      attrs={renderAttributes(attributes)}
      aria-label={labelText ?? 'Breadcrumb'}
    >
      <ol class="govuk-breadcrumbs__list">
        {items.map(({ text, html, href, attributes: itemAttributes }) =>
          href ? (
            <li class="govuk-breadcrumbs__list-item">
              <a class="govuk-breadcrumbs__link" href={href} attrs={renderAttributes(itemAttributes)}>
                {html ? html : escapeHtml(text ?? '')}
              </a>
            </li>
          ) : (
            <li class="govuk-breadcrumbs__list-item" aria-current="page">
              {html ? html : escapeHtml(text ?? '')}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
