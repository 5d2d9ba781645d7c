import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import type { TextOrHtml } from './input.tsx';
import { Label, type LabelOptions } from './label.tsx';

/** GOV.UK Frontend's file upload, without its JavaScript enhancement (`javascript` is not ported). */
export interface FileUploadOptions {
  name: string;
  /** Defaults to `name`. */
  id?: string;
  disabled?: boolean;
  multiple?: boolean;
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

export function FileUpload(options: FileUploadOptions): JSX.Element {
  const { name, label, hint, errorMessage, formGroup } = options;
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
      <input
        class={classNames('govuk-file-upload', options.classes, errorMessage && 'govuk-file-upload--error')}
        id={id}
        name={name}
        type="file"
        disabled={Boolean(options.disabled)}
        multiple={Boolean(options.multiple)}
        aria-describedby={describedBy || undefined}
        attrs={renderAttributes(options.attributes)}
      />
      {formGroup?.afterInput ? <Content {...formGroup.afterInput} /> : ''}
    </div>
  );
}

function Content({ text, html }: TextOrHtml): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
