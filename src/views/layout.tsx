/**
 * The page layout: GOV.UK Frontend's page template in TSX, with the partnership's name in place of
 * the GOV.UK crown and logotype. The error summary is rendered here, once, for every page.
 */
import { type Children, escapeHtml } from '@kitajs/html';
import { type DisplaySettings, displayClasses } from '../lib/display-settings.ts';
import type { FormErrors } from './form-errors.ts';
import { ErrorSummary } from './govuk/error-summary.tsx';
import { PhaseBanner } from './govuk/phase-banner.tsx';
import { ServiceNavigation } from './govuk/service-navigation.tsx';
import { SkipLink } from './govuk/skip-link.tsx';

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
  /** Signed-in pages only: the idle sign-out, which public/app.js warns of before it comes. */
  session?: { idleMinutes: number; expiresInSeconds: number; warningSeconds: number } | undefined;
  /** The person's or visitor's display settings (high contrast, larger text); the GOV.UK look if none. */
  display?: DisplaySettings | undefined;
  /** This page's address (a same-site path), for the display settings page to come back to. */
  path?: string | undefined;
}

export interface LayoutProps extends PageChrome {
  title: string;
  errors?: FormErrors | undefined;
  /** Trusted HTML shown above the main content (back link, breadcrumbs). */
  beforeContent?: JSX.Element | undefined;
  children?: Children;
}

const DEMO_BANNER =
  'This is a demonstration with made-up data. Emails are kept in the <a class="govuk-link" href="/dev/mail">development mailbox</a>.';

/** The last item of the service navigation: signing out, a form (it changes state, so it is a post). */
function signOut(props: Pick<PageChrome, 'userName' | 'csrfToken'>): string {
  if (!props.userName || !props.csrfToken) return '';
  return (
    <li class="govuk-service-navigation__item">
      <form method="post" action="/sign-out" class="app-inline-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="govuk-service-navigation__link app-link-button">
          Sign out
        </button>
      </form>
    </li>
  ) as string;
}

/**
 * The warning before the idle sign-out (the GOV.UK timeout pattern): a modal dialog public/app.js
 * opens before the session ends. Without JavaScript it never shows: the session ends as it did.
 */
function timeoutDialog(props: Pick<PageChrome, 'userName' | 'csrfToken' | 'session'>): string {
  if (!props.userName || !props.csrfToken || !props.session) return '';
  return (
    <dialog
      class="app-timeout-dialog"
      aria-labelledby="app-timeout-title"
      aria-describedby="app-timeout-text"
      data-app-timeout-dialog
    >
      <h2 class="govuk-heading-m" id="app-timeout-title">
        You’re about to be signed out
      </h2>
      <p class="govuk-body" id="app-timeout-text">
        For your security, we will sign you out in <span data-app-timeout-countdown>2 minutes</span>. What you
        have typed on this page will be kept for when you sign in again.
      </p>
      <div class="govuk-button-group">
        <button type="button" class="govuk-button" data-app-timeout-stay>
          Stay signed in
        </button>
        <form method="post" action="/sign-out" class="app-inline-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit" class="govuk-link app-link-button">
            Sign out
          </button>
        </form>
      </div>
    </dialog>
  ) as string;
}

/** The footer's link to the display settings page, saying which page to come back to. */
function displaySettingsHref(path: string | undefined): string {
  if (!path || path === '/' || path.startsWith('/display-settings')) return '/display-settings';
  return `/display-settings?from=${encodeURIComponent(path)}`;
}

/** Signed-in pages tell public/app.js when the session ends and when to warn; others say nothing. */
function sessionAttributes(props: Pick<PageChrome, 'userName' | 'csrfToken' | 'session'>) {
  if (!props.userName || !props.csrfToken || !props.session) return {};
  return {
    'data-app-session-idle-minutes': String(props.session.idleMinutes),
    'data-app-session-expires-in': String(props.session.expiresInSeconds),
    'data-app-session-warning-seconds': String(props.session.warningSeconds),
  };
}

export function Layout(props: LayoutProps): JSX.Element {
  const hasErrors = props.errors !== undefined && props.errors.list.length > 0;
  // Children are rendered elements, escaped where they were built.
  const safeChildren = props.children;
  // Built from our own markup: only the CSRF token (an attribute, escaped) comes from outside.
  const safeTimeoutDialog = timeoutDialog(props);
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
      <html
        lang="en"
        class={['govuk-template', 'govuk-template--rebranded', ...displayClasses(props.display)].join(' ')}
      >
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
        <body class="govuk-template__body" {...sessionAttributes(props)}>
          <script>
            {
              "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
            }
          </script>
          <SkipLink text="Skip to main content" href="#main-content" />
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
            <ServiceNavigation
              serviceName="Section 11 Audit"
              navigation={props.navigation.map((item) => ({
                text: item.text,
                href: item.href,
                current: item.active,
              }))}
              slots={{ navigationEnd: signOut(props) }}
            />
          ) : (
            ''
          )}
          {props.demo ? (
            // In a labelled region, so that all the page's content is within landmarks.
            <section aria-label="Demonstration">
              <PhaseBanner tag={{ text: 'Demo' }} html={DEMO_BANNER} />
            </section>
          ) : (
            ''
          )}
          <div class="govuk-width-container">
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
                    <li class="govuk-footer__inline-list-item">
                      <a class="govuk-footer__link" href={displaySettingsHref(props.path)}>
                        Display settings
                      </a>
                    </li>
                  </ul>
                  <span class="govuk-footer__licence-description">
                    Section 11 Audit is open-source software for safeguarding partnerships, released under the
                    MIT Licence.
                  </span>
                </div>
              </div>
            </div>
          </footer>
          {safeTimeoutDialog}
          <script type="module" src="/static/app.js"></script>
        </body>
      </html>
    </>
  );
}
