import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface WarningTextOptions {
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Visually hidden text read out for the icon; defaults to "Warning". */
  iconFallbackText?: string;
  classes?: string;
  attributes?: Attributes;
}

export function WarningText({
  text,
  html,
  iconFallbackText,
  classes,
  attributes,
}: WarningTextOptions): JSX.Element {
  return (
    <div class={classNames('govuk-warning-text', classes)} attrs={renderAttributes(attributes)}>
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{escapeHtml(iconFallbackText || 'Warning')}</span>
        {html ? html : escapeHtml(text ?? '')}
      </strong>
    </div>
  );
}
