import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { NotificationBanner } from '../../../views/govuk/notification-banner.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { type AgencySurvey, agencySeesBatchesOnly, type SurveyStatus } from '../survey.service.ts';
import { AgencyResults, LinkToShare, surveyStatusRows } from '../survey.view.tsx';
import { AGENCY_BATCH } from '../survey-results.ts';

/** One agency's results: for the partnership (with comments and the link) or the agency lead. */
export function AgencySurveyPage(m: {
  chrome: PageChrome;
  cycleName: string;
  agency: AgencySurvey;
  status: SurveyStatus;
  /** The link for staff, when it may be shared (survey on). */
  linkUrl: string | null;
  back: { href: string; text: string };
  forPartnership: boolean;
  /** For the partnership's admins: a form to replace the link. */
  newLink?: { action: string; csrfToken: string } | undefined;
  done?: 'new-link' | undefined;
}): JSX.Element {
  const { agency } = m;
  return (
    <Layout
      title={`Staff survey – ${agency.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={m.back.href} text={m.back.text} />}
    >
      {m.done ? (
        <NotificationBanner type="success" text="Your staff have a new link; the old one no longer works" />
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>
        {`${m.cycleName} – ${agency.agencyName}`}
      </span>
      <h1 class="govuk-heading-l">Staff survey</h1>
      <SummaryList rows={surveyStatusRows(m.status, agency.result.responses)} />
      {!m.forPartnership && agencySeesBatchesOnly(m.status) ? (
        <p class="govuk-body" id="survey-batches">
          {`While the survey is open, responses are counted here ${AGENCY_BATCH} at a time, so that no one’s answers can be worked out as they arrive. Every response is counted once it closes.`}
        </p>
      ) : (
        ''
      )}
      {m.linkUrl ? (
        <div class="govuk-!-margin-bottom-6">
          <LinkToShare id="survey-link" url={m.linkUrl} label="Link for your staff" />
          {m.forPartnership ? (
            ''
          ) : (
            <p class="govuk-body">
              Share it with staff who work with children and families. It needs no sign-in, and answers are
              anonymous: nobody, including you, can see who answered or what any one person said.
            </p>
          )}
          {m.newLink ? (
            <form method="post" action={m.newLink.action} novalidate>
              <input type="hidden" name="_csrf" value={m.newLink.csrfToken} />
              <Button
                text="Replace the link"
                classes="govuk-button--secondary"
                attributes={{ 'aria-describedby': 'new-link-hint' }}
              />
              <p class="govuk-hint" id="new-link-hint">
                If the link has reached people it should not have, replace it: the old one stops working at
                once. Answers already sent are kept.
              </p>
            </form>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
      <AgencyResults agency={agency} showComments={m.forPartnership} />
    </Layout>
  );
}
