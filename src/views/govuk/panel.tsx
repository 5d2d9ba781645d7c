import { type Children, escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface PanelActionItem {
  text: string;
  /** "button" or "submit". With `href`, "button" renders a link styled as a button. */
  type?: 'button' | 'submit';
  href?: string;
  classes?: string;
  attributes?: Attributes;
}

export interface PanelOptions {
  titleText?: string;
  /** Trusted HTML (never user input); takes precedence over `titleText`. */
  titleHtml?: string;
  /** 1 to 6; defaults to 1. */
  headingLevel?: number;
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Rendered content (the Nunjucks macro's `caller`); takes precedence over `html` and `text`. */
  children?: Children;
  classes?: string;
  attributes?: Attributes;
  /** Buttons or links at the end of an interruption panel (ignored for confirmation panels). */
  actions?: {
    items?: PanelActionItem[];
    classes?: string;
    attributes?: Attributes;
  };
}

/**
 * One action: a link, or an inverse button as GOV.UK Frontend renders it with `govukButton`
 * (only the options the panel passes to it: text, type, href, classes and attributes).
 */
function PanelAction({ text, type, href, classes, attributes }: PanelActionItem): JSX.Element {
  if (href && type !== 'button') {
    return (
      <a
        class={classNames('govuk-link', 'govuk-link--inverse', classes)}
        href={href}
        attrs={renderAttributes(attributes)}
      >
        {escapeHtml(text ?? '')}
      </a>
    );
  }
  const buttonClasses = classNames('govuk-button', 'govuk-button--inverse', classes);
  if (href) {
    return (
      <a
        href={href}
        role="button"
        draggable="false"
        class={buttonClasses}
        data-module="govuk-button"
        attrs={renderAttributes(attributes)}
      >
        {escapeHtml(text ?? '')}
      </a>
    );
  }
  return (
    <button
      type={type || 'button'}
      class={buttonClasses}
      data-module="govuk-button"
      attrs={renderAttributes(attributes)}
    >
      {escapeHtml(text ?? '')}
    </button>
  );
}

export function Panel({
  titleText,
  titleHtml,
  headingLevel,
  text,
  html,
  children,
  classes,
  attributes,
  actions,
}: PanelOptions): JSX.Element {
  const isInterruption = Boolean(classes?.includes('govuk-panel--interruption'));
  return (
    <div
      class={classNames('govuk-panel', !isInterruption && 'govuk-panel--confirmation', classes)}
      attrs={renderAttributes(attributes)}
    >
      <tag of={`h${headingLevel || 1}`} class="govuk-panel__title">
        {titleHtml ? titleHtml : escapeHtml(titleText ?? '')}
      </tag>
      {children || html || text ? (
        <div class="govuk-panel__body">{children ? children : html ? html : escapeHtml(text ?? '')}</div>
      ) : (
        ''
      )}
      {isInterruption && actions ? (
        <div
          class={classNames('govuk-panel__actions', actions.classes)}
          attrs={renderAttributes(actions.attributes)}
        >
          {actions.items?.length ? (
            <div class="govuk-button-group">
              {actions.items.map((action) => (
                <PanelAction {...action} />
              ))}
            </div>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
    </div>
  );
}
