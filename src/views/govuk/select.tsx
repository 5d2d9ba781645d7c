import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import type { TextOrHtml } from './input.tsx';
import { Label, type LabelOptions } from './label.tsx';

export interface SelectItem {
  /** Defaults to the option's text (no `value` attribute is rendered). */
  value?: string | number;
  text: string;
  /** Takes precedence over the top-level `value`. */
  selected?: boolean;
  disabled?: boolean;
  attributes?: Attributes;
}

export interface SelectOptions {
  /** Defaults to `name`. */
  id?: string;
  name: string;
  /** Falsy items are skipped. */
  items: Array<SelectItem | null | undefined | false | ''>;
  /** The value (or, for items without one, the text) of the option to select. */
  value?: string | number;
  disabled?: boolean;
  describedBy?: string;
  label: Omit<LabelOptions, 'for'>;
  hint?: HintOptions;
  /** No error message is shown for a falsy value. */
  errorMessage?: ErrorMessageOptions | false;
  formGroup?: {
    classes?: string;
    attributes?: Attributes;
    beforeInput?: TextOrHtml;
    afterInput?: TextOrHtml;
  };
  classes?: string;
  attributes?: Attributes;
}

export function Select(options: SelectOptions): JSX.Element {
  const { name, label, hint, errorMessage, formGroup, value } = options;
  const id = options.id ? options.id : name;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [options.describedBy, hint && hintId, errorMessage && errorId]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      class={classNames('govuk-form-group', errorMessage && 'govuk-form-group--error', formGroup?.classes)}
      attrs={renderAttributes(formGroup?.attributes)}
    >
      <Label {...merge(label, { for: id })} />
      {hint ? <Hint {...merge(hint, { id: hintId })} /> : ''}
      {errorMessage ? <ErrorMessage {...merge(errorMessage, { id: errorId })} /> : ''}
      {formGroup?.beforeInput ? <Content {...formGroup.beforeInput} /> : ''}
      <select
        class={classNames('govuk-select', options.classes, errorMessage && 'govuk-select--error')}
        id={id}
        name={name}
        disabled={Boolean(options.disabled)}
        aria-describedby={describedBy || undefined}
        attrs={renderAttributes(options.attributes)}
      >
        {(options.items ?? []).map((item) => {
          if (!item) return '';
          // An option without a value attribute is selected by its text.
          const effectiveValue = item.value === undefined ? item.text : item.value;
          const selected =
            item.selected ||
            // biome-ignore lint/suspicious/noDoubleEquals: loose, as the Nunjucks template's `==` (so 1 matches "1")
            (value ? effectiveValue == value && item.selected !== false : false);
          return (
            <option
              value={item.value === undefined ? undefined : String(item.value ?? '')}
              selected={Boolean(selected)}
              disabled={Boolean(item.disabled)}
              attrs={renderAttributes(item.attributes)}
            >
              {escapeHtml(item.text ?? '')}
            </option>
          );
        })}
      </select>
      {formGroup?.afterInput ? <Content {...formGroup.afterInput} /> : ''}
    </div>
  );
}

function Content({ text, html }: TextOrHtml): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
