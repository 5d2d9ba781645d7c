/**
 * What the pages of an agency's people, managed by a partnership admin, share: the partnership and
 * agency an address names, the person in the agency's list, and the notices shown after a change.
 */
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../../db/client.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { findAgency } from '../../agencies/agencies.repository.ts';
import { partnershipAccess } from '../../partnerships/partnership-access.ts';
import { type AgencyPerson, listAgencyPeople } from '../memberships.repository.ts';

export type AgencyPeopleParams = {
  Params: { partnershipId: string; agencyId: string; userId?: string };
  Querystring: { done?: string };
};

export const NOTICES: Record<string, string> = {
  invited: 'We are sending the invitation: it should arrive within a minute or two',
  reinvited: 'We are sending the invitation again, with a new sign-in link',
  removed: 'Removed from the agency',
  anonymised: 'Removed from the agency and anonymised',
};

/** The partnership (its admins only) and its agency named in the address, with the agency's people's address. */
export async function loadAgencyPeople(db: DbOrTx, request: FastifyRequest<AgencyPeopleParams>) {
  const partnership = partnershipAccess(
    request,
    true,
    'Only a partnership admin can manage an agency’s people.',
  );
  if (!isUuid(request.params.agencyId)) throw notFound('Agency');
  const agency = await findAgency(db, partnership.id, request.params.agencyId);
  if (!agency) throw notFound('Agency');
  return { partnership, agency, base: `/partnerships/${partnership.id}/agencies/${agency.id}/people` };
}

export type LoadedAgency = Awaited<ReturnType<typeof loadAgencyPeople>>;

/** The person in the agency's list (a member or a waiting invitation), or a 404. */
export async function agencyPersonIn(
  db: DbOrTx,
  agencyId: string,
  userId: string | undefined,
): Promise<AgencyPerson> {
  if (!isUuid(userId)) throw notFound('Person');
  const found = (await listAgencyPeople(db, agencyId)).find((p) => p.userId === userId);
  if (!found) throw notFound('Person');
  return found;
}
