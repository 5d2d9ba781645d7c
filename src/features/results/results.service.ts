/** A cycle's results for a signed-in person: access (as the monitoring page), then every figure. */
import type { DbOrTx } from '../../db/client.ts';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import {
  type EarlierCycle,
  earlierCycles,
  loadComparedCycle,
  loadCycleGrades,
} from './results.repository.ts';
import { type CycleGrades, type ResultsFigures, type ResultsFilters, resultsFigures } from './results.ts';

export interface CycleResults {
  cycle: CycleInfo;
  grades: CycleGrades;
  earlier: EarlierCycle[];
  figures: ResultsFigures;
}

/**
 * The cycle `user` may see the results of (a partnership admin or reviewer of the partnership
 * running it, or of a joint partner for its own member agencies); a 404 for anyone else.
 */
export async function findResultsCycle(db: DbOrTx, user: CurrentUser, cycleId: string): Promise<CycleInfo> {
  if (!isUuid(cycleId)) throw notFound('Audit cycle');
  const cycle = await findPartnershipCycle(db, user, cycleId);
  if (!cycle) throw notFound('Audit cycle');
  return cycle;
}

/** The figures of a cycle found by `findResultsCycle`, as `user` sees them. */
export async function resultsOf(
  db: DbOrTx,
  user: CurrentUser,
  cycle: CycleInfo,
  filters: ResultsFilters & { compare?: string | null | undefined },
  now: Date,
): Promise<CycleResults> {
  const [grades, earlier] = await Promise.all([loadCycleGrades(db, cycle, now), earlierCycles(db, cycle)]);
  const previous = await loadComparedCycle(db, user, earlier, filters.compare, now);
  const figures = resultsFigures({
    themes: grades.themes,
    agencies: grades.agencies,
    localities: cycle.localities,
    filters,
    now,
    previous,
  });
  return { cycle, grades, earlier, figures };
}

/** The cycle's figures as `user` may see them (`findResultsCycle`, then `resultsOf`). */
export async function cycleResults(
  db: DbOrTx,
  user: CurrentUser,
  cycleId: string,
  filters: ResultsFilters & { compare?: string | null | undefined },
  now: Date,
): Promise<CycleResults> {
  return resultsOf(db, user, await findResultsCycle(db, user, cycleId), filters, now);
}
