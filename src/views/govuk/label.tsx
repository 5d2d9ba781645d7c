import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface LabelOptions {
  text?: string;
  /** Trusted HTML (never user input), as GOV.UK Frontend's `html` option. */
  html?: string;
  /** The id of the field the label is for. */
  for?: string;
  isPageHeading?: boolean;
  classes?: string;
  attributes?: Attributes;
}

/** GOV.UK Frontend's label; renders nothing without `text` or `html`. */
export function Label({
  text,
  html,
  for: forId,
  isPageHeading,
  classes,
  attributes,
}: LabelOptions): JSX.Element {
  if (!html && !text) return '';
  const label = (
    <label
      class={classNames('govuk-label', classes)}
      attrs={renderAttributes(attributes)}
      for={forId || undefined}
    >
      {html ? html : escapeHtml(text)}
    </label>
  );
  return isPageHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label;
}
