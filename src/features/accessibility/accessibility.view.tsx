/**
 * The accessibility statement, in the shape of the GOV.UK model statement that the Public Sector
 * Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 ask for: each
 * partnership's names its own contact; the service-wide one names the person's partnerships, or
 * lists every partnership's statement for a visitor.
 */
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { StatementPartnership } from './accessibility.repository.ts';
import {
  KNOWN_ISSUES,
  LAST_TESTED,
  REPLY_WORKING_DAYS,
  STATEMENT_LAST_REVIEWED,
  STATEMENT_PREPARED,
} from './known-issues.ts';

export type StatementContacts =
  /** A partnership's own statement, or the partnerships a signed-in person works with. */
  | { kind: 'named'; partnerships: StatementPartnership[] }
  /** A visitor: every partnership's statement to choose from. */
  | { kind: 'choose'; partnerships: StatementPartnership[] };

function Contacts(props: { contacts: StatementContacts; purpose: string }): JSX.Element {
  const { contacts } = props;
  if (contacts.kind === 'choose')
    return (
      <>
        <p class="govuk-body" safe>
          {`${props.purpose}, contact the safeguarding partnership that asked you to use this service. Each partnership’s statement gives its contact details:`}
        </p>
        <ul class="govuk-list govuk-list--bullet">
          {contacts.partnerships.map((p) => (
            <li>
              <a class="govuk-link" href={`/p/${encodeURIComponent(p.shortName)}/accessibility`} safe>
                {p.name}
              </a>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <>
      <p class="govuk-body" safe>{`${props.purpose}, email:`}</p>
      <ul class="govuk-list govuk-list--bullet">
        {contacts.partnerships.map((p) => (
          <li>
            <a class="govuk-link" href={`mailto:${p.contactEmail}`} safe>
              {p.contactEmail}
            </a>
            <span safe>{` (${p.name})`}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function AccessibilityStatementPage(m: {
  chrome: PageChrome;
  contacts: StatementContacts;
  /** Set on a partnership's own statement. */
  partnershipName?: string | undefined;
}): JSX.Element {
  const runBy = m.partnershipName ?? 'the safeguarding partnerships that use it';
  const partial = KNOWN_ISSUES.length > 0;
  return (
    <Layout title="Accessibility statement" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">
            Accessibility statement for Section 11 Audit
            {m.partnershipName ? (
              <span class="govuk-caption-l" safe>
                {m.partnershipName}
              </span>
            ) : (
              ''
            )}
          </h1>
          <p class="govuk-body" safe>
            {`This accessibility statement applies to Section 11 Audit, the service ${runBy} ${m.partnershipName ? 'uses' : 'use'} for Section 11 self-assessments, including the PDF copies and spreadsheets it produces and the emails it sends.`}
          </p>
          <p class="govuk-body">
            We want as many people as possible to be able to use this service. For example, you should be able
            to:
          </p>
          <ul class="govuk-list govuk-list--bullet">
            <li>change colours, contrast levels and fonts using browser or device settings</li>
            <li>zoom in up to 400% without the text spilling off the screen</li>
            <li>navigate every page using just a keyboard</li>
            <li>use every page with JavaScript switched off</li>
            <li>use every page with a screen reader, and read the PDF copies with one (they are tagged)</li>
            <li>save your work at any point and come back to it later</li>
          </ul>

          <h2 class="govuk-heading-m">How accessible this service is</h2>
          {partial ? (
            <>
              <p class="govuk-body">We know some parts of this service are not fully accessible:</p>
              <ul class="govuk-list govuk-list--bullet">
                {KNOWN_ISSUES.map((issue) => (
                  <li safe>{issue.text}</li>
                ))}
              </ul>
            </>
          ) : (
            <p class="govuk-body">We know of no part of this service that is not accessible.</p>
          )}

          <h2 class="govuk-heading-m">Feedback and contact information</h2>
          <Contacts
            contacts={m.contacts}
            purpose="If you need information on this service in a different format, like an accessible PDF, large print, easy read, audio recording or braille"
          />
          <p class="govuk-body">
            {`The partnership will consider your request and get back to you within ${REPLY_WORKING_DAYS} working days.`}
          </p>

          <h2 class="govuk-heading-m">Reporting accessibility problems with this service</h2>
          <Contacts
            contacts={m.contacts}
            purpose="We’re always looking to improve the accessibility of this service. If you find any problems not listed on this page or think we’re not meeting accessibility requirements"
          />
          <p class="govuk-body">
            {`The partnership will reply within ${REPLY_WORKING_DAYS} working days, and passes problems with the service itself to the team that builds it.`}
          </p>

          <h2 class="govuk-heading-m">Enforcement procedure</h2>
          <p class="govuk-body">
            The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector
            Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
            ‘accessibility regulations’). If you’re not happy with how we respond to your complaint,{' '}
            <a class="govuk-link" href="https://www.equalityadvisoryservice.com/">
              contact the Equality Advisory and Support Service (EASS)
            </a>
            .
          </p>

          <h2 class="govuk-heading-m">Technical information about this service’s accessibility</h2>
          <p class="govuk-body" safe>
            {`${m.partnershipName ?? 'Each partnership that uses this service'} is committed to making ${m.partnershipName ? 'its' : 'the'} service accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.`}
          </p>
          <h3 class="govuk-heading-s">Compliance status</h3>
          <p class="govuk-body" id="compliance-status">
            {partial
              ? 'This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below.'
              : 'This service is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.'}
          </p>

          {partial ? (
            <>
              <h2 class="govuk-heading-m">Non-accessible content</h2>
              <p class="govuk-body">The content listed below is non-accessible for the following reasons.</p>
              <h3 class="govuk-heading-s">Non-compliance with the accessibility regulations</h3>
              {KNOWN_ISSUES.map((issue) => (
                <div id={`issue-${issue.id}`}>
                  <p class="govuk-body" safe>
                    {issue.text}
                  </p>
                  {issue.criteria.length ? (
                    <p class="govuk-body" safe>
                      {`This fails WCAG 2.2 success criterion ${issue.criteria.join(' and ')}.`}
                    </p>
                  ) : (
                    ''
                  )}
                  <p class="govuk-body" safe>
                    {issue.plan}
                  </p>
                </div>
              ))}
            </>
          ) : (
            ''
          )}

          <h3 class="govuk-heading-s">
            Content that’s not within the scope of the accessibility regulations
          </h3>
          <p class="govuk-body">
            Evidence files that agencies upload to their returns (PDF, Word, Excel and image files) are the
            agencies’ own documents: the service stores them as they are and does not check or change them.
            Ask the agency that uploaded one for an accessible version.
          </p>

          <h2 class="govuk-heading-m">What we’re doing to improve accessibility</h2>
          <p class="govuk-body">
            Every change to the service is tested before it is released: axe-core checks every page the
            automated browser tests visit, with JavaScript on and off, and the PDF copies are checked for
            their structure and text. We take up each release of the GOV.UK Design System.
          </p>

          <h2 class="govuk-heading-m">Preparation of this accessibility statement</h2>
          <p class="govuk-body" id="statement-dates">
            {`This statement was prepared on ${STATEMENT_PREPARED}. It was last reviewed on ${STATEMENT_LAST_REVIEWED}.`}
          </p>
          <p class="govuk-body">{`This service was last tested on ${LAST_TESTED}.`}</p>
        </div>
      </div>
    </Layout>
  );
}
