/** The heading and status line the return's records pages share. */

import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../lib/dates.ts';
import { Tag } from '../../views/govuk/tag.tsx';
import { RETURN_STATUS_TAGS } from './return-presenters.ts';
import type { ReturnContext } from './returns.repository.ts';

export function Heading(props: { ctx: ReturnContext; title: string }): JSX.Element {
  return (
    <>
      <span class="govuk-caption-l" safe>
        {`${props.ctx.agencyName} – ${props.ctx.cycleName}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {props.title}
      </h1>
    </>
  );
}

export function StatusLine(props: { ctx: ReturnContext }): JSX.Element {
  const { ctx } = props;
  return (
    <p class="govuk-body">
      <Tag {...RETURN_STATUS_TAGS[ctx.status]} />{' '}
      {escapeHtml(
        ctx.submittedAt
          ? `Submitted at ${formatDateTime(ctx.submittedAt)}, reference ${ctx.reference ?? ''}.`
          : `Not submitted yet. Deadline: ${formatDateTime(ctx.closesAt)}.`,
      )}
    </p>
  );
}
