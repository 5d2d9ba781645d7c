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

function checkAccess(request: PartnershipRequest, manage: boolean, refusal: string): PartnershipAccess {
  const user = requireUser(request);
  if (!isUuid(request.params.partnershipId)) throw notFound('Partnership');
  const role = user.partnerships.find((p) => p.partnershipId === request.params.partnershipId);
  if (!role) throw notFound('Partnership');
  const canManage = role.role === 'partnership_admin';
  if (manage && !canManage) throw forbidden(refusal);
  return { id: role.partnershipId, name: role.partnershipName, canManage };
}

/**
 * The partnership named by `:partnershipId`, if the person has a role in it (a 404 otherwise, so
 * other partnerships' ids reveal nothing). With `manage`, only its admins get through (a 403).
 * Let through, the rest of the request acts for it: its queries see and change only its rows, and
 * what the database's policies share with it (`src/db/acting-partnership.ts`).
 */
export function partnershipAccess(
  request: PartnershipRequest,
  manage: boolean,
  refusal = 'Only a partnership admin can do this.',
): PartnershipAccess {
  const access = checkAccess(request, manage, refusal);
  actFor(access.id);
  return access;
}

/**
 * The same check for the few pages that cross partnerships by design and so stay in the system's
 * context, bound by their own queries' partnership conditions only: sharing an agency (finding
 * another partnership's agency, asking it, and answering, which adds the asker's membership) and
 * setting up an audit (a joint audit's partners, their localities and agencies, before the audit
 * that links them exists), and a partnership's people, agency people and join requests (removing or
 * inviting someone reads the roles they hold in other partnerships). Use `partnershipAccess` for
 * anything else.
 */
export function partnershipAccessAcrossPartnerships(
  request: PartnershipRequest,
  manage: boolean,
  refusal = 'Only a partnership admin can do this.',
): PartnershipAccess {
  return checkAccess(request, manage, refusal);
}
