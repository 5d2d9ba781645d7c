import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface ServiceNavigationItem {
  /** The user is on this page (`aria-current="page"`); takes precedence over `active`. */
  current?: boolean;
  /** The user is within this section (`aria-current="true"`). */
  active?: boolean;
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  href?: string;
  attributes?: Attributes;
}

/** Places to inject trusted HTML (never user input). */
export interface ServiceNavigationSlots {
  start?: string;
  /** HTML, or HTML with `align: "inline"` to show it on the same line as the navigation. */
  end?: string | { html?: string; align?: string };
  navigationStart?: string;
  navigationEnd?: string;
}

export interface ServiceNavigationOptions {
  classes?: string;
  attributes?: Attributes;
  /** Label of the `<section>` used when there is a service name; defaults to "Service information". */
  ariaLabel?: string;
  /** Text of the mobile menu toggle; defaults to "Menu". */
  menuButtonText?: string;
  menuButtonLabel?: string;
  navigationLabel?: string;
  /** Defaults to "navigation". */
  navigationId?: string;
  navigationClasses?: string;
  /** Defaults to true when there is more than one navigation item. */
  collapseNavigationOnMobile?: boolean;
  serviceName?: string;
  serviceUrl?: string;
  /** Falsy items are skipped. */
  navigation?: Array<ServiceNavigationItem | null | undefined | false>;
  slots?: ServiceNavigationSlots;
}

function NavigationItem({ item }: { item: ServiceNavigationItem }): JSX.Element {
  const { current, active, text, html, href, attributes } = item;
  const highlighted = Boolean(active || current);
  const ariaCurrent = highlighted ? (current ? 'page' : 'true') : undefined;
  // Active items are also wrapped in <strong>, for users who override colours or styles.
  const content = highlighted ? (
    <strong class="govuk-service-navigation__active-fallback">{html ? html : escapeHtml(text ?? '')}</strong>
  ) : html ? (
    html
  ) : (
    escapeHtml(text ?? '')
  );
  return (
    <li
      class={classNames(
        'govuk-service-navigation__item',
        highlighted && 'govuk-service-navigation__item--active',
      )}
    >
      {href ? (
        <a
          class="govuk-service-navigation__link"
          href={href}
          aria-current={ariaCurrent}
          attrs={renderAttributes(attributes)}
        >
          {content}
        </a>
      ) : html || text ? (
        <span class="govuk-service-navigation__text" aria-current={ariaCurrent}>
          {content}
        </span>
      ) : (
        ''
      )}
    </li>
  );
}

export function ServiceNavigation({
  classes,
  attributes,
  ariaLabel,
  menuButtonText,
  menuButtonLabel,
  navigationLabel,
  navigationId,
  navigationClasses,
  collapseNavigationOnMobile,
  serviceName,
  serviceUrl,
  navigation,
  slots,
}: ServiceNavigationOptions): JSX.Element {
  const buttonText = menuButtonText || 'Menu';
  const listId = navigationId || 'navigation';
  const items = (navigation ?? []).filter((item): item is ServiceNavigationItem => Boolean(item));
  const collapse = collapseNavigationOnMobile === undefined ? items.length > 1 : collapseNavigationOnMobile;
  // Slots are trusted HTML, emitted as given.
  const safeStartSlot = slots?.start || '';
  const safeNavigationStartSlot = slots?.navigationStart || '';
  const safeNavigationEndSlot = slots?.navigationEnd || '';
  const safeEndSlot = (typeof slots?.end === 'string' ? slots.end : slots?.end?.html) || '';
  const endSlotInline = typeof slots?.end === 'object' && slots.end.align === 'inline';

  const inner = (
    <div
      class={classNames(
        'govuk-width-container',
        endSlotInline && 'govuk-service-navigation__inlining-container',
      )}
    >
      {safeStartSlot}
      <div class="govuk-service-navigation__container">
        {serviceName ? (
          <span class="govuk-service-navigation__service-name">
            {serviceUrl ? (
              <a href={serviceUrl} class="govuk-service-navigation__link">
                {escapeHtml(serviceName)}
              </a>
            ) : (
              <span class="govuk-service-navigation__text">{escapeHtml(serviceName)}</span>
            )}
          </span>
        ) : (
          ''
        )}
        {items.length || safeNavigationStartSlot || safeNavigationEndSlot ? (
          <nav
            aria-label={navigationLabel || buttonText}
            class={classNames('govuk-service-navigation__wrapper', navigationClasses)}
          >
            {collapse ? (
              // biome-ignore lint/a11y/noAriaHiddenOnFocusable: the toggle is also `hidden` until GOV.UK Frontend's JavaScript shows it and removes aria-hidden
              <button
                type="button"
                class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls={listId}
                aria-label={menuButtonLabel && menuButtonLabel !== buttonText ? menuButtonLabel : undefined}
                hidden
                aria-hidden="true"
              >
                {escapeHtml(buttonText)}
              </button>
            ) : (
              ''
            )}
            <ul class="govuk-service-navigation__list" id={listId}>
              {safeNavigationStartSlot}
              {items.map((item) => (
                <NavigationItem item={item} />
              ))}
              {safeNavigationEndSlot}
            </ul>
          </nav>
        ) : (
          ''
        )}
      </div>
      {safeEndSlot}
    </div>
  );

  // With a service name (or start/end content) a <section> labels the region; otherwise the
  // <nav> inside is landmark enough.
  return serviceName || safeStartSlot || safeEndSlot ? (
    <section
      aria-label={ariaLabel ?? 'Service information'}
      class={classNames('govuk-service-navigation', classes)}
      data-module="govuk-service-navigation"
      attrs={renderAttributes(attributes)}
    >
      {inner}
    </section>
  ) : (
    <div
      class={classNames('govuk-service-navigation', classes)}
      data-module="govuk-service-navigation"
      attrs={renderAttributes(attributes)}
    >
      {inner}
    </div>
  );
}
