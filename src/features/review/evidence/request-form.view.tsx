/** The partnership's evidence request form. */
import { dateInputItems } from '../../../views/date-items.ts';
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { DateInput } from '../../../views/govuk/date-input.tsx';
import { Layout } from '../../../views/layout.tsx';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import type { FormChrome } from '../review-kit.ts';
import { ReturnCaption, ThemeSelect } from '../review-parts.tsx';
import { DESCRIPTION_MAX, type EvidenceRequestState } from './evidence-request.form.ts';

export function EvidenceRequestFormPage(
  m: {
    ctx: ReturnContext;
    themes: ThemeInfo[];
    state: EvidenceRequestState;
  } & FormChrome,
): JSX.Element {
  const { ctx } = m;
  const dateError = fieldError(m.errors, 'dueDate');
  return (
    <Layout
      title={`Request evidence – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#evidence`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Request evidence</h1>
          <form method="post" action={`/returns/${ctx.id}/review/evidence/new`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <ThemeSelect
              themes={m.themes}
              value={m.state.themeId}
              label="What is it about?"
              errors={m.errors}
            />
            <CharacterCount
              id="description"
              name="description"
              maxlength={DESCRIPTION_MAX}
              rows={4}
              label={{ text: 'Evidence you need', classes: 'govuk-label--s' }}
              hint={{
                text: 'Name the document or record, for example “Safer recruitment audit 2026 and its action plan”',
              }}
              value={m.state.description}
              errorMessage={fieldError(m.errors, 'description')}
            />
            <DateInput
              id="dueDate"
              namePrefix="dueDate"
              fieldset={{ legend: { text: 'Needed by', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'For example, 27 3 2027' }}
              errorMessage={dateError}
              items={dateInputItems(m.state.dueDate, dateError !== undefined)}
            />
            <Button text="Send request" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}
