import { type Children, escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface DetailsOptions {
  summaryText?: string;
  /** Trusted HTML (never user input); takes precedence over `summaryText`. */
  summaryHtml?: string;
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Rendered content (the Nunjucks macro's `caller`); takes precedence over `html` and `text`. */
  children?: Children;
  id?: string;
  open?: boolean;
  classes?: string;
  attributes?: Attributes;
}

export function Details({
  summaryText,
  summaryHtml,
  text,
  html,
  children,
  id,
  open,
  classes,
  attributes,
}: DetailsOptions): JSX.Element {
  return (
    <details
      id={id || undefined}
      class={classNames('govuk-details', classes)}
      attrs={renderAttributes(attributes)}
      open={Boolean(open)}
    >
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          {summaryHtml ? summaryHtml : escapeHtml(summaryText ?? '')}
        </span>
      </summary>
      <div class="govuk-details__text">{children ? children : html ? html : escapeHtml(text ?? '')}</div>
    </details>
  );
}
