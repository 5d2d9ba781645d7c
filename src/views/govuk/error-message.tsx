import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface ErrorMessageOptions {
  text?: string;
  /** Trusted HTML (never user input), as GOV.UK Frontend's `html` option. */
  html?: string;
  id?: string;
  classes?: string;
  attributes?: Attributes;
  /** Visually hidden prefix read before the message; defaults to "Error", `''` removes it. */
  visuallyHiddenText?: string;
}

export function ErrorMessage({
  text,
  html,
  id,
  classes,
  attributes,
  visuallyHiddenText = 'Error',
}: ErrorMessageOptions): JSX.Element {
  return (
    <p
      id={id || undefined}
      class={classNames('govuk-error-message', classes)}
      attrs={renderAttributes(attributes)}
    >
      {visuallyHiddenText ? <span class="govuk-visually-hidden">{escapeHtml(visuallyHiddenText)}:</span> : ''}{' '}
      {html ? html : escapeHtml(text ?? '')}
    </p>
  );
}
