import { type Children, escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface NotificationBannerOptions {
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Rendered content (the Nunjucks macro's `caller`); takes precedence over `html` and `text`. */
  children?: Children;
  /** Defaults to "Important", or "Success" for the success type. */
  titleText?: string;
  /** Trusted HTML (never user input); takes precedence over `titleText`. */
  titleHtml?: string;
  /** 1 to 6; defaults to 2. */
  titleHeadingLevel?: number | string;
  /** Only "success" changes the banner. */
  type?: string | null;
  /** Defaults to "alert" for the success type, otherwise "region". */
  role?: string;
  /** Defaults to "govuk-notification-banner-title". */
  titleId?: string;
  disableAutoFocus?: boolean;
  classes?: string;
  attributes?: Attributes;
}

export function NotificationBanner({
  text,
  html,
  children,
  titleText,
  titleHtml,
  titleHeadingLevel,
  type,
  role,
  titleId,
  disableAutoFocus,
  classes,
  attributes,
}: NotificationBannerOptions): JSX.Element {
  const success = type === 'success';
  const headingId = titleId || 'govuk-notification-banner-title';
  const defaultTitle = success ? 'Success' : 'Important';
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is dynamic ("region" or "alert" by default), and both support aria-labelledby
    <div
      class={classNames(
        'govuk-notification-banner',
        success && 'govuk-notification-banner--success',
        classes,
      )}
      role={role || (success ? 'alert' : 'region')}
      aria-labelledby={headingId}
      data-module="govuk-notification-banner"
      data-disable-auto-focus={disableAutoFocus === undefined ? undefined : String(disableAutoFocus)}
      attrs={renderAttributes(attributes)}
    >
      <div class="govuk-notification-banner__header">
        <tag of={`h${titleHeadingLevel || 2}`} class="govuk-notification-banner__title" id={headingId}>
          {titleHtml ? titleHtml : escapeHtml(titleText || defaultTitle)}
        </tag>
      </div>
      <div class="govuk-notification-banner__content">
        {children ? (
          children
        ) : html ? (
          html
        ) : text ? (
          <p class="govuk-notification-banner__heading">{escapeHtml(text)}</p>
        ) : (
          ''
        )}
      </div>
    </div>
  );
}
