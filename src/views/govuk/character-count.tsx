import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames } from './attributes.ts';
import type { ErrorMessageOptions } from './error-message.tsx';
import { Hint, type HintOptions } from './hint.tsx';
import type { TextOrHtml } from './input.tsx';
import type { LabelOptions } from './label.tsx';
import { Textarea } from './textarea.tsx';

/** Translations by plural rule (`one`, `other`, …), as GOV.UK Frontend's i18n options. */
export type PluralisedText = Record<string, string>;

export interface CharacterCountOptions {
  /** Defaults to `name`. */
  id?: string;
  name: string;
  rows?: number | string;
  value?: string;
  /** The maximum number of characters (or words, with `countType: "words"`). */
  maxlength?: number | string;
  /** The maximum number of words; replaced by `maxlength` with `countType: "words"`. */
  maxwords?: number | string;
  threshold?: number | string;
  countType?: 'length' | 'words';
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
  spellcheck?: boolean;
  countMessage?: { classes?: string };
  textareaDescriptionText?: string;
  charactersUnderLimitText?: PluralisedText;
  charactersAtLimitText?: string;
  charactersOverLimitText?: PluralisedText;
  wordsUnderLimitText?: PluralisedText;
  wordsAtLimitText?: string;
  wordsOverLimitText?: PluralisedText;
}

/** The `data-i18n.*` attributes that GOV.UK Frontend's `govukI18nAttributes` macro renders. */
function i18nAttributes(key: string, message: string | PluralisedText | undefined): Attributes {
  if (!message) return {};
  if (typeof message === 'string') return { [`data-i18n.${key}`]: message };
  return Object.fromEntries(
    Object.entries(message).map(([pluralRule, text]) => [`data-i18n.${key}.${pluralRule}`, text]),
  );
}

export function CharacterCount(options: CharacterCountOptions): JSX.Element {
  const { maxlength, maxwords, textareaDescriptionText, formGroup } = options;
  const countType = options.countType ? options.countType : maxwords ? 'words' : undefined;
  const hasNoLimit = !maxwords && !maxlength;
  const id = options.id ? options.id : options.name;

  const description = (
    textareaDescriptionText ||
    `You can enter up to %{count} ${countType === 'words' ? 'words' : 'characters'}`
  ).replaceAll('%{count}', String(maxwords || maxlength));

  // The count message follows the textarea, as its `formGroup.afterInput`. Hint renders synchronously.
  const countMessage = (
    <Hint
      text={hasNoLimit ? undefined : description}
      id={`${id}-info`}
      classes={classNames('govuk-character-count__message', options.countMessage?.classes)}
    />
  ) as string;
  const afterInput = formGroup?.afterInput;
  const afterInputHtml = afterInput?.html ? afterInput.html : escapeHtml(afterInput?.text ?? '');

  return (
    <Textarea
      id={id}
      name={options.name}
      describedBy={`${id}-info`}
      rows={options.rows}
      spellcheck={options.spellcheck}
      value={options.value}
      formGroup={{
        classes: classNames('govuk-character-count', formGroup?.classes),
        attributes: {
          'data-module': 'govuk-character-count',
          'data-maxlength': { value: maxlength, optional: true },
          'data-maxwords': { value: maxwords, optional: true },
          'data-threshold': { value: options.threshold, optional: true },
          'data-count-type': { value: countType ? countType : false, optional: true },
          // Without a limit the description can only be interpolated by JavaScript, if one was given.
          ...(hasNoLimit && textareaDescriptionText
            ? i18nAttributes('textarea-description', { other: textareaDescriptionText })
            : {}),
          ...i18nAttributes('characters-under-limit', options.charactersUnderLimitText),
          ...i18nAttributes('characters-at-limit', options.charactersAtLimitText),
          ...i18nAttributes('characters-over-limit', options.charactersOverLimitText),
          ...i18nAttributes('words-under-limit', options.wordsUnderLimitText),
          ...i18nAttributes('words-at-limit', options.wordsAtLimitText),
          ...i18nAttributes('words-over-limit', options.wordsOverLimitText),
          ...formGroup?.attributes,
        },
        beforeInput: formGroup?.beforeInput,
        afterInput: { html: countMessage + afterInputHtml },
      }}
      classes={classNames('govuk-js-character-count', options.classes)}
      label={options.label}
      hint={options.hint}
      errorMessage={options.errorMessage}
      attributes={options.attributes}
    />
  );
}
