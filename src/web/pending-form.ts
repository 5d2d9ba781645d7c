/** A form kept for the person when its post could not be accepted, shown again on its page once. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PendingForm } from '../features/auth/auth.plugin.ts';

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
