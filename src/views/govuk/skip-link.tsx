import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface SkipLinkOptions {
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Defaults to "#content". */
  href?: string;
  classes?: string;
  attributes?: Attributes;
}

export function SkipLink({ text, html, href, classes, attributes }: SkipLinkOptions): JSX.Element {
  return (
    <a
      href={href || '#content'}
      class={classNames('govuk-skip-link', classes)}
      attrs={renderAttributes(attributes)}
      data-module="govuk-skip-link"
    >
      {html ? html : escapeHtml(text ?? '')}
    </a>
  );
}
