/** A partnership's personal data pages: retention (what is due, what was done) and subject access. */
import type { Children } from '@kitajs/html';
import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { MAX_RETENTION_YEARS, MIN_RETENTION_YEARS, type RetentionOverview } from './retention.ts';

type Partnership = { id: string; name: string };
const years = (n: number) => `${n} year${n === 1 ? '' : 's'}`;

export function PersonalDataPage(m: {
  chrome: PageChrome;
  partnership: Partnership;
  overview: RetentionOverview;
  notice?: string | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/privacy`;
  const { overview } = m;
  return (
    <Layout
      title="Personal data"
      {...m.chrome}
      beforeContent={
        <BackLink href={`/partnerships/${m.partnership.id}/settings`} text="Partnership settings" />
      }
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Personal data</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <p class="govuk-body">
            The names, email addresses and contact details of the people in an audit are kept for the
            retention period after it closes. Each night after that, they are replaced with “Removed person”
            in its returns, action plans, change history, challenge events, reminders and the history of its
            findings reports, and in the history of changes to the partnership’s guidance and FAQ pages, its
            details and its draft templates made before the audit closed. Answers, grades and figures are
            kept. The files uploaded with the audit (documents attached to answers, files sent for evidence
            requests and prepared downloads) are deleted, as the names inside them cannot be replaced.
          </p>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Retention period</dt>
              <dd class="govuk-summary-list__value" safe>
                {`${years(overview.retentionYears)} after an audit closes`}
              </dd>
              <dd class="govuk-summary-list__actions">
                <a class="govuk-link" href={`${base}/retention`}>
                  Change<span class="govuk-visually-hidden"> retention period</span>
                </a>
              </dd>
            </div>
          </dl>
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/subject-access`}>
              Download everything held about one email address (subject access)
            </a>
          </p>
        </div>
      </div>
      <h2 class="govuk-heading-m">Due to be anonymised</h2>
      {overview.due.length === 0 ? (
        <p class="govuk-body">No audits are past the retention period.</p>
      ) : (
        <Table
          caption="Audits past the retention period, anonymised at the next nightly run"
          captionClasses="govuk-visually-hidden"
          head={[{ text: 'Audit' }, { text: 'Closed' }, { text: 'Due since' }]}
          rows={overview.due.map((a) => [
            { text: a.name },
            { text: formatDate(a.closesAt) },
            { text: formatDate(a.dueAt) },
          ])}
        />
      )}
      <h2 class="govuk-heading-m">Coming up</h2>
      {overview.upcoming.length === 0 ? (
        <p class="govuk-body">No other audits.</p>
      ) : (
        <Table
          caption="Audits and when their people will be anonymised"
          captionClasses="govuk-visually-hidden"
          head={[{ text: 'Audit' }, { text: 'Closes or closed' }, { text: 'Anonymised on' }]}
          rows={overview.upcoming.map((a) => [
            { text: a.name },
            { text: formatDate(a.closesAt) },
            { text: formatDate(a.dueAt) },
          ])}
        />
      )}
      <h2 class="govuk-heading-m">Done</h2>
      {overview.done.length === 0 ? (
        <p class="govuk-body">Nothing has been anonymised yet.</p>
      ) : (
        <Table
          caption="Anonymisations done"
          captionClasses="govuk-visually-hidden"
          head={[
            { text: 'Date' },
            { text: 'What' },
            { text: 'Returns', format: 'numeric' },
            { text: 'Values replaced', format: 'numeric' },
          ]}
          rows={overview.done.map((d) => [
            { text: formatDate(d.createdAt) },
            {
              text:
                d.kind === 'retention'
                  ? `${d.cycleName ?? 'An audit'}: retention period ended`
                  : 'A person removed and anonymised',
            },
            { text: d.kind === 'retention' ? d.returnsCount : '', format: 'numeric' },
            { text: d.valuesReplaced, format: 'numeric' },
          ])}
        />
      )}
    </Layout>
  );
}

/** The shell of a form page under the partnership's Personal data page. */
function PersonalDataFormPage(m: {
  chrome: PageChrome;
  partnership: Partnership;
  title: string;
  errors?: FormErrors | undefined;
  children: Children;
}): JSX.Element {
  const safeChildren = m.children;
  return (
    <Layout
      title={m.title}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/partnerships/${m.partnership.id}/privacy`} text="Personal data" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          {safeChildren}
        </div>
      </div>
    </Layout>
  );
}

export function RetentionPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: Partnership;
  value: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/privacy`;
  return (
    <PersonalDataFormPage
      chrome={m.chrome}
      partnership={m.partnership}
      title="Retention period"
      errors={m.errors}
    >
      <form method="post" action={`${base}/retention`} novalidate>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        <Input
          name="retentionYears"
          inputmode="numeric"
          classes="govuk-input--width-3"
          value={m.value}
          label={{ text: 'Retention period', classes: 'govuk-label--l', isPageHeading: true }}
          hint={{
            text: `Years after an audit closes that the names and contact details of its people are kept, from ${MIN_RETENTION_YEARS} to ${MAX_RETENTION_YEARS}. Most partnerships keep them for 6 years.`,
          }}
          suffix={{ text: 'years' }}
          errorMessage={fieldError(m.errors, 'retentionYears')}
        />
        <Button text="Save" attributes={{ 'data-prevent-double-click': 'true' }} />
      </form>
    </PersonalDataFormPage>
  );
}

export function SubjectAccessPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: Partnership;
  email: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/privacy`;
  return (
    <PersonalDataFormPage
      chrome={m.chrome}
      partnership={m.partnership}
      title="Subject access"
      errors={m.errors}
    >
      <h1 class="govuk-heading-l">Subject access</h1>
      <p class="govuk-body">
        Download everything the partnership holds about one person on this service, found by their email
        address: their account and roles, returns they completed, changes they made, actions they lead, their
        enquiries and messages, and the emails sent to them. The zip file holds the same records as JSON and
        as CSV files that open in a spreadsheet.
      </p>
      <p class="govuk-body">Check who is asking before you send it to them.</p>
      <form method="post" action={`${base}/subject-access`} novalidate>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        <Input
          name="email"
          type="email"
          autocomplete="off"
          spellcheck={false}
          value={m.email}
          label={{ text: 'Email address', classes: 'govuk-label--s' }}
          errorMessage={fieldError(m.errors, 'email')}
        />
        <Button text="Download (zip)" />
      </form>
    </PersonalDataFormPage>
  );
}
