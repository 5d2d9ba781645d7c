/** The privacy notice (/privacy): what is kept, why, for how long, and who to ask. */
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { DEFAULT_RETENTION_YEARS } from './retention.ts';

export interface PartnershipContact {
  name: string;
  contactEmail: string;
  retentionYears: number;
}

export function PrivacyNoticePage(m: {
  chrome: PageChrome;
  /** The signed-in person's partnerships, with whom to ask and their retention period. */
  contacts: PartnershipContact[];
  signInLinkMinutes: number;
  sessionIdleMinutes: number;
}): JSX.Element {
  return (
    <Layout title="Privacy" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Privacy</h1>
          <p class="govuk-body">
            This service is used by local safeguarding children partnerships to check that organisations meet
            their duty under Section 11 of the Children Act 2004 to safeguard and promote the welfare of
            children. Each partnership is the data controller for the information about its audits.
          </p>

          <h2 class="govuk-heading-m">What we keep</h2>
          <ul class="govuk-list govuk-list--bullet">
            <li>
              your name, work email address, and the job title and phone number you give, with your roles and
              when you last signed in
            </li>
            <li>
              what you write in returns, action plans, challenges and enquiries, and the names and contact
              details of the people who completed and signed off each return
            </li>
            <li>
              a history of every change to a return (who, what and when), and a record of the emails the
              service sent (to whom, the subject and the text)
            </li>
            <li>
              if you send an enquiry or ask to take part without signing in: your name, email address and
              organisation
            </li>
          </ul>
          <p class="govuk-body">
            Returns should not contain information about individual children or families. The service logs
            requests without email addresses, sign-in links or other personal details.
          </p>

          <h2 class="govuk-heading-m">Why we keep it</h2>
          <p class="govuk-body">
            The partnership needs it to run its audits, to challenge and support agencies, to follow up
            actions and to report to its leaders: a task in the public interest and in the exercise of the
            official authority given to safeguarding partners by the Children Act 2004 (UK GDPR article
            6(1)(e)). The history of changes and the record of emails sent show what each agency said and
            when, so nobody can change them, only add to them.
          </p>

          <h2 class="govuk-heading-m">How long we keep it</h2>
          <ul class="govuk-list govuk-list--bullet">
            <li>
              {`names, email addresses and contact details of the people in an audit: for the partnership’s retention period after the audit closes (${DEFAULT_RETENTION_YEARS} years unless it chose otherwise), then they are replaced with “Removed person”; answers, grades and figures are kept`}
            </li>
            <li safe>
              {`sign-in links: until used, or ${m.signInLinkMinutes} minutes; signed-in sessions: until you sign out, after ${m.sessionIdleMinutes} minutes without using the service, or 12 hours at most`}
            </li>
            <li>
              your account: while you have a role; a partnership admin can remove you and replace your name
              and email address everywhere the partnership holds them
            </li>
          </ul>
          {m.contacts.length > 0 ? (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s">Your partnerships</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Partnership
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Who to ask
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Retention period
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {m.contacts.map((c) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell" safe>
                      {c.name}
                    </td>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`mailto:${c.contactEmail}`} safe>
                        {c.contactEmail}
                      </a>
                    </td>
                    <td class="govuk-table__cell" safe>
                      {`${c.retentionYears} years after an audit closes`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            ''
          )}

          <h2 class="govuk-heading-m">Staff surveys</h2>
          <p class="govuk-body">
            A partnership may ask agencies’ staff to answer an anonymous survey through a link. No name, email
            address, network address, browser details or cookie is kept with the answers, only the day they
            were sent, and survey addresses are left out of the service’s logs. Results are shown only for
            groups of at least five people.
          </p>

          <h2 class="govuk-heading-m">Cookies</h2>
          <p class="govuk-body">
            We use one cookie to keep you signed in, and one to protect forms. They are removed when you sign
            out or after a period of inactivity.
          </p>
          <p class="govuk-body">
            If you save your{' '}
            <a class="govuk-link" href="/display-settings">
              display settings
            </a>{' '}
            (high contrast colours or larger text), a third cookie remembers them in your browser for a year.
            It holds only your choice, is set only when you ask for it, and is not used to track you, so it is
            strictly necessary and we do not ask for consent. When you are signed in, your choice is also kept
            with your account. To remove the cookie, choose the standard settings or clear your browser’s
            cookies.
          </p>

          <h2 class="govuk-heading-m">Your rights, and who to ask</h2>
          <p class="govuk-body">
            You can ask for a copy of everything held about you, and for it to be corrected or, where the
            partnership no longer needs it, removed. Contact your safeguarding partnership’s business unit
            {m.contacts.length > 0 ? ' (above)' : ''}, who can also put you in touch with its data protection
            officer. If you are not happy with the answer, you can complain to the Information Commissioner’s
            Office at{' '}
            <a class="govuk-link" href="https://ico.org.uk/make-a-complaint/">
              ico.org.uk/make-a-complaint
            </a>
            .
          </p>
        </div>
      </div>
    </Layout>
  );
}
