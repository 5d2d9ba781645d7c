/**
 * What the accessibility statement says about the service's compliance, kept beside the checks that
 * keep it true: `test/accessibility/accessibility-statement.test.ts` proves each listed issue is
 * still there (so a fixed one must come off the list), and the browser tests accept no axe-core
 * finding that is not listed here (so a new one must go on it).
 */

/** When the statement was first prepared and last reviewed (review it at least once a year). */
export const STATEMENT_PREPARED = '4 December 2026';
export const STATEMENT_LAST_REVIEWED = '4 December 2026';
/** When and how the service was last tested. */
export const LAST_TESTED =
  '4 December 2026, by the team that builds the service: axe-core on every page of the automated browser tests in seven roles, keyboard-only and JavaScript-off journeys, 320 pixel screens, text at 200%, forced colours, and the PDF documents and emails';
/** How soon a partnership replies to a request for an accessible format or a reported problem. */
export const REPLY_WORKING_DAYS = 5;

export interface KnownIssue {
  /** A stable key, named by the test that proves the issue is still there. */
  id: string;
  /** What someone meets, in plain words. */
  text: string;
  /** The WCAG 2.2 success criteria it fails, if any. */
  criteria: string[];
  /** What we will do, and by when. */
  plan: string;
  /**
   * An axe-core finding the browser tests accept because of this issue: the rule, and a test of the
   * failing element's HTML (only those elements are accepted).
   */
  axe?: { rule: string; element: RegExp };
}

export const KNOWN_ISSUES: KnownIssue[] = [
  {
    id: 'reveal-aria-expanded',
    text: 'Radios and checkboxes that reveal a further question carry an aria-expanded attribute, which the ARIA specification does not allow on them. GOV.UK Frontend adds it on purpose, so that screen readers announce the reveal, but some assistive technologies and checking tools report it.',
    criteria: ['4.1.2 Name, Role, Value'],
    plan: 'We follow the GOV.UK Design System, which keeps this while it researches a replacement. We check each new release of GOV.UK Frontend and will take up its fix within a month of its release.',
    axe: {
      rule: 'aria-allowed-attr',
      element: /^<input class="govuk-(radios|checkboxes)__input"[^>]*aria-controls="conditional-/,
    },
  },
  {
    id: 'pdf-missing-characters',
    text: 'In the PDF copies of returns and the findings report, a character that the embedded font (Noto Sans, which covers Latin, Greek and Cyrillic scripts) does not have, such as Chinese, Japanese or Korean characters or emoji, prints as a question mark. The web pages and the spreadsheet downloads show every character.',
    criteria: ['1.3.1 Info and Relationships'],
    plan: 'We will add fonts for further scripts when a partnership needs them; until then, use the copy of the return as a web page, which shows all text. We will review this by 30 June 2027.',
  },
];

/** The axe-core findings the browser tests accept: only those a known issue explains. */
export function acceptedAxeFinding(rule: string, html: string): boolean {
  return KNOWN_ISSUES.some((issue) => issue.axe?.rule === rule && issue.axe.element.test(html));
}
