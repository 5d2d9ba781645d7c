import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface BackLinkOptions {
  /** Link text; defaults to "Back". Ignored when `html` is set. */
  text?: string;
  /** Trusted HTML (never user input) for the link content. */
  html?: string;
  href?: string;
  classes?: string;
  attributes?: Attributes;
}

export function BackLink({ text, html, href, classes, attributes }: BackLinkOptions): JSX.Element {
  return (
    <a href={href || '#'} class={classNames('govuk-back-link', classes)} attrs={renderAttributes(attributes)}>
      {html ? html : escapeHtml(text || 'Back')}
    </a>
  );
}
