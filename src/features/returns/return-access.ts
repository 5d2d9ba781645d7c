/** What a person may do with a return, decided on the server for every request. */

import { formatDateTime, formatDayAndTime } from '../../lib/dates.ts';
import { HttpError } from '../../lib/http-errors.ts';
import type { ReturnContext } from './returns.repository.ts';

export const EDITABLE_STATUSES = new Set(['not_started', 'in_progress', 'returned']);
export const SUBMITTED_STATUSES = new Set(['submitted', 'resubmitted', 'accepted']);

export function isAgencyMember(ctx: ReturnContext): boolean {
  return ctx.access === 'agency_lead' || ctx.access === 'contributor';
}

export type EditRefusal = 'not-agency' | 'submitted' | 'theme-locked' | 'not-open' | 'closed' | null;

/**
 * Why the agency cannot change its return (or, with `themeId`, that theme of it) now; null if it can.
 * A return is editable while in progress before its deadline. Once submitted it is locked, unless the
 * partnership returns it for changes: then only the themes it reopened can be changed (whatever the
 * deadline, since the partnership asked for them), and the return can be checked and resubmitted.
 */
export function editRefusal(
  ctx: Pick<ReturnContext, 'access' | 'status' | 'opensAt' | 'closesAt' | 'reopenedThemeIds'>,
  now: Date,
  themeId?: string,
): EditRefusal {
  if (ctx.access !== 'agency_lead' && ctx.access !== 'contributor') return 'not-agency';
  if (ctx.status === 'returned')
    return themeId === undefined || ctx.reopenedThemeIds.includes(themeId) ? null : 'theme-locked';
  if (!EDITABLE_STATUSES.has(ctx.status)) return 'submitted';
  if (now < ctx.opensAt) return 'not-open';
  if (now >= ctx.closesAt) return 'closed';
  return null;
}

export function canEdit(ctx: ReturnContext, now: Date, themeId?: string): boolean {
  return editRefusal(ctx, now, themeId) === null;
}

/** Throws the page that explains why this return (or this theme of it) cannot be changed now. */
export function assertEditable(
  ctx: Pick<ReturnContext, 'id' | 'access' | 'status' | 'opensAt' | 'closesAt' | 'reopenedThemeIds'>,
  now: Date,
  themeId?: string,
): void {
  const refusal = editRefusal(ctx, now, themeId);
  if (!refusal) return;
  const back = [{ text: 'Go to the return', href: `/returns/${ctx.id}` }];
  switch (refusal) {
    case 'theme-locked':
      throw new HttpError(
        409,
        'This theme has not been reopened',
        'Your partnership returned this return for changes to other themes only. This theme stays as it was submitted: nothing you sent has been saved over it.',
        back,
      );
    case 'not-agency':
      throw new HttpError(
        403,
        'You cannot change this return',
        'Only people in the agency can change its return. You can read it.',
        back,
      );
    case 'submitted':
      throw new HttpError(
        409,
        'This return has already been submitted',
        'A submitted return cannot be changed. Nothing you sent has been saved over it. If something needs correcting, contact your partnership: it can return it to you for changes.',
        back,
      );
    case 'not-open':
      throw new HttpError(
        409,
        'This audit has not opened yet',
        `It opens on ${formatDayAndTime(ctx.opensAt)}. You can preview its questions until then, but not answer them.`,
        back,
      );
    case 'closed':
      throw new HttpError(
        409,
        'This audit has closed',
        `It closed at ${formatDateTime(ctx.closesAt)}. Contact your partnership if you need more time.`,
        back,
      );
  }
}

export function assertAgencyLead(ctx: ReturnContext): void {
  if (ctx.access !== 'agency_lead') {
    throw new HttpError(
      403,
      'Only the agency lead can do this',
      'Ask your agency’s safeguarding lead to sign off and submit the return.',
      [{ text: 'Go to the return', href: `/returns/${ctx.id}` }],
    );
  }
}

/**
 * Whether the person may work on this theme: agency leads on every theme, a contributor only on the
 * themes their agency lead assigned to them. (The partnership never edits; `editRefusal` says so.)
 */
export function mayWorkOnTheme(
  ctx: Pick<ReturnContext, 'access' | 'assignedThemeIds'>,
  themeId: string,
): boolean {
  if (ctx.access === 'contributor') return ctx.assignedThemeIds.includes(themeId);
  return true;
}

/** Refuses a contributor a theme that is not assigned to them (reading it or saving it). */
export function assertThemeAssigned(ctx: ReturnContext, themeId: string): void {
  if (mayWorkOnTheme(ctx, themeId)) return;
  throw new HttpError(
    403,
    'This theme is not assigned to you',
    'Your agency lead decides who answers each theme. Ask them if you should be working on this one.',
    [{ text: 'Go to the return', href: `/returns/${ctx.id}` }],
  );
}

/** Refuses a contributor what only the agency lead and the partnership may see or do. */
export function assertNotContributor(ctx: ReturnContext, title: string, message: string): void {
  if (ctx.access !== 'contributor') return;
  throw new HttpError(403, title, message, [{ text: 'Go to the return', href: `/returns/${ctx.id}` }]);
}
