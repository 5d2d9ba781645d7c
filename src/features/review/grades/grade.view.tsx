/** The moderated grade of one theme, beside the agency's own rating. */
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Layout } from '../../../views/layout.tsx';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import type { ThemeInfo, ThemeRatingValues } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import type { FormChrome } from '../review-kit.ts';
import { gradeHtml, ReturnCaption } from '../review-parts.tsx';
import { type GradeState, REASON_MAX } from './grade.form.ts';

export function GradeFormPage(
  m: {
    ctx: ReturnContext;
    theme: ThemeInfo;
    own: ThemeRatingValues | undefined;
    state: GradeState;
    /** What the form showed, for the conflict rule. */
    shown: string;
  } & FormChrome,
): JSX.Element {
  const { ctx, theme } = m;
  const descriptors = theme.gradeDescriptors as Partial<Record<'red' | 'amber' | 'green', string>> | null;
  return (
    <Layout
      title={`Moderated grade – ${theme.title}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#grades`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l" safe>
            {`Moderated grade: ${theme.number}. ${theme.title}`}
          </h1>
          <SummaryList
            rows={[
              {
                key: { text: 'Agency’s own rating' },
                value: {
                  html: gradeHtml(m.own?.rating ?? null, m.own?.justification ?? ''),
                },
              },
            ]}
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`/returns/${ctx.id}/check#theme-${theme.number}`}>
              Read the agency’s answers for this theme
            </a>
          </p>
          <form method="post" action={`/returns/${ctx.id}/review/grades/${theme.id}`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Radios
              name="rating"
              idPrefix="rating"
              value={m.state.rating}
              fieldset={{ legend: { text: 'Moderated grade', classes: 'govuk-fieldset__legend--m' } }}
              errorMessage={fieldError(m.errors, 'rating')}
              items={(['red', 'amber', 'green'] as const).map((r) => ({
                value: r,
                text: r === 'red' ? 'Red' : r === 'amber' ? 'Amber' : 'Green',
                ...(descriptors?.[r] ? { hint: { text: descriptors[r] } } : {}),
              }))}
            />
            <CharacterCount
              id="reason"
              name="reason"
              maxlength={REASON_MAX}
              rows={6}
              label={{ text: 'Reason for the moderated grade', classes: 'govuk-label--s' }}
              hint={{ text: 'The agency sees this beside its own rating.' }}
              value={m.state.reason}
              errorMessage={fieldError(m.errors, 'reason')}
            />
            <Button text="Save moderated grade" />
          </form>
        </div>
      </div>
    </Layout>
  );
}
