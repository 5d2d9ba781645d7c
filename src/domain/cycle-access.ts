/**
 * The audit cycle as a partnership admin or reviewer sees it, and who may change it: the rules every
 * feature showing or changing a cycle uses (the lookup is in `cycle-access.repository.ts`).
 */
import type { CycleKind } from '../db/schema.ts';
import { forbidden } from '../lib/http-errors.ts';

export interface CycleInfo {
  id: string;
  partnershipId: string;
  partnershipName: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  templateVersionId: string;
  /** The localities taking part that the viewer sees: all of them for the lead, its own for a partner. */
  localities: Array<{ id: string; name: string }>;
  /** The person's role in the partnership through which they see the cycle. */
  role: 'partnership_admin' | 'reviewer';
  /** That partnership: the one running the cycle (the lead), or a joint partner. */
  viewerPartnershipId: string;
  /** The other partnerships taking part in a joint cycle (none for most cycles). */
  jointPartnerships: Array<{ id: string; name: string }>;
  kind: CycleKind | null;
  introduction: string;
  focusQuestionIds: string[];
  carryForward: boolean;
}

/** Whether the person sees the cycle through the partnership that runs it (not as a joint partner). */
export function runsCycle(cycle: Pick<CycleInfo, 'partnershipId' | 'viewerPartnershipId'>): boolean {
  return cycle.viewerPartnershipId === cycle.partnershipId;
}

/** Whether the person may change the cycle: an admin of the partnership that runs it. */
export function managesCycle(
  cycle: Pick<CycleInfo, 'partnershipId' | 'viewerPartnershipId' | 'role'>,
): boolean {
  return runsCycle(cycle) && cycle.role === 'partnership_admin';
}

/** Refuses (403) a reviewer, or a joint partner, what only the lead partnership's admins may do. */
export function assertManagesCycle(
  cycle: Pick<CycleInfo, 'partnershipId' | 'viewerPartnershipId' | 'role' | 'partnershipName'>,
  adminOnly: string,
): void {
  if (!runsCycle(cycle))
    throw forbidden(
      `This is a joint audit run by ${cycle.partnershipName}: only its partnership admins can change it.`,
    );
  if (cycle.role !== 'partnership_admin') throw forbidden(adminOnly);
}
