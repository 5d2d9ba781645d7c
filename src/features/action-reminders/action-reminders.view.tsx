/** The partnership's schedule of reminders to action owners. */
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { OVERDUE_REPEATS, type ReminderFormState } from './action-reminders.form.ts';

export function ActionRemindersPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  state: ReminderFormState;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  return (
    <Layout
      title="Reminders to action owners"
      {...m.chrome}
      errors={m.errors}
      beforeContent={
        <BackLink href={`/partnerships/${m.partnership.id}/settings`} text="Partnership settings" />
      }
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Reminders to action owners</h1>
          <p class="govuk-body">
            Each agency's lead users (or its lead contact, when it has none) are emailed when an action in a
            submitted return is due within 14 days, and again when it is overdue, until it is completed or no
            longer needed. The email links to the action plan and never includes the action itself.
          </p>
          <form method="post" action={`/partnerships/${m.partnership.id}/action-reminders`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Radios
              name="enabled"
              idPrefix="enabled"
              fieldset={{
                legend: { text: 'Send reminders to action owners?', classes: 'govuk-fieldset__legend--s' },
              }}
              value={m.state.enabled}
              errorMessage={fieldError(m.errors, 'enabled')}
              items={[
                { value: 'yes', text: 'Yes' },
                { value: 'no', text: 'No' },
              ]}
            />
            <Radios
              name="overdueReminderDays"
              idPrefix="overdueReminderDays"
              fieldset={{
                legend: {
                  text: 'How often are overdue actions reminded?',
                  classes: 'govuk-fieldset__legend--s',
                },
              }}
              value={m.state.overdueReminderDays}
              errorMessage={fieldError(m.errors, 'overdueReminderDays')}
              items={OVERDUE_REPEATS.map((r) => ({ value: String(r.days), text: r.text }))}
            />
            <Button text="Save" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
