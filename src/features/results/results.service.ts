/** A cycle's results for a signed-in person: access (as the monitoring page), then every figure. */
import type { DbOrTx } from '../../db/client.ts';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import {
  type EarlierCycle,
  earlierCycles,
  GradesNotKept,
  gradesToKeep,
  loadComparedCycle,
  loadCycleGrades,
  RETURN_GRADES_QUEUE,
  type ReturnGradesJob,
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

/**
 * How a request for the figures treats returns whose grades are not kept: more than `limit` of them
 * (working them out would take more than a page's time, about 0.3 s a thousand returns) are kept by
 * the return-grades job, queued here, and the request answers with a page saying how far it has got,
 * linking to `href` to ask again. Without a queue (or without this) they are worked out at once.
 */
export interface GradesWorkOut {
  queue: Pick<JobQueue, 'send'> | null;
  limit: number;
  href: string;
}

/** The figures of a cycle found by `findResultsCycle`, as `user` sees them. */
export async function resultsOf(
  db: DbOrTx,
  user: CurrentUser,
  cycle: CycleInfo,
  filters: ResultsFilters & { compare?: string | null | undefined },
  now: Date,
  workOut?: GradesWorkOut,
): Promise<CycleResults> {
  const limit = workOut?.queue ? workOut.limit : undefined;
  try {
    // The audit compared with is read while this one's grades are (not after them): its queries run
    // in the database while this process makes this audit's rows.
    const earlierRead = earlierCycles(db, cycle);
    const [grades, earlier, previous] = await allInOrder([
      loadCycleGrades(db, cycle, now, { workOutLimit: limit }),
      earlierRead,
      earlierRead.then((e) => loadComparedCycle(db, user, e, filters.compare, now, limit)),
    ] as const);
    const figures = resultsFigures({
      themes: grades.themes,
      agencies: grades.agencies,
      localities: cycle.localities,
      filters,
      now,
      previous,
    });
    return { cycle, grades, earlier, figures };
  } catch (e) {
    if (!(e instanceof GradesNotKept && workOut?.queue)) throw e;
    await keepGradesSoon(workOut.queue, e.cycleId);
    throw gradesBeingWorkedOut(e, cycle, workOut.href);
  }
}

/**
 * Every promise's value, as `Promise.all`, once all have ended; when some fail, the first of them in
 * the list's order (this audit's grades not kept is said before the compared audit's), whichever
 * failed first in time.
 */
async function allInOrder<T extends readonly unknown[]>(
  promises: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const ended = await Promise.allSettled(promises);
  const failed = ended.find((e) => e.status === 'rejected');
  if (failed) throw failed.reason;
  return ended.map((e) => (e as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Queues the return-grades job for a cycle: one waiting a cycle however often asked (the queue's short
 * policy), and one a minute at most once it has started or failed (pg-boss drops the rest).
 */
async function keepGradesSoon(queue: Pick<JobQueue, 'send'>, cycleId: string): Promise<void> {
  await queue.send(RETURN_GRADES_QUEUE, { cycleId } satisfies ReturnGradesJob, {
    singletonKey: cycleId,
    singletonSeconds: 60,
  });
}

/** How far the keeping of a cycle's grades has got, as a share (a joint partner is not told how many returns the audit has). */
function shareDone(submitted: number, missing: number): string {
  return `${Math.floor((100 * (submitted - missing)) / Math.max(1, submitted))}% done.`;
}

/** Where a page waiting for a cycle's grades asks how far they have got. */
export const gradesProgressPath = (cycleId: string) => `/cycles/${cycleId}/results/progress.json`;

/**
 * The page answering while grades are kept in the background (202: the work is accepted, not done),
 * with how far it has got, which its script keeps up to date (reloading once they are kept).
 */
function gradesBeingWorkedOut(e: GradesNotKept, cycle: CycleInfo, href: string): HttpError {
  const which = e.cycleId === cycle.id ? 'this audit' : 'the audit it is compared with';
  return new HttpError(
    202,
    'The results are being worked out',
    `The grades of ${which} are being worked out from its submitted returns’ answers. This takes ` +
      'about a minute for the largest audits; the results are shown here when they are ready.',
    [
      { text: 'Try again', href },
      { text: `Go back to ${cycle.name}`, href: `/cycles/${cycle.id}` },
    ],
    { text: shareDone(e.submitted, e.missing), url: gradesProgressPath(e.cycleId) },
  );
}

/**
 * How far the keeping of a cycle's grades has got, for a page waiting for it (`gradesProgressPath`):
 * ready once a results page would work the rest out itself (at most `limit` left). While not ready,
 * the job is queued again (once a minute at most), should the one the page queued have failed.
 */
export async function gradesProgress(
  db: DbOrTx,
  cycle: CycleInfo,
  workOut: Pick<GradesWorkOut, 'queue' | 'limit'>,
): Promise<{ ready: boolean; progress: string }> {
  const { submitted, missing } = await gradesToKeep(db, cycle);
  const ready = !workOut.queue || missing <= workOut.limit;
  if (!ready && workOut.queue) await keepGradesSoon(workOut.queue, cycle.id);
  return { ready, progress: shareDone(submitted, missing) };
}

/** The cycle's figures as `user` may see them (`findResultsCycle`, then `resultsOf`). */
export async function cycleResults(
  db: DbOrTx,
  user: CurrentUser,
  cycleId: string,
  filters: ResultsFilters & { compare?: string | null | undefined },
  now: Date,
  workOut?: GradesWorkOut,
): Promise<CycleResults> {
  return resultsOf(db, user, await findResultsCycle(db, user, cycleId), filters, now, workOut);
}
