/**
 * Who may do what in the review of a return, decided on the server for every request.
 *
 * - The partnership's admins and reviewers review: those of the partnership running the cycle, and
 *   in a joint cycle those of a partner the agency is a member of (one shared review of the one
 *   return). Only the partnership running the cycle decides the outcome, since it sets the return's
 *   status for every partnership receiving it.
 * - The agency's lead sees and answers every challenge and evidence request; a contributor only
 *   those on the themes assigned to them (never those on the return as a whole).
 */
import { HttpError } from '../../lib/http-errors.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import type { ReturnContext } from '../returns/returns.repository.ts';

/** Statuses in which the partnership records new challenges, grades and evidence requests. */
export const UNDER_REVIEW = new Set(['submitted', 'returned', 'resubmitted']);
/** Statuses in which the partnership decides the outcome: the agency has (re)submitted it. */
export const AWAITING_OUTCOME = new Set(['submitted', 'resubmitted']);

export const isReviewer = (ctx: Pick<ReturnContext, 'access'>): boolean =>
  ctx.access === 'partnership_admin' || ctx.access === 'reviewer';

const back = (ctx: Pick<ReturnContext, 'id'>) => [{ text: 'Go to the return', href: `/returns/${ctx.id}` }];

/** Refuses (403) the agency's people what only the partnership does. */
export function assertReviewer(ctx: ReturnContext): void {
  if (isReviewer(ctx)) return;
  throw new HttpError(
    403,
    'Only the partnership can do this',
    'The partnership’s reviewers record challenges, moderated grades, evidence requests and the outcome of the review.',
    back(ctx),
  );
}

/** Refuses (409) recording new review items on a return that is not submitted, or already accepted. */
export function assertUnderReview(ctx: ReturnContext): void {
  if (UNDER_REVIEW.has(ctx.status)) return;
  throw new HttpError(
    409,
    ctx.status === 'accepted' ? 'This return has been accepted' : 'This return has not been submitted',
    ctx.status === 'accepted'
      ? 'Its review is finished. Nothing was recorded.'
      : 'The partnership reviews a return once the agency has submitted it. Nothing was recorded.',
    [{ text: 'Go to the review', href: `/returns/${ctx.id}/review` }],
  );
}

/** Whether this person reviews through the partnership that runs the cycle (not as a joint partner). */
export function reviewsForLead(ctx: ReturnContext, user: CurrentUser): boolean {
  return isReviewer(ctx) && user.partnerships.some((p) => p.partnershipId === ctx.partnershipId);
}

/** Refuses the outcome to a joint partner (403), and to a return not awaiting one (409). */
export function assertMayDecide(ctx: ReturnContext, user: CurrentUser): void {
  assertReviewer(ctx);
  if (!reviewsForLead(ctx, user))
    throw new HttpError(
      403,
      'Only the partnership running the audit can decide this',
      `This is a joint audit run by ${ctx.partnershipName}: its reviewers accept returns or return them for changes. You can still challenge, moderate and request evidence.`,
      [{ text: 'Go to the review', href: `/returns/${ctx.id}/review` }],
    );
  if (!AWAITING_OUTCOME.has(ctx.status))
    throw new HttpError(
      409,
      ctx.status === 'returned'
        ? 'This return is with the agency for changes'
        : ctx.status === 'accepted'
          ? 'This return has already been accepted'
          : 'This return has not been submitted',
      ctx.status === 'returned'
        ? 'You can decide again once the agency resubmits it. Nothing was recorded.'
        : 'Nothing was recorded.',
      [{ text: 'Go to the review', href: `/returns/${ctx.id}/review` }],
    );
}

/**
 * Whether the person sees a challenge or evidence request on `themeId` (null: the return as a
 * whole): the partnership and the agency lead see all; a contributor those of its own themes.
 */
export function seesReviewItem(
  ctx: Pick<ReturnContext, 'access' | 'assignedThemeIds'>,
  themeId: string | null,
): boolean {
  if (ctx.access !== 'contributor') return true;
  return themeId !== null && ctx.assignedThemeIds.includes(themeId);
}

/** Whether the person answers for the agency (the lead, or a contributor on its own themes). */
export function answersForAgency(
  ctx: Pick<ReturnContext, 'access' | 'assignedThemeIds'>,
  themeId: string | null,
): boolean {
  return (ctx.access === 'agency_lead' || ctx.access === 'contributor') && seesReviewItem(ctx, themeId);
}
