/**
 * Setting up an audit: the rules a new audit must meet beyond its form (a name of its own, some
 * agencies to invite), the return of each agency invited (with a joint audit's partners' agencies),
 * and, for an audit already open, its invitations at once.
 */
import { type CycleEventDeps, runDueCycleEvents } from './cycle-events.service.ts';
import type { CycleValues } from './cycle-form.ts';
import { agenciesToInvite, createCycle, cycleExists, partnerLocalities } from './cycles.repository.ts';

export type SetUpCycleOutcome =
  | { cycleId: string; carriedForward: number }
  /** Refused, for every reason that holds: the name is taken, or no agency would be invited. */
  | { refused: { nameTaken: boolean; noAgencies: boolean } };

export async function setUpCycle(
  deps: CycleEventDeps,
  partnershipId: string,
  values: CycleValues,
  userId: string,
  now: Date,
): Promise<SetUpCycleOutcome> {
  const { db } = deps;
  const nameTaken = await cycleExists(db, partnershipId, values.name);
  // A joint audit also invites each partner's agencies serving its localities (all of them); an
  // agency belonging to several of the partnerships gets one return.
  const partnerRows = await partnerLocalities(db, values.jointPartnershipIds);
  const partners = values.jointPartnershipIds.map((id) => ({
    partnershipId: id,
    localityIds: partnerRows.filter((l) => l.partnershipId === id).map((l) => l.localityId),
  }));
  const invited = await Promise.all([
    agenciesToInvite(db, partnershipId, values.localityIds, values.sectors),
    ...partners.map((p) => agenciesToInvite(db, p.partnershipId, p.localityIds, values.sectors)),
  ]);
  const agencyIds = [...new Set(invited.flat())];
  if (nameTaken || agencyIds.length === 0)
    return { refused: { nameTaken, noAgencies: agencyIds.length === 0 } };

  const created = await createCycle(db, partnershipId, values, agencyIds, userId, now, partners);
  // An audit that is already open invites its agencies now; one opening later is invited by the
  // scheduler when it opens. The same claim on each invitation makes sure nobody is invited twice.
  if (values.opensAt <= now) await runDueCycleEvents(deps, now, { partnershipId, cycleId: created.cycleId });
  return created;
}
