/** Raising a challenge on a return (the partnership). */
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Layout } from '../../../views/layout.tsx';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import type { FormChrome } from '../review-kit.ts';
import { ReturnCaption, ThemeSelect } from '../review-parts.tsx';
import { CHALLENGE_MAX, type ChallengeState } from './challenge.form.ts';

export function ChallengeFormPage(
  m: {
    ctx: ReturnContext;
    themes: ThemeInfo[];
    state: ChallengeState;
  } & FormChrome,
): JSX.Element {
  const { ctx } = m;
  return (
    <Layout
      title={`Raise a challenge – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#challenges`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Raise a challenge</h1>
          <p class="govuk-body">
            Ask the agency a question or make a comment about its return. Its agency lead, and the colleagues
            who answer the theme, are emailed a link to it (never what you write). They answer here.
          </p>
          <form method="post" action={`/returns/${ctx.id}/review/challenges/new`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <ThemeSelect
              themes={m.themes}
              value={m.state.themeId}
              label="What is it about?"
              errors={m.errors}
            />
            <CharacterCount
              id="body"
              name="body"
              maxlength={CHALLENGE_MAX}
              rows={8}
              label={{ text: 'Your challenge question or comment', classes: 'govuk-label--s' }}
              value={m.state.body}
              errorMessage={fieldError(m.errors, 'body')}
            />
            <Button text="Send challenge" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}
