import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import { Label, type LabelOptions } from './label.tsx';

/** Content given as escaped `text` or trusted `html` (never user input). */
export interface TextOrHtml {
  text?: string;
  html?: string;
}

export interface InputAffixOptions extends TextOrHtml {
  classes?: string;
  attributes?: Attributes;
}

export interface InputOptions {
  /** Defaults to `name`. */
  id?: string;
  name: string;
  /** Defaults to `"text"`. */
  type?: string;
  inputmode?: string;
  value?: string | number;
  disabled?: boolean;
  describedBy?: string;
  label: Omit<LabelOptions, 'for'>;
  hint?: HintOptions;
  /** No error message is shown for a falsy value. */
  errorMessage?: ErrorMessageOptions | false;
  prefix?: InputAffixOptions;
  suffix?: InputAffixOptions;
  formGroup?: {
    classes?: string;
    attributes?: Attributes;
    beforeInput?: TextOrHtml;
    afterInput?: TextOrHtml;
  };
  classes?: string;
  autocomplete?: string;
  pattern?: string;
  spellcheck?: boolean;
  autocapitalize?: string;
  inputWrapper?: { classes?: string; attributes?: Attributes };
  attributes?: Attributes;
}

const hasContent = (content: TextOrHtml | undefined): content is TextOrHtml =>
  Boolean(content && (content.text || content.html));

export function Input(options: InputOptions): JSX.Element {
  const { name, label, hint, errorMessage, prefix, suffix, formGroup, inputWrapper } = options;
  const id = options.id ? options.id : name;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [options.describedBy, hint && hintId, errorMessage && errorId]
    .filter(Boolean)
    .join(' ');

  // Every attribute goes through `renderAttributes`, as the Nunjucks template's `govukAttributes` call.
  const input = (
    <input
      attrs={
        renderAttributes({
          class: classNames('govuk-input', options.classes, errorMessage && 'govuk-input--error'),
          id,
          name,
          type: options.type || 'text',
          spellcheck: {
            value: typeof options.spellcheck === 'boolean' ? String(options.spellcheck) : false,
            optional: true,
          },
          value: { value: options.value, optional: true },
          disabled: { value: options.disabled, optional: true },
          'aria-describedby': { value: describedBy || undefined, optional: true },
          autocomplete: { value: options.autocomplete, optional: true },
          autocapitalize: { value: options.autocapitalize, optional: true },
          pattern: { value: options.pattern, optional: true },
          inputmode: { value: options.inputmode, optional: true },
        }) + renderAttributes(options.attributes)
      }
    />
  );

  const beforeInput = formGroup?.beforeInput;
  const afterInput = formGroup?.afterInput;
  const hasWrapper =
    hasContent(prefix) || hasContent(suffix) || hasContent(beforeInput) || hasContent(afterInput);

  return (
    <div
      class={classNames('govuk-form-group', errorMessage && 'govuk-form-group--error', formGroup?.classes)}
      attrs={renderAttributes(formGroup?.attributes)}
    >
      <Label {...merge(label, { for: id })} />
      {hint ? <Hint {...merge(hint, { id: hintId })} /> : ''}
      {errorMessage ? <ErrorMessage {...merge(errorMessage, { id: errorId })} /> : ''}
      {hasWrapper ? (
        <div
          class={classNames('govuk-input__wrapper', inputWrapper?.classes)}
          attrs={renderAttributes(inputWrapper?.attributes)}
        >
          {hasContent(beforeInput) ? <Content {...beforeInput} /> : ''}
          {hasContent(prefix) ? <Affix {...merge(prefix, { type: 'prefix' })} /> : ''}
          {input}
          {hasContent(suffix) ? <Affix {...merge(suffix, { type: 'suffix' })} /> : ''}
          {hasContent(afterInput) ? <Content {...afterInput} /> : ''}
        </div>
      ) : (
        input
      )}
    </div>
  );
}

function Affix({ text, html, classes, attributes, type }: InputAffixOptions & { type: string }): JSX.Element {
  return (
    <div
      class={classNames(`govuk-input__${type}`, classes)}
      aria-hidden="true"
      attrs={renderAttributes(attributes)}
    >
      {html ? html : escapeHtml(text ?? '')}
    </div>
  );
}

function Content({ text, html }: TextOrHtml): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
