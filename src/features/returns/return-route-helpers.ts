/** A form kept for a page whose post could not be accepted. (The return a request names: `src/web/return-context.ts`.) */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PendingForm } from '../auth/auth.plugin.ts';

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
