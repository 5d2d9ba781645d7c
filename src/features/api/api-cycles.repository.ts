/** The audit cycles a partnership's API token reads: its own, and the joint cycles it takes part in. */
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { CycleKind } from '../../db/schema.ts';

/** The ids of the partnership's cycles, newest opening first. */
export function partnershipCycleIds(
  db: DbOrTx,
  partnershipId: string,
): Promise<Array<{ id: string; kind: CycleKind | null }>> {
  return queryRows<{ id: string; kind: CycleKind | null }>(
    db,
    sql`select c.id, c.kind from cycles c
      where c.partnership_id = ${partnershipId}
         or exists (select 1 from cycle_partnerships cp where cp.cycle_id = c.id and cp.partnership_id = ${partnershipId})
      order by c.opens_at desc, c.id`,
  );
}
