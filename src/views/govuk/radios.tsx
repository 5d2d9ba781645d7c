import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import type { TextOrHtml } from './input.tsx';
import { Label } from './label.tsx';

export interface RadiosItem {
  text?: string;
  /** Trusted HTML (never user input) for the item's label. */
  html?: string;
  /** Defaults to `idPrefix`, suffixed `-2`, `-3`… after the first item. */
  id?: string;
  value?: string | number;
  label?: { classes?: string; attributes?: Attributes };
  hint?: HintOptions;
  /** Text of a divider shown instead of a radio, for example "or". */
  divider?: string;
  /** Takes precedence over the top-level `value`. */
  checked?: boolean;
  /** Trusted HTML revealed when the radio is checked. */
  conditional?: { html?: string };
  disabled?: boolean;
  attributes?: Attributes;
}

export interface RadiosOptions {
  fieldset?: Omit<FieldsetOptions, 'children'>;
  hint?: HintOptions;
  /** No error message is shown for a falsy value. */
  errorMessage?: ErrorMessageOptions | false;
  formGroup?: {
    classes?: string;
    attributes?: Attributes;
    beforeInputs?: TextOrHtml;
    afterInputs?: TextOrHtml;
  };
  /** Prefix of the ids of the items, hint and error message; defaults to `name`. */
  idPrefix?: string;
  name: string;
  /** Falsy items are skipped (but still count when numbering ids). */
  items: Array<RadiosItem | null | undefined | false | ''>;
  /** The value of the item to check, if no item sets `checked`. */
  value?: string | number;
  classes?: string;
  attributes?: Attributes;
}

export function Radios(options: RadiosOptions): JSX.Element {
  const { name, fieldset, hint, errorMessage, formGroup } = options;
  const idPrefix = options.idPrefix ? options.idPrefix : name;
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = [fieldset?.describedBy, hint && hintId, errorMessage && errorId]
    .filter(Boolean)
    .join(' ');

  const inner = (
    <>
      {hint ? <Hint {...merge(hint, { id: hintId })} /> : ''}
      {errorMessage ? <ErrorMessage {...merge(errorMessage, { id: errorId })} /> : ''}
      <div
        class={classNames('govuk-radios', options.classes)}
        attrs={renderAttributes(options.attributes)}
        data-module="govuk-radios"
      >
        {formGroup?.beforeInputs ? <Content {...formGroup.beforeInputs} /> : ''}
        {(options.items ?? []).map((item, index) =>
          item ? <RadioItem item={item} index={index + 1} idPrefix={idPrefix} options={options} /> : '',
        )}
        {formGroup?.afterInputs ? <Content {...formGroup.afterInputs} /> : ''}
      </div>
    </>
  );

  return (
    <div
      class={classNames('govuk-form-group', errorMessage && 'govuk-form-group--error', formGroup?.classes)}
      attrs={renderAttributes(formGroup?.attributes)}
    >
      {fieldset ? (
        <Fieldset
          describedBy={describedBy}
          classes={fieldset.classes}
          attributes={fieldset.attributes}
          legend={fieldset.legend}
        >
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </div>
  );
}

function RadioItem({
  item,
  index,
  idPrefix,
  options,
}: {
  item: RadiosItem;
  index: number;
  idPrefix: string;
  options: RadiosOptions;
}): JSX.Element {
  // The first id has no suffix, so the error summary can link to it.
  const itemId = item.id ? item.id : `${idPrefix}${index > 1 ? `-${index}` : ''}`;
  const conditionalId = `conditional-${itemId}`;
  const conditionalHtml = item.conditional?.html;
  if (item.divider) return <div class="govuk-radios__divider">{escapeHtml(item.divider)}</div>;

  const isChecked =
    item.checked ||
    // biome-ignore lint/suspicious/noDoubleEquals: loose, as the Nunjucks template's `==` (so 1 matches "1")
    (options.value ? item.value == options.value && item.checked !== false : false);
  const hasHint = Boolean(item.hint?.text || item.hint?.html);
  const itemHintId = `${itemId}-item-hint`;
  return (
    <>
      <div class="govuk-radios__item">
        <input
          class="govuk-radios__input"
          id={itemId}
          name={options.name}
          type="radio"
          value={String(item.value ?? '')}
          checked={Boolean(isChecked)}
          disabled={Boolean(item.disabled)}
          data-aria-controls={conditionalHtml ? conditionalId : undefined}
          aria-describedby={hasHint ? itemHintId : undefined}
          attrs={renderAttributes(item.attributes)}
        />
        <Label
          text={item.text}
          html={item.html}
          classes={classNames('govuk-radios__label', item.label?.classes)}
          attributes={item.label?.attributes}
          for={itemId}
        />
        {hasHint ? (
          <Hint
            {...merge(item.hint, {
              id: itemHintId,
              classes: classNames('govuk-radios__hint', item.hint?.classes),
            })}
          />
        ) : (
          ''
        )}
      </div>
      {conditionalHtml ? (
        <div
          class={classNames('govuk-radios__conditional', !isChecked && 'govuk-radios__conditional--hidden')}
          id={conditionalId}
        >
          {conditionalHtml ? conditionalHtml : ''}
        </div>
      ) : (
        ''
      )}
    </>
  );
}

function Content({ text, html }: TextOrHtml): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
