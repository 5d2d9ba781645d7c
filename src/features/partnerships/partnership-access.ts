/** Which partnership a request is about, and what the signed-in person may do in it. */
import type { FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { requireUser } from '../auth/auth.plugin.ts';

export interface PartnershipAccess {
  id: string;
  name: string;
  /** Admins manage; reviewers read. */
  canManage: boolean;
}

/**
 * The partnership named by `:partnershipId`, if the person has a role in it (a 404 otherwise, so
 * other partnerships' ids reveal nothing). With `manage`, only its admins get through (a 403).
 * (Not yet behind the database's wall: some of these pages cross partnerships by design, the agency
 * share search, requests and acceptance and a joint audit's set-up, and need carving out first.)
 */
export function partnershipAccess(
  request: FastifyRequest<{ Params: { partnershipId: string } }>,
  manage: boolean,
  refusal = 'Only a partnership admin can do this.',
): PartnershipAccess {
  const user = requireUser(request);
  if (!isUuid(request.params.partnershipId)) throw notFound('Partnership');
  const role = user.partnerships.find((p) => p.partnershipId === request.params.partnershipId);
  if (!role) throw notFound('Partnership');
  const canManage = role.role === 'partnership_admin';
  if (manage && !canManage) throw forbidden(refusal);
  return { id: role.partnershipId, name: role.partnershipName, canManage };
}
