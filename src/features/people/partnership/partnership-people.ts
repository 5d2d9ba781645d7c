/**
 * What the pages of a partnership's people (its admins and reviewers) share: the admin check, the
 * person an address names, and the notices shown after a change.
 */
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../../db/client.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { partnershipAccess } from '../../partnerships/partnership-access.ts';
import { listPeople, type PartnershipPerson } from '../people.repository.ts';

export type PeopleParams = {
  Params: { partnershipId: string; userId?: string };
  Querystring: { done?: string };
};

export const NOTICES: Record<string, string> = {
  invited: 'We are sending the invitation: it should arrive within a minute or two',
  changed: 'Role changed',
  removed: 'Person removed from the partnership',
  withdrawn: 'Invitation withdrawn',
  anonymised: 'Person removed from the partnership and anonymised',
};

/** Why the last admin cannot be removed. */
export const LAST_ADMIN_REMOVING =
  'The partnership needs at least one admin. Make someone else an admin before removing this person.';

/** The partnership named in the address: its admins only. */
export const peopleAdmin = (request: FastifyRequest<PeopleParams>) =>
  partnershipAccess(request, true, 'Only a partnership admin can manage people.');

/** The list of the partnership's people. */
export const peoplePath = (partnershipId: string) => `/partnerships/${partnershipId}/people`;

/** The person in the partnership's list (a member or a waiting invitation), or a 404. */
export async function partnershipPerson(
  db: DbOrTx,
  partnershipId: string,
  userId: string | undefined,
): Promise<PartnershipPerson> {
  if (!isUuid(userId)) throw notFound('Person');
  const found = (await listPeople(db, partnershipId)).find((p) => p.userId === userId);
  if (!found) throw notFound('Person');
  return found;
}
