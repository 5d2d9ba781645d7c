/** The return's details: the person completing it. */

import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import { isPartnershipStaff } from '../return-presenters.ts';
import { submissionProblems } from '../return-submission.service.ts';
import type { ReturnContext } from '../returns.repository.ts';
import type { DetailsFormState } from './details.form.ts';

export function DetailsPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  state: DetailsFormState;
  /** What the form shows, fingerprinted (src/web/form-version.ts): the conflict rule's base. */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx, state, errors } = m;
  if (isPartnershipStaff(ctx)) return <DetailsForStaff chrome={m.chrome} ctx={ctx} />;
  return (
    <Layout
      title={`Your details – ${ctx.agencyName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}`} text="Back to your return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {ctx.agencyName}
          </span>
          <h1 class="govuk-heading-l">Your details</h1>
          {submissionProblems(ctx).includes('details') ? (
            <div class="govuk-inset-text" id="details-not-saved">
              Your details are not saved yet. We have filled in what we know from your account: check them,
              add your role, and select Save and continue. The return cannot be submitted without them.
            </div>
          ) : (
            ''
          )}
          <SummaryList rows={[{ key: { text: 'Organisation' }, value: { text: ctx.agencyName } }]} />
          <form method="post" action={`/returns/${ctx.id}/details`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Input
              id="completerName"
              name="completerName"
              autocomplete="name"
              label={{ text: 'Name of the person completing the return' }}
              value={state.completerName}
              errorMessage={fieldError(errors, 'completerName')}
            />
            <Input
              id="completerRole"
              name="completerRole"
              autocomplete="organization-title"
              label={{ text: 'Their role' }}
              hint={{ text: 'For example, Named Nurse for Safeguarding Children' }}
              value={state.completerRole}
              errorMessage={fieldError(errors, 'completerRole')}
            />
            <Input
              id="completerEmail"
              name="completerEmail"
              type="email"
              autocomplete="email"
              spellcheck={false}
              label={{ text: 'Email address' }}
              value={state.completerEmail}
              errorMessage={fieldError(errors, 'completerEmail')}
            />
            <Input
              id="completerPhone"
              name="completerPhone"
              type="tel"
              autocomplete="tel"
              classes="govuk-input--width-20"
              label={{ text: 'Telephone number (optional)' }}
              value={state.completerPhone}
              errorMessage={fieldError(errors, 'completerPhone')}
            />
            <Button text="Save and continue" />
          </form>
        </div>
      </div>
    </Layout>
  );
}

/**
 * What partnership staff see: the details as the agency gave them, read-only (only the agency lead
 * gives them), and a way back to the return.
 */
function DetailsForStaff(m: { chrome: PageChrome; ctx: ReturnContext }): JSX.Element {
  const { ctx } = m;
  const given = (v: string | null | undefined) => (v ? { text: v } : { text: 'Not given yet' });
  return (
    <Layout
      title={`Person completing the return – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={`/returns/${ctx.id}`} text="Back to the return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {ctx.agencyName}
          </span>
          <h1 class="govuk-heading-l">Person completing the return</h1>
          <p class="govuk-body">The agency lead gives these details: the partnership cannot change them.</p>
          <SummaryList
            rows={[
              { key: { text: 'Organisation' }, value: { text: ctx.agencyName } },
              { key: { text: 'Name' }, value: given(ctx.completerName) },
              { key: { text: 'Role' }, value: given(ctx.completerRole) },
              { key: { text: 'Email address' }, value: given(ctx.completerEmail) },
              { key: { text: 'Telephone number' }, value: given(ctx.completerPhone) },
            ]}
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`/returns/${ctx.id}`}>
              Go to the return
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
