/**
 * The page layout: GOV.UK Frontend's page template in TSX, with the partnership's name in place of
 * the GOV.UK crown and logotype. The error summary is rendered here, once, for every page.
 */
import { type Children, escapeHtml } from '@kitajs/html';
import type { FormErrors } from './form-errors.ts';
import { ErrorSummary } from './govuk/error-summary.tsx';

export interface NavItem {
  text: string;
  href: string;
  active?: boolean;
}

export interface PageChrome {
  /** Signed-in person's name, for the header. */
  userName?: string | undefined;
  csrfToken?: string | undefined;
  navigation?: NavItem[] | undefined;
  /** The partnership whose service this is, shown in the header. */
  serviceName?: string | undefined;
  demo?: boolean | undefined;
  /** The partnership's logo and header colour (a stylesheet: the CSP allows no inline styles). */
  branding?:
    | { partnershipName: string; logoHref?: string | undefined; stylesheetHref?: string | undefined }
    | undefined;
}

export interface LayoutProps extends PageChrome {
  title: string;
  errors?: FormErrors | undefined;
  /** Trusted HTML shown above the main content (back link, breadcrumbs). */
  beforeContent?: JSX.Element | undefined;
  children?: Children;
}

export function Layout(props: LayoutProps): JSX.Element {
  const hasErrors = props.errors !== undefined && props.errors.list.length > 0;
  // Children are rendered elements, escaped where they were built.
  const safeChildren = props.children;
  // A back link sits in its own navigation landmark, so all content is within landmarks;
  // breadcrumbs are a navigation landmark already.
  const before = props.beforeContent ?? '';
  const safeBeforeContent =
    typeof before === 'string' && before !== '' && !before.includes('govuk-breadcrumbs')
      ? `<nav aria-label="Back">${before}</nav>`
      : before;
  const title = `${hasErrors ? 'Error: ' : ''}${props.title} – ${props.serviceName ?? 'Section 11 Audit'}`;
  return (
    <>
      {'<!DOCTYPE html>'}
      <html lang="en" class="govuk-template govuk-template--rebranded">
        <head>
          <meta charset="utf-8" />
          <title safe>{title}</title>
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
          <meta name="theme-color" content="#1d70b8" />
          <link rel="icon" sizes="48x48" href="/favicon.ico" />
          <link rel="stylesheet" href="/build/app.css" />
          {props.branding?.stylesheetHref ? (
            <link rel="stylesheet" href={props.branding.stylesheetHref} />
          ) : (
            ''
          )}
        </head>
        <body class="govuk-template__body">
          <script>
            {
              "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
            }
          </script>
          <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
            Skip to main content
          </a>
          <header class="govuk-generic-header" data-module="govuk-header">
            <div class="govuk-generic-header__container govuk-width-container">
              <div class="govuk-generic-header__logo">
                <a href="/" class="govuk-generic-header__homepage-link">
                  {props.branding?.logoHref ? (
                    <img
                      class="app-header-logo"
                      src={props.branding.logoHref}
                      alt={props.branding.partnershipName}
                      height="30"
                    />
                  ) : (
                    ''
                  )}
                  {escapeHtml(props.serviceName ?? 'Section 11 Audit')}
                </a>
              </div>
            </div>
          </header>
          {props.navigation && props.navigation.length > 0 ? (
            <section
              aria-label="Service information"
              class="govuk-service-navigation"
              data-module="govuk-service-navigation"
            >
              <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                  <span class="govuk-service-navigation__service-name">
                    <span class="govuk-service-navigation__text">Section 11 Audit</span>
                  </span>
                  <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                    <ul class="govuk-service-navigation__list" id="navigation">
                      {props.navigation.map((item) => (
                        <li
                          class={`govuk-service-navigation__item${item.active ? ' govuk-service-navigation__item--active' : ''}`}
                        >
                          <a
                            class="govuk-service-navigation__link"
                            href={item.href}
                            aria-current={item.active ? 'page' : undefined}
                          >
                            {item.active ? (
                              <strong class="govuk-service-navigation__active-fallback" safe>
                                {item.text}
                              </strong>
                            ) : (
                              escapeHtml(item.text)
                            )}
                          </a>
                        </li>
                      ))}
                      {props.userName && props.csrfToken ? (
                        <li class="govuk-service-navigation__item">
                          <form method="post" action="/sign-out" class="app-inline-form">
                            <input type="hidden" name="_csrf" value={props.csrfToken} />
                            <button type="submit" class="govuk-service-navigation__link app-link-button">
                              Sign out
                            </button>
                          </form>
                        </li>
                      ) : (
                        ''
                      )}
                    </ul>
                  </nav>
                </div>
              </div>
            </section>
          ) : (
            ''
          )}
          <div class="govuk-width-container">
            {props.demo ? (
              <section class="govuk-phase-banner" aria-label="Demonstration">
                <p class="govuk-phase-banner__content">
                  <strong class="govuk-tag govuk-phase-banner__content__tag">Demo</strong>
                  <span class="govuk-phase-banner__text">
                    This is a demonstration with made-up data. Emails are kept in the{' '}
                    <a class="govuk-link" href="/dev/mail">
                      development mailbox
                    </a>
                    .
                  </span>
                </p>
              </section>
            ) : (
              ''
            )}
            {safeBeforeContent}
            <main class="govuk-main-wrapper" id="main-content">
              {hasErrors ? (
                <ErrorSummary titleText="There is a problem" errorList={props.errors!.list} />
              ) : (
                ''
              )}
              {safeChildren}
            </main>
          </div>
          <footer class="govuk-footer">
            <div class="govuk-width-container">
              <div class="govuk-footer__meta">
                <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                  <h2 class="govuk-visually-hidden">Support links</h2>
                  <ul class="govuk-footer__inline-list">
                    <li class="govuk-footer__inline-list-item">
                      <a class="govuk-footer__link" href="/accessibility">
                        Accessibility statement
                      </a>
                    </li>
                    <li class="govuk-footer__inline-list-item">
                      <a class="govuk-footer__link" href="/privacy">
                        Privacy
                      </a>
                    </li>
                  </ul>
                  <span class="govuk-footer__licence-description">
                    Section 11 Audit is open-source software for safeguarding partnerships.
                  </span>
                </div>
              </div>
            </div>
          </footer>
          <script type="module" src="/static/app.js"></script>
        </body>
      </html>
    </>
  );
}
