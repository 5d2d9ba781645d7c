import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';
import { Tag, type TagOptions } from './tag.tsx';

export interface PhaseBannerOptions {
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** The phase tag; only its `text`, `html` and `classes` are used. */
  tag?: Pick<TagOptions, 'text' | 'html' | 'classes'>;
  classes?: string;
  attributes?: Attributes;
}

export function PhaseBanner({ text, html, tag, classes, attributes }: PhaseBannerOptions): JSX.Element {
  return (
    <div
      class={classNames('govuk-phase-banner', 'govuk-width-container', classes)}
      attrs={renderAttributes(attributes)}
    >
      <p class="govuk-phase-banner__content">
        <Tag
          text={tag?.text ?? ''}
          html={tag?.html}
          classes={classNames('govuk-phase-banner__content__tag', tag?.classes)}
        />
        <span class="govuk-phase-banner__text">{html ? html : escapeHtml(text ?? '')}</span>
      </p>
    </div>
  );
}
