import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Fieldset, type FieldsetOptions } from './fieldset.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import { Input, type TextOrHtml } from './input.tsx';

export interface DateInputItem {
  /** Defaults to the component's `id` and the item's name, joined by `-`. */
  id?: string;
  /** Required in `items`; `day`, `month` and `year` default to their own names. */
  name?: string;
  /** Label text; defaults to the capitalised name. */
  label?: string;
  value?: string | number;
  /** Shows the item in error (also implied by a `govuk-input--error` class). */
  error?: boolean;
  autocomplete?: string;
  pattern?: string;
  /** Defaults to `"numeric"`. */
  inputmode?: string;
  classes?: string;
  attributes?: Attributes;
}

export interface DateInputOptions {
  id: string;
  /** Prefix of each item's name, joined by `-`. */
  namePrefix?: string;
  /** Replaces the day, month and year inputs. */
  items?: Array<DateInputItem | null | undefined | false>;
  hint?: HintOptions;
  /** No error message is shown for a falsy value. */
  errorMessage?: ErrorMessageOptions | false;
  formGroup?: {
    classes?: string;
    attributes?: Attributes;
    beforeInputs?: TextOrHtml;
    afterInputs?: TextOrHtml;
  };
  fieldset?: Omit<FieldsetOptions, 'children' | 'role'>;
  /** Options for the day input; `false` leaves it out. */
  day?: DateInputItem | false;
  month?: DateInputItem | false;
  year?: DateInputItem | false;
  /** Values by date part (`day`, `month`, `year`) or by full item name (including `namePrefix`). */
  values?: Record<string, string | number | undefined>;
  classes?: string;
  attributes?: Attributes;
}

const hasErrorClass = (item: DateInputItem): boolean => Boolean(item.classes?.includes('govuk-input--error'));

/** Nunjucks' `capitalize` filter. */
const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();

export function DateInput(options: DateInputOptions): JSX.Element {
  const { id, fieldset, hint, errorMessage, formGroup, values } = options;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [fieldset?.describedBy, hint && hintId, errorMessage && errorId]
    .filter(Boolean)
    .join(' ');

  // `day`, `month` and `year` are replaced only when undefined (`false` leaves a part out).
  const parts = {
    day:
      options.day === undefined
        ? { name: 'day', value: values?.day, classes: 'govuk-input--width-2' }
        : options.day,
    month:
      options.month === undefined
        ? { name: 'month', value: values?.month, classes: 'govuk-input--width-2' }
        : options.month,
    year:
      options.year === undefined
        ? { name: 'year', value: values?.year, classes: 'govuk-input--width-4' }
        : options.year,
  };
  const items = options.items?.length ? options.items : [parts.day, parts.month, parts.year];
  const anyItemHasError = items.some((item) => item && (item.error || hasErrorClass(item)));
  const namePrefix = options.namePrefix ? `${options.namePrefix}-` : '';

  function DateInputField({ item }: { item: DateInputItem }): JSX.Element {
    // An item is a date part if it is that part's options or has its name.
    const part = (['day', 'month', 'year'] as const).find((key) => {
      const partItem = parts[key];
      return (
        item === partItem || (item.name && (item.name === key || (partItem && item.name === partItem.name)))
      );
    });
    const partItem = part ? parts[part] : undefined;
    const name = part && item.name === undefined ? part : item.name;
    const value = item.value === undefined && partItem ? partItem.value : item.value;
    const width = part === 'year' ? 4 : 2;
    // Unless its classes already show it, an item is in error if it says so, or if the component has an
    // error message and no item says it is in error.
    const hasError =
      !hasErrorClass(item) &&
      (item.error || (item.error !== false && Boolean(errorMessage) && !anyItemHasError));
    const fullName = `${namePrefix}${name}`;
    return (
      <div class="govuk-date-input__item">
        <Input
          label={{
            text: item.label ? item.label : capitalize(String(name)),
            classes: 'govuk-date-input__label',
          }}
          id={item.id ? item.id : `${id}-${name}`}
          classes={classNames(
            'govuk-date-input__input',
            hasError && 'govuk-input--error',
            !item.classes?.includes('govuk-input--width-') && `govuk-input--width-${width}`,
            item.classes,
          )}
          name={fullName}
          value={value === undefined ? values?.[fullName] : value}
          type="text"
          inputmode={item.inputmode ? item.inputmode : 'numeric'}
          autocomplete={item.autocomplete}
          pattern={item.pattern}
          attributes={item.attributes}
        />
      </div>
    );
  }

  const inner = (
    <>
      {hint ? <Hint {...merge(hint, { id: hintId })} /> : ''}
      {errorMessage ? <ErrorMessage {...merge(errorMessage, { id: errorId })} /> : ''}
      <div
        class={classNames('govuk-date-input', options.classes)}
        attrs={renderAttributes(options.attributes)}
        id={id || undefined}
      >
        {formGroup?.beforeInputs ? <Content {...formGroup.beforeInputs} /> : ''}
        {items.map((item) => (item ? <DateInputField item={item} /> : ''))}
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
        // The `group` role makes JAWS announce the description of a fieldset of text inputs.
        <Fieldset
          describedBy={describedBy}
          classes={fieldset.classes}
          role="group"
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

function Content({ text, html }: TextOrHtml): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
