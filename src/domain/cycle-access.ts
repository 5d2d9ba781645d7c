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

/**
 * A cycle's own columns as the lookups select them: `c.id, c.partnership_id, p.name as
 * partnership_name, c.name, c.opens_at, c.closes_at, c.template_version_id, c.kind, c.introduction,
 * c.focus_question_ids, c.carry_forward` (from `cycles c join partnerships p`).
 */
export interface CycleRow {
  id: string;
  partnership_id: string;
  partnership_name: string;
  name: string;
  opens_at: string | Date;
  closes_at: string | Date;
  template_version_id: string;
  kind: CycleKind | null;
  introduction: string;
  focus_question_ids: string[] | null;
  carry_forward: boolean;
}

/** The cycle of `row`, as seen through `seen` (the partnership, role and localities of the viewer). */
export function cycleFromRow(
  row: CycleRow,
  seen: Pick<CycleInfo, 'role' | 'viewerPartnershipId' | 'localities' | 'jointPartnerships'>,
): CycleInfo {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    name: row.name,
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    templateVersionId: row.template_version_id,
    ...seen,
    kind: row.kind,
    introduction: row.introduction,
    focusQuestionIds: row.focus_question_ids ?? [],
    carryForward: row.carry_forward,
  };
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
