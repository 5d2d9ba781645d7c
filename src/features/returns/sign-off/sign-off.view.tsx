/** The senior officer's sign-off. */

import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { Checkboxes } from '../../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../../views/govuk/date-input.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import { isPartnershipStaff } from '../return-presenters.ts';
import type { ReturnContext } from '../returns.repository.ts';
import type { SignoffFormState } from './sign-off.form.ts';

export function SignoffPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  state: SignoffFormState;
  /** What the form shows, fingerprinted (src/web/form-version.ts): the conflict rule's base. */
  shown: string;
  errors?: FormErrors | undefined;
  editable: boolean;
}): JSX.Element {
  const { ctx, state, errors } = m;
  const dateError = fieldError(errors, 'signoffDate');
  const err = dateError ? ' govuk-input--error' : '';
  const staff = isPartnershipStaff(ctx);
  return (
    <Layout
      title={`Sign-off – ${ctx.agencyName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={
        <BackLink href={`/returns/${ctx.id}`} text={staff ? 'Back to the return' : 'Back to your return'} />
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {ctx.agencyName}
          </span>
          <h1 class="govuk-heading-l">
            {staff ? 'Sign-off by the agency’s senior officer' : 'Sign-off by your senior officer'}
          </h1>
          <p class="govuk-body">
            {staff
              ? 'The agency’s most senior officer (for example, the chief executive, chief constable or director) signs the return off before it is submitted. The agency lead records the sign-off: the partnership cannot record or change it.'
              : "Your organisation's most senior officer (for example, the chief executive, chief constable or director) must sign the return off before it is submitted."}
          </p>
          {ctx.signoffConfirmedAt ? (
            <div class="govuk-inset-text" id="signoff-status">
              Signed off by {escapeHtml(ctx.signoffName ?? '')}, {escapeHtml(ctx.signoffJobTitle ?? '')}, on{' '}
              {escapeHtml(formatDate(ctx.signoffDate))}.
            </div>
          ) : m.editable ? (
            ''
          ) : (
            <div class="govuk-inset-text" id="signoff-status">
              Not signed off yet.
            </div>
          )}
          {m.editable ? (
            <form method="post" action={`/returns/${ctx.id}/sign-off`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
              <Input
                id="signoffName"
                name="signoffName"
                label={{ text: 'Full name of the senior officer' }}
                value={state.signoffName}
                errorMessage={fieldError(errors, 'signoffName')}
              />
              <Input
                id="signoffJobTitle"
                name="signoffJobTitle"
                label={{ text: 'Job title' }}
                value={state.signoffJobTitle}
                errorMessage={fieldError(errors, 'signoffJobTitle')}
              />
              <DateInput
                id="signoffDate"
                namePrefix="signoffDate"
                fieldset={{ legend: { text: 'Date of sign-off', classes: 'govuk-fieldset__legend--s' } }}
                hint={{ text: 'For example, 27 3 2027' }}
                errorMessage={dateError}
                items={[
                  { name: 'day', value: state.signoffDate.day, classes: `govuk-input--width-2${err}` },
                  { name: 'month', value: state.signoffDate.month, classes: `govuk-input--width-2${err}` },
                  { name: 'year', value: state.signoffDate.year, classes: `govuk-input--width-4${err}` },
                ]}
              />
              <Checkboxes
                idPrefix="confirm"
                name="confirm"
                fieldset={{ legend: { text: 'Confirmation', classes: 'govuk-fieldset__legend--s' } }}
                errorMessage={fieldError(errors, 'confirm')}
                items={[
                  {
                    value: 'yes',
                    text: 'The senior officer named above has read this return and confirms it is an accurate account of our safeguarding arrangements',
                    checked: state.confirm,
                  },
                ]}
              />
              <Button text="Confirm sign-off" />
            </form>
          ) : (
            <p class="govuk-body">
              <a class="govuk-link" href={`/returns/${ctx.id}`}>
                Go to the return
              </a>
            </p>
          )}
        </div>
      </div>
    </Layout>
  );
}
