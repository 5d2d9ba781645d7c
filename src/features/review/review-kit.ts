/**
 * What the review's page routes share: the return's applicable themes, the reviewer's access check,
 * the notice after a change, and a page sent with its chrome and CSRF token (422 with errors).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../views/form-errors.ts';
import type { PageChrome } from '../../views/layout.tsx';
import { loadReturnContext, type ReturnParams } from '../../web/return-context.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import type { ReturnContext } from '../returns/returns.repository.ts';
import type { ReviewDeps } from './review.service.ts';
import { assertReviewer } from './review-access.ts';
import { REVIEW_NOTICES } from './review-parts.tsx';

export type Done = { Querystring: { done?: string; theme?: string } };

/** What every form page of the review is given besides its own model. */
export type FormChrome = { chrome: PageChrome; csrfToken: string; errors?: FormErrors | undefined };

export function reviewKit(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const deps: ReviewDeps = { db, mailer, baseUrl: config.baseUrl };

  /** The themes that apply to the return's agency, in order. */
  async function themesOf(ctx: ReturnContext): Promise<ThemeInfo[]> {
    const structure = await loadReturnStructure(db, ctx.partnershipId, ctx.templateVersionId);
    return applicableThemes(structure.themes, ctx.agencyLocalityIds, ctx.agencySector);
  }

  /** The return, for the partnership's reviewers only (404 to whoever may not see it, 403 to the agency). */
  async function reviewer(request: FastifyRequest<ReturnParams>) {
    const ctx = await loadReturnContext(db, request);
    assertReviewer(ctx);
    return { ctx, themes: await themesOf(ctx) };
  }

  /** The page chrome, the CSRF token and the errors (if any) a form page needs. */
  async function formChrome(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FormErrors,
  ): Promise<FormChrome> {
    return {
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      errors,
    };
  }

  /** A form page as a GET shows it (a refused post is shown again by `handleForm`, with 422). */
  async function formPage<P extends object>(
    request: FastifyRequest,
    reply: FastifyReply,
    Page: (m: P & FormChrome) => JSX.Element,
    props: P,
  ) {
    return reply.html(Page({ ...props, ...(await formChrome(request, reply)) }));
  }

  const notice = (request: FastifyRequest<Done>) => REVIEW_NOTICES[request.query.done ?? ''];

  return { db, clock, deps, themesOf, reviewer, formChrome, formPage, notice };
}

export type ReviewKit = ReturnType<typeof reviewKit>;
