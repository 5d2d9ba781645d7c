/** Which partnership a request is about, and what the signed-in person may do in it. */
import type { FastifyRequest } from 'fastify';
import { actFor } from '../../db/acting-partnership.ts';
import { forbidden, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { requireUser } from '../auth/auth.plugin.ts';

export interface PartnershipAccess {
  id: string;
  name: string;
  /** Admins manage; reviewers read. */
  canManage: boolean;
}

type PartnershipRequest = FastifyRequest<{ Params: { partnershipId: string } }>;

/**
 * The partnership named by `:partnershipId`, if the person has a role in it (a 404 otherwise, so
 * other partnerships' ids reveal nothing). With `manage`, only its admins get through (a 403).
 * Let through, the rest of the request acts for it: its queries see and change only its rows, and
 * what the database's policies share with it (`src/db/acting-partnership.ts`). The pages that reach
 * other partnerships by design (sharing an agency, setting up a joint audit, an agency's people,
 * removing someone who holds roles elsewhere) do so through the narrow functions and policies of
 * migration 0035, never by leaving the wall.
 */
export function partnershipAccess(
  request: PartnershipRequest,
  manage: boolean,
  refusal = 'Only a partnership admin can do this.',
): PartnershipAccess {
  const user = requireUser(request);
  if (!isUuid(request.params.partnershipId)) throw notFound('Partnership');
  const role = user.partnerships.find((p) => p.partnershipId === request.params.partnershipId);
  if (!role) throw notFound('Partnership');
  const canManage = role.role === 'partnership_admin';
  if (manage && !canManage) throw forbidden(refusal);
  actFor(role.partnershipId);
  return { id: role.partnershipId, name: role.partnershipName, canManage };
}
