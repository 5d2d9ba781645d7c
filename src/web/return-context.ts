/**
 * The return a request names, for every feature with pages of a return (the return itself, its
 * records, review, the staff survey, theme assignments): found only if the signed-in person may see
 * it, and its pages branded as the partnership running the audit.
 */
import type { FastifyRequest } from 'fastify';
import { actFor } from '../db/acting-partnership.ts';
import type { DbOrTx } from '../db/client.ts';
import { requireUser } from '../features/auth/auth.plugin.ts';
import { findAccessibleReturn, type ReturnContext } from '../features/returns/returns.repository.ts';
import { notFound } from '../lib/http-errors.ts';
import { isUuid } from '../lib/tokens.ts';

export type ReturnParams = { Params: { returnId: string } };

/** The return named in the URL, if the signed-in person may see it; a 404 otherwise (never a 403). */
export async function loadReturnContext(
  db: DbOrTx,
  request: FastifyRequest<ReturnParams>,
): Promise<ReturnContext> {
  const user = requireUser(request);
  if (!isUuid(request.params.returnId)) throw notFound('Return');
  const ctx = await findAccessibleReturn(db, user, request.params.returnId);
  if (!ctx) throw notFound('Return');
  // The rest of the request acts for the partnership running the audit (the database's wall).
  actFor(ctx.partnershipId);
  // Its pages show the branding of the partnership running the audit.
  request.branding = {
    partnershipId: ctx.partnershipId,
    partnershipName: ctx.partnershipName,
    headerColour: ctx.partnershipHeaderColour,
    logoSha256: ctx.partnershipLogoSha256,
  };
  return ctx;
}
