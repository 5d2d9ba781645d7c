/** After submitting: the reference and what happens next. */

import { escapeHtml } from '@kitajs/html';
import { Panel } from '../../../views/govuk/panel.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import type { ReturnContext } from '../returns.repository.ts';

export function ConfirmationPage(m: { chrome: PageChrome; ctx: ReturnContext }): JSX.Element {
  const { ctx } = m;
  const base = `/returns/${ctx.id}`;
  return (
    <Layout title="Return submitted" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel
            titleText="Return submitted"
            html={`Your reference<br><strong>${escapeHtml(ctx.reference ?? '')}</strong>`}
          />
          <p class="govuk-body">
            We are sending a confirmation email to your agency lead and a copy of your return to{' '}
            {escapeHtml(ctx.partnershipName)}.
          </p>
          <h2 class="govuk-heading-m">Keep a copy</h2>
          <p class="govuk-body">You can download these at any time from your return:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>
              <a class="govuk-link" href={`${base}/copy.pdf`}>
                Download a copy of your return (PDF)
              </a>{' '}
              or{' '}
              <a class="govuk-link" href={`${base}/copy`}>
                view a print-friendly copy
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/scores`}>
                Score summary
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/actions`}>
                Action plan
              </a>{' '}
              – keep it up to date through the year
            </li>
          </ul>
          <h2 class="govuk-heading-m">What happens next</h2>
          <p class="govuk-body">
            The partnership will review your return. It may ask you questions or invite you to a challenge
            event.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href="/returns">
              Go to your returns
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
