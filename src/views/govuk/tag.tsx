import { escapeHtml } from '@kitajs/html';
import { classNames } from './attributes.ts';

export interface TagOptions {
  text?: string;
  /** Trusted HTML (never user input), as GOV.UK Frontend's `html` option. */
  html?: string;
  classes?: string;
  attributes?: Record<string, string>;
}

export function Tag({ text, html, classes, attributes }: TagOptions): JSX.Element {
  return (
    <strong class={classNames('govuk-tag', classes)} {...attributes}>
      {html ? html : escapeHtml(text ?? '')}
    </strong>
  );
}
