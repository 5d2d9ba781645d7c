import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';
import { ErrorMessage, type ErrorMessageOptions } from './error-message.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import type { TextOrHtml } from './input.tsx';
import { Label, type LabelOptions } from './label.tsx';

/**
 * GOV.UK Frontend's file upload, without its JavaScript drop-zone enhancement (`javascript`): the
 * plain file input works with JavaScript off, which is what our pages need.
 */
export interface FileUploadOptions {
  /** Defaults to `name`. */
  id?: string;
  name: string;
  multiple?: boolean;
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

function Content({ text, html }: TextOrHtml): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}

export function FileUpload(options: FileUploadOptions): JSX.Element {
  const { name, label, hint, errorMessage, formGroup } = options;
  const id = options.id ? options.id : name;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [options.describedBy, hint && hintId, errorMessage && errorId]
    .filter(Boolean)
    .join(' ');
  const before = formGroup?.beforeInput;
  const after = formGroup?.afterInput;
  return (
    <div
      class={classNames('govuk-form-group', errorMessage && 'govuk-form-group--error', formGroup?.classes)}
      attrs={renderAttributes(formGroup?.attributes)}
    >
      <Label {...merge(label, { for: id })} />
      {hint ? <Hint {...merge(hint, { id: hintId })} /> : ''}
      {errorMessage ? <ErrorMessage {...merge(errorMessage, { id: errorId })} /> : ''}
      {before && (before.text || before.html) ? <Content {...before} /> : ''}
      <input
        attrs={
          renderAttributes({
            class: classNames(
              'govuk-file-upload',
              options.classes,
              errorMessage && 'govuk-file-upload--error',
            ),
            id,
            name,
            type: 'file',
            disabled: { value: options.disabled, optional: true },
            multiple: { value: options.multiple, optional: true },
            'aria-describedby': { value: describedBy || undefined, optional: true },
          }) + renderAttributes(options.attributes)
        }
      />
      {after && (after.text || after.html) ? <Content {...after} /> : ''}
    </div>
  );
}
