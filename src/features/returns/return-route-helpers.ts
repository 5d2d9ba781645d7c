/** What every return route needs: the return the signed-in person may see, and any kept form. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { type PendingForm, requireUser } from '../auth/auth.plugin.ts';
import { findAccessibleReturn, type ReturnContext } from './returns.repository.ts';

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
  // Its pages show the branding of the partnership running the audit.
  request.branding = {
    partnershipId: ctx.partnershipId,
    partnershipName: ctx.partnershipName,
    headerColour: ctx.partnershipHeaderColour,
    logoSha256: ctx.partnershipLogoSha256,
  };
  return ctx;
}

/** A form kept for this page when its post could not be accepted (session expired); taken once. */
export async function takePendingForm(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<PendingForm | null> {
  const pending = request.session?.data.pendingForm as PendingForm | undefined;
  if (!pending || pending.url.split('#')[0] !== request.url.split('?')[0]) return null;
  const { pendingForm: _, ...rest } = request.session!.data;
  await app.sessions.setData(request, reply, rest);
  return pending;
}
