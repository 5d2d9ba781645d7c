/** Updating one action of the action plan. */

import { escapeHtml } from '@kitajs/html';
import { ACTION_STATUSES } from '../../../db/schema.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { dateInputItems } from '../../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { DateInput } from '../../../views/govuk/date-input.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Tag } from '../../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { toHtml } from '../../../views/render.ts';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import { ACTION_STATUS_LABELS, ACTION_STATUS_TAG_CLASSES, type ActionPlanItem } from '../return-records.ts';
import type { ReturnContext } from '../returns.repository.ts';
import { type ActionFormState, PROGRESS_NOTE_MAX, SUCCESS_CRITERIA_MAX } from './action.form.ts';

export function ActionEditPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  action: ActionPlanItem;
  state: ActionFormState;
  /** What the form shows, fingerprinted (src/web/form-version.ts): the conflict rule's base. */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx, action, state, errors } = m;
  const base = `/returns/${ctx.id}`;
  const dateError = fieldError(errors, 'targetDate');
  return (
    <Layout
      title={`Update action – ${ctx.agencyName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`${base}/actions`} text="Back to the action plan" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {`${action.themeNumber}. ${action.themeTitle} – ${action.source}`}
          </span>
          <h1 class="govuk-heading-l">Update action</h1>
          {action.questionText ? (
            <p class="govuk-body-s" safe>
              {action.questionText}
            </p>
          ) : (
            ''
          )}
          <div class="govuk-inset-text" safe>
            {action.description}
          </div>
          <form method="post" action={`${base}/actions/${action.id}`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Input
              name="leadPerson"
              label={{ text: 'Lead person', classes: 'govuk-label--s' }}
              hint={{ text: 'The name or role of the person responsible for this action' }}
              value={state.leadPerson}
              errorMessage={fieldError(errors, 'leadPerson')}
              autocomplete="off"
            />
            <CharacterCount
              name="successCriteria"
              maxlength={SUCCESS_CRITERIA_MAX}
              label={{ text: 'Success criteria (optional)', classes: 'govuk-label--s' }}
              hint={{ text: 'How you will know the action has worked' }}
              value={state.successCriteria}
              rows={3}
              errorMessage={fieldError(errors, 'successCriteria')}
            />
            <DateInput
              id="targetDate"
              namePrefix="targetDate"
              fieldset={{ legend: { text: 'Target date', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'For example, 31 3 2027' }}
              errorMessage={dateError}
              items={dateInputItems(state.targetDate, dateError !== undefined)}
            />
            <Radios
              name="status"
              fieldset={{ legend: { text: 'Status', classes: 'govuk-fieldset__legend--s' } }}
              errorMessage={fieldError(errors, 'status')}
              value={state.status}
              items={ACTION_STATUSES.map((s) => ({ value: s, text: ACTION_STATUS_LABELS[s] }))}
            />
            <CharacterCount
              name="note"
              maxlength={PROGRESS_NOTE_MAX}
              label={{ text: 'Progress update', classes: 'govuk-label--s' }}
              hint={{ text: 'What has happened since the last update. Needed when you change the status.' }}
              value={state.note}
              rows={4}
              errorMessage={fieldError(errors, 'note')}
            />
            <Button text="Save update" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
          {action.updates.length > 0 ? (
            <>
              <h2 class="govuk-heading-m">Previous updates</h2>
              <SummaryList
                rows={action.updates.map((u) => ({
                  key: { text: formatDateTime(u.createdAt) },
                  value: {
                    html: `${toHtml(<Tag text={ACTION_STATUS_LABELS[u.status]} classes={ACTION_STATUS_TAG_CLASSES[u.status]} />)}<p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1">${escapeHtml(u.note || 'No note')}</p><p class="govuk-body-s govuk-!-margin-bottom-0">${escapeHtml(u.userName ?? 'Unknown')}</p>`,
                  },
                }))}
              />
            </>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
