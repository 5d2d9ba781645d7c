/** After "Save and continue later": the work is saved and a link is on its way. */

import { Panel } from '../../../views/govuk/panel.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import type { ReturnContext } from '../returns.repository.ts';

export function SavedPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  email: string;
  themeTitle: string;
}): JSX.Element {
  return (
    <Layout title="Your progress has been saved" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel titleText="Your progress has been saved" />
          <p class="govuk-body">
            We have saved everything you entered in <strong safe>{m.themeTitle}</strong> and are emailing a
            link back to this return to <strong safe>{m.email}</strong>.
          </p>
          <p class="govuk-body">
            Use the link in the email to continue later. If it does not arrive, check your junk folder.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/returns/${m.ctx.id}`}>
              Go back to your return
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
