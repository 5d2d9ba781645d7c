import { type Children, escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, merge, renderAttributes } from './attributes.ts';

export interface ErrorSummaryItem {
  /** Makes the item a link, usually to the field in error (`#id`). */
  href?: string;
  text?: string;
  /** Trusted HTML (never user input), as GOV.UK Frontend's `html` option. */
  html?: string;
  /** Attributes of the link. */
  attributes?: Attributes;
}

export interface ErrorSummaryOptions {
  titleText?: string;
  /** Trusted HTML (never user input) for the title. */
  titleHtml?: string;
  descriptionText?: string;
  /** Trusted HTML (never user input) for the description. */
  descriptionHtml?: string;
  errorList?: ErrorSummaryItem[];
  /** Stops the error summary taking focus when the page loads. */
  disableAutoFocus?: boolean;
  classes?: string;
  attributes?: Attributes;
  /** Description content, instead of `descriptionText`/`descriptionHtml` (the Nunjucks `caller`). */
  children?: Children;
}

export function ErrorSummary(options: ErrorSummaryOptions): JSX.Element {
  const { titleText, titleHtml, descriptionText, descriptionHtml, errorList, disableAutoFocus, children } =
    options;
  return (
    <div
      class={classNames('govuk-error-summary', options.classes)}
      data-disable-auto-focus={disableAutoFocus === undefined ? undefined : String(disableAutoFocus)}
      attrs={renderAttributes(options.attributes)}
      data-module="govuk-error-summary"
    >
      {/* role="alert" is on a child, so the focusing script does not race the announcement. */}
      <div role="alert">
        <h2 class="govuk-error-summary__title">{titleHtml ? titleHtml : escapeHtml(titleText ?? '')}</h2>
        <div class="govuk-error-summary__body">
          {children !== undefined || descriptionHtml || descriptionText ? (
            <p>{children ?? (descriptionHtml ? descriptionHtml : escapeHtml(descriptionText ?? ''))}</p>
          ) : (
            ''
          )}
          {errorList?.length ? (
            <ul class="govuk-list govuk-error-summary__list">
              {errorList.map((item) => (
                <li>
                  {item.href ? <ErrorLink {...merge(item, { href: item.href })} /> : <ErrorText {...item} />}
                </li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </div>
      </div>
    </div>
  );
}

function ErrorLink({ href, text, html, attributes }: ErrorSummaryItem & { href: string }): JSX.Element {
  return (
    <a href={href} attrs={renderAttributes(attributes)}>
      <ErrorText text={text} html={html} />
    </a>
  );
}

function ErrorText({ text, html }: ErrorSummaryItem): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
