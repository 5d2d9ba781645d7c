/** Turns return state into what pages show: status tags, progress, deadlines. */
import { formatDate } from '../../lib/dates.ts';
import type { ThemeProgress } from './return-rules.ts';
import type { ReturnContext } from './returns.repository.ts';

export { RETURN_STATUS_TAGS } from '../../views/return-status.ts';

export const THEME_PROGRESS_LABELS: Record<ThemeProgress, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
};

export function progressText(completed: number, total: number): string {
  return `${completed} of ${total} theme${total === 1 ? '' : 's'} completed`;
}

/** Why a theme of a return sent back for changes cannot be opened or changed. */
export const LOCKED_THEME_REASON =
  'Your partnership returned this return for changes to other themes. Only the themes it reopened can be changed; this one stays as you submitted it.';

/** The partnerships receiving the return: the one running the audit, and any joint partners. */
export function receivers(ctx: Pick<ReturnContext, 'partnershipName' | 'jointPartnershipNames'>): string {
  const names = [ctx.partnershipName, ...ctx.jointPartnershipNames];
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Partnership staff (admins and reviewers) read a return; the agency's wording is not theirs. */
export const isPartnershipStaff = (ctx: Pick<ReturnContext, 'access'>): boolean =>
  ctx.access === 'partnership_admin' || ctx.access === 'reviewer';

/**
 * Who is completing the return, as one line (name, role, email address, telephone: those given),
 * or '' before they are given. The check page, the copy and its PDF all show it so.
 */
export const completedBy = (
  ctx: Pick<ReturnContext, 'completerName' | 'completerRole' | 'completerEmail' | 'completerPhone'>,
): string =>
  [ctx.completerName, ctx.completerRole, ctx.completerEmail, ctx.completerPhone].filter(Boolean).join(', ');

/** Who signed the return off, and when, as one line; null until the sign-off is confirmed. */
export const signedOffBy = (
  ctx: Pick<ReturnContext, 'signoffConfirmedAt' | 'signoffName' | 'signoffJobTitle' | 'signoffDate'>,
): string | null =>
  ctx.signoffConfirmedAt
    ? `${ctx.signoffName}, ${ctx.signoffJobTitle}, on ${formatDate(ctx.signoffDate)}`
    : null;
