/** A form kept for the person when its post could not be accepted, shown again on its page once. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_KEPT_FORM_BYTES, type PendingForm } from '../features/auth/auth.plugin.ts';

export type { PendingForm };

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

/**
 * Keeps what a form holds for its page, to be shown there once (as a form refused for an ended
 * session is): for a button that posts the whole form elsewhere (attach a document) and comes back.
 * Text fields only (no token, no files). False when it is too big to keep.
 */
export async function keepFormForPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  url: string,
  body: Record<string, unknown>,
  keptAt: Date,
): Promise<boolean> {
  const typed = Object.fromEntries(
    Object.entries(body).filter(
      ([k, v]) =>
        k !== '_csrf' &&
        (typeof v === 'string' || (Array.isArray(v) && v.every((i) => typeof i === 'string'))),
    ),
  );
  if (Buffer.byteLength(JSON.stringify(typed)) > MAX_KEPT_FORM_BYTES) return false;
  const pending: PendingForm = { url, body: typed, keptAt: keptAt.toISOString() };
  await app.sessions.setData(request, reply, { ...(request.session?.data ?? {}), pendingForm: pending });
  return true;
}
