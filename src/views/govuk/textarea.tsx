import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import type { TextOrHtml } from './input.tsx';
import { Label, type LabelOptions } from './label.tsx';

export interface TextareaOptions {
  /** Defaults to `name`. */
  id?: string;
  name: string;
  spellcheck?: boolean;
  /** Defaults to 5. */
  rows?: number | string;
  value?: string;
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
  autocomplete?: string;
  attributes?: Attributes;
}

export function Textarea(options: TextareaOptions): JSX.Element {
  const { name, spellcheck, label, hint, errorMessage, formGroup } = options;
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
      <textarea
        class={classNames('govuk-textarea', errorMessage && 'govuk-textarea--error', options.classes)}
        id={id}
        name={name}
        rows={String(options.rows || 5)}
        spellcheck={typeof spellcheck === 'boolean' ? String(spellcheck) : undefined}
        disabled={Boolean(options.disabled)}
        aria-describedby={describedBy || undefined}
        // @kitajs/html's <textarea> typings lack `autocomplete`, so it goes with the other attributes.
        attrs={
          renderAttributes({ autocomplete: { value: options.autocomplete || undefined, optional: true } }) +
          renderAttributes(options.attributes)
        }
      >
        {escapeHtml(options.value ?? '')}
      </textarea>
      {formGroup?.afterInput ? <Content {...formGroup.afterInput} /> : ''}
    </div>
  );
}

function Content({ text, html }: TextOrHtml): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
