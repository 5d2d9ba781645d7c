import { type Children, escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface InsetTextOptions {
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Rendered content (the Nunjucks macro's `caller`); takes precedence over `html` and `text`. */
  children?: Children;
  id?: string;
  classes?: string;
  attributes?: Attributes;
}

export function InsetText({ text, html, children, id, classes, attributes }: InsetTextOptions): JSX.Element {
  return (
    <div
      id={id || undefined}
      class={classNames('govuk-inset-text', classes)}
      attrs={renderAttributes(attributes)}
    >
      {children ? children : html ? html : escapeHtml(text ?? '')}
    </div>
  );
}
