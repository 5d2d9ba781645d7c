/**
 * The layout is made of our ported GOV.UK components (each tested against GOV.UK Frontend's
 * fixtures), so the same options give the same markup as the page template's: the skip link, the
 * service navigation (with the current page marked, and signing out as a form) and the demo banner.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PhaseBanner } from './govuk/phase-banner.tsx';
import { ServiceNavigation } from './govuk/service-navigation.tsx';
import { SkipLink } from './govuk/skip-link.tsx';
import { Layout } from './layout.tsx';
import { toHtml } from './render.ts';

const page = (props: Partial<Parameters<typeof Layout>[0]> = {}) =>
  toHtml(
    Layout({ title: 'Your returns', children: '<h1 class="govuk-heading-l">Your returns</h1>', ...props }),
  );

const navigation = [
  { text: 'Home', href: '/' },
  { text: 'Returns', href: '/returns', active: true },
];

describe('the layout', () => {
  it('starts with the skip link to the main content', () => {
    const html = page();
    assert.ok(html.includes(toHtml(SkipLink({ text: 'Skip to main content', href: '#main-content' }))));
    assert.match(html, /<main class="govuk-main-wrapper" id="main-content">/);
  });

  it('shows the service navigation, the current page marked, with signing out as a post', () => {
    const html = page({ navigation, userName: 'Helen Ward', csrfToken: 'token-1' });
    const nav = toHtml(
      ServiceNavigation({
        serviceName: 'Section 11 Audit',
        navigation: [
          { text: 'Home', href: '/' },
          { text: 'Returns', href: '/returns', current: true },
        ],
        slots: { navigationEnd: '@@END@@' },
      }),
    );
    const [before, after] = nav.split('@@END@@');
    assert.ok(html.includes(before!), 'the navigation as the component renders it');
    assert.ok(html.includes(after!));
    assert.match(html, /href="\/returns" aria-current="page"/);
    assert.match(
      html,
      /<form method="post" action="\/sign-out" class="app-inline-form"><input type="hidden" name="_csrf" value="token-1"\/?>/,
    );
  });

  it('has no service navigation and no sign-out for a page without one', () => {
    const html = page();
    assert.doesNotMatch(html, /govuk-service-navigation/);
    assert.doesNotMatch(html, /sign-out/);
  });

  it('marks a demonstration with the phase banner, in a labelled region', () => {
    const html = page({ demo: true });
    const banner = toHtml(
      PhaseBanner({
        tag: { text: 'Demo' },
        html: 'This is a demonstration with made-up data. Emails are kept in the <a class="govuk-link" href="/dev/mail">development mailbox</a>.',
      }),
    );
    assert.ok(html.includes(`<section aria-label="Demonstration">${banner}</section>`));
    assert.doesNotMatch(page(), /govuk-phase-banner/);
  });

  it('escapes the names it is given', () => {
    const html = page({ navigation: [{ text: '<b>Agencies</b>', href: '/a' }], serviceName: 'A & B <SCP>' });
    assert.match(html, /&lt;b>Agencies&lt;\/b>/);
    assert.match(html, /A &amp; B &lt;SCP>/);
    assert.doesNotMatch(html, /<b>Agencies/);
  });
});
