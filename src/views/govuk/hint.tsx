import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface HintOptions {
  text?: string;
  /** Trusted HTML (never user input), as GOV.UK Frontend's `html` option. */
  html?: string;
  id?: string;
  classes?: string;
  attributes?: Attributes;
}

export function Hint({ text, html, id, classes, attributes }: HintOptions): JSX.Element {
  return (
    <div id={id || undefined} class={classNames('govuk-hint', classes)} attrs={renderAttributes(attributes)}>
      {html ? html : escapeHtml(text ?? '')}
    </div>
  );
}
