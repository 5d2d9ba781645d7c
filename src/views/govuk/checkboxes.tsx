import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import type { TextOrHtml } from './input.tsx';
import { Label } from './label.tsx';

export interface CheckboxesItem {
  text?: string;
  /** Trusted HTML (never user input) for the item's label. */
  html?: string;
  /** Defaults to `idPrefix`, suffixed `-2`, `-3`… after the first item. */
  id?: string;
  /** Defaults to the top-level `name`. */
  name?: string;
  value?: string | number;
  label?: { classes?: string; attributes?: Attributes };
  hint?: HintOptions;
  /** Text of a divider shown instead of a checkbox, for example "or". */
  divider?: string;
  /** Takes precedence over the top-level `values`. */
  checked?: boolean;
  /** Trusted HTML revealed when the checkbox is checked. */
  conditional?: { html?: string };
  /** `"exclusive"` for a 'None of these' checkbox. */
  behaviour?: string;
  disabled?: boolean;
  attributes?: Attributes;
}

export interface CheckboxesOptions {
  /** Ids added to each input's `aria-describedby` when there is no fieldset. */
  describedBy?: string;
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
  items: Array<CheckboxesItem | null | undefined | false | ''>;
  /** The values of the items to check, for items that do not set `checked`. */
  values?: Array<string | number>;
  classes?: string;
  attributes?: Attributes;
}

export function Checkboxes(options: CheckboxesOptions): JSX.Element {
  const { name, fieldset, hint, errorMessage, formGroup } = options;
  const idPrefix = options.idPrefix ? options.idPrefix : name;
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = [
    fieldset?.describedBy ? fieldset.describedBy : options.describedBy,
    hint && hintId,
    errorMessage && errorId,
  ]
    .filter(Boolean)
    .join(' ');

  const inner = (
    <>
      {hint ? <Hint {...merge(hint, { id: hintId })} /> : ''}
      {errorMessage ? <ErrorMessage {...merge(errorMessage, { id: errorId })} /> : ''}
      <div
        class={classNames('govuk-checkboxes', options.classes)}
        attrs={renderAttributes(options.attributes)}
        data-module="govuk-checkboxes"
      >
        {formGroup?.beforeInputs ? <Content {...formGroup.beforeInputs} /> : ''}
        {(options.items ?? []).map((item, index) =>
          item ? (
            <CheckboxItem
              item={item}
              index={index + 1}
              idPrefix={idPrefix}
              // With a fieldset, the fieldset is described instead of each input.
              describedBy={fieldset ? '' : describedBy}
              options={options}
            />
          ) : (
            ''
          ),
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

function CheckboxItem({
  item,
  index,
  idPrefix,
  describedBy,
  options,
}: {
  item: CheckboxesItem;
  index: number;
  idPrefix: string;
  describedBy: string;
  options: CheckboxesOptions;
}): JSX.Element {
  // The first id has no suffix, so the error summary can link to it.
  const itemId = item.id ? item.id : `${idPrefix}${index > 1 ? `-${index}` : ''}`;
  const conditionalId = `conditional-${itemId}`;
  const conditionalHtml = item.conditional?.html;
  if (item.divider) return <div class="govuk-checkboxes__divider">{escapeHtml(item.divider)}</div>;

  const isChecked =
    item.checked ||
    (options.values && item.value !== undefined
      ? options.values.includes(item.value) && item.checked !== false
      : false);
  const hasHint = Boolean(item.hint?.text || item.hint?.html);
  const itemHintId = `${itemId}-item-hint`;
  const itemDescribedBy = [describedBy, hasHint && itemHintId].filter(Boolean).join(' ');
  return (
    <>
      <div class="govuk-checkboxes__item">
        <input
          class="govuk-checkboxes__input"
          id={itemId}
          name={item.name ? item.name : options.name}
          type="checkbox"
          value={String(item.value ?? '')}
          checked={Boolean(isChecked)}
          disabled={Boolean(item.disabled)}
          data-aria-controls={conditionalHtml ? conditionalId : undefined}
          data-behaviour={item.behaviour || undefined}
          aria-describedby={itemDescribedBy || undefined}
          attrs={renderAttributes(item.attributes)}
        />
        <Label
          text={item.text}
          html={item.html}
          classes={classNames('govuk-checkboxes__label', item.label?.classes)}
          attributes={item.label?.attributes}
          for={itemId}
        />
        {hasHint ? (
          <Hint
            {...merge(item.hint, {
              id: itemHintId,
              classes: classNames('govuk-checkboxes__hint', item.hint?.classes),
            })}
          />
        ) : (
          ''
        )}
      </div>
      {conditionalHtml ? (
        <div
          class={classNames(
            'govuk-checkboxes__conditional',
            !isChecked && 'govuk-checkboxes__conditional--hidden',
          )}
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
