/** The outcome of the review: accept the return, or return it for changes to the themes named. */
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../../views/govuk/checkboxes.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import { WarningText } from '../../../views/govuk/warning-text.tsx';
import { Layout } from '../../../views/layout.tsx';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import type { FormChrome } from '../review-kit.ts';
import { ReturnCaption } from '../review-parts.tsx';
import { type OutcomeState, REASONS_MAX } from './outcome.form.ts';

export function OutcomeFormPage(
  m: {
    ctx: ReturnContext;
    themes: ThemeInfo[];
    state: OutcomeState;
    openChallenges: number;
    openEvidence: number;
  } & FormChrome,
): JSX.Element {
  const { ctx } = m;
  return (
    <Layout
      title={`Outcome of the review – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#outcome`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Outcome of the review</h1>
          {m.openChallenges + m.openEvidence > 0 ? (
            <WarningText
              text={`There ${m.openChallenges === 1 ? 'is' : 'are'} ${m.openChallenges} challenge${m.openChallenges === 1 ? '' : 's'} not closed and ${m.openEvidence} evidence request${m.openEvidence === 1 ? '' : 's'} not satisfied.`}
            />
          ) : (
            ''
          )}
          <form method="post" action={`/returns/${ctx.id}/review/outcome`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Radios
              name="decision"
              idPrefix="decision"
              value={m.state.decision}
              fieldset={{ legend: { text: 'What is the outcome?', classes: 'govuk-fieldset__legend--m' } }}
              errorMessage={fieldError(m.errors, 'decision')}
              items={[
                {
                  value: 'accepted',
                  text: 'Accept the return',
                  hint: { text: 'Its review is finished. The agency keeps its action plan up to date.' },
                },
                {
                  value: 'returned',
                  text: 'Return it for changes',
                  hint: {
                    text: 'Only the themes you choose below are reopened for the agency; the others stay locked.',
                  },
                },
              ]}
            />
            <Checkboxes
              idPrefix="themeIds"
              name="themeIds"
              values={m.state.themeIds}
              fieldset={{
                legend: {
                  text: 'Themes to reopen (if returning it for changes)',
                  classes: 'govuk-fieldset__legend--s',
                },
              }}
              errorMessage={fieldError(m.errors, 'themeIds')}
              items={m.themes.map((t) => ({ value: t.id, text: `${t.number}. ${t.title}` }))}
            />
            <CharacterCount
              id="reasons"
              name="reasons"
              maxlength={REASONS_MAX}
              rows={6}
              label={{ text: 'Reasons', classes: 'govuk-label--s' }}
              hint={{ text: 'Needed when returning it for changes: the agency reads them on its return.' }}
              value={m.state.reasons}
              errorMessage={fieldError(m.errors, 'reasons')}
            />
            <Button text="Record the outcome" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}
