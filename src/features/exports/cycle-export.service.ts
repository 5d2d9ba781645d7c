/**
 * Exporting a cycle: a person asks, an export row is recorded, and the file is made at once for a
 * small cycle or by a background job (pg-boss) for a large one. The job reads the cycle as the
 * asking partnership sees it (a joint partner: its own member agencies only) and keeps the file in
 * the database until it expires.
 */
import type { Db } from '../../db/client.ts';
import type { CycleExportFormat } from '../../db/schema.ts';
import { findCycleForPartnerships } from '../../domain/cycle-access.repository.ts';
import { type CycleInfo, runsCycle } from '../../domain/cycle-access.ts';
import type { JobHandler, JobQueue, QueueDefinition } from '../../jobs/job-queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { downloadName } from '../../lib/downloads.ts';
import { loadCycleData, loadCycleReturns } from './cycle-data.repository.ts';
import { cycleAnswersCsv, cycleWorkbook } from './cycle-export.files.ts';
import {
  createExport,
  findExportForJob,
  findExportInProgress,
  markDone,
  markFailed,
  markRunning,
  noteError,
  purgeExpiredExports,
  recordProgress,
} from './cycle-exports.repository.ts';

export const CYCLE_EXPORTS_QUEUE = 'cycle-exports';

/** A few tries, a minute apart; an export of thousands of answers takes seconds, so 15 minutes is ample. */
export const cycleExportsQueue: QueueDefinition = {
  name: CYCLE_EXPORTS_QUEUE,
  options: { retryLimit: 2, retryDelay: 60, expireInSeconds: 900 },
};

/** Hourly: deletes expired exports and their files, so nothing is kept past its time. */
export const CYCLE_EXPORTS_PURGE_QUEUE = 'cycle-exports-purge';
export const cycleExportsPurgeQueue: QueueDefinition = {
  name: CYCLE_EXPORTS_PURGE_QUEUE,
  options: { retryLimit: 0, expireInSeconds: 300 },
};
export const CYCLE_EXPORTS_PURGE_CRON = '17 * * * *';

export function cycleExportsPurgeHandler(deps: ExportDeps): JobHandler {
  return async () => {
    await purgeExpiredExports(deps.db, deps.clock.now());
  };
}

export interface CycleExportJob {
  exportId: string;
}

export interface ExportDeps {
  db: Db;
  clock: Clock;
}

export const EXPORT_CONTENT_TYPES: Record<CycleExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Records an export of the cycle for the viewer's partnership and makes it: at once when the cycle
 * has at most `inlineReturns` returns (or there is no queue), otherwise through the job queue.
 * Returns the export's id.
 */
export async function requestExport(
  deps: ExportDeps & { queue: Pick<JobQueue, 'send'> | null; inlineReturns: number },
  cycle: CycleInfo,
  userId: string,
  format: CycleExportFormat,
): Promise<string> {
  const now = deps.clock.now();
  await purgeExpiredExports(deps.db, now);
  // Asked twice (a double click, or impatience): the one being prepared serves both.
  const inProgress = await findExportInProgress(deps.db, cycle.viewerPartnershipId, cycle.id, format, now);
  if (inProgress) return inProgress;
  const returns = await loadCycleReturns(deps.db, cycle, now);
  const exportId = await createExport(deps.db, {
    partnershipId: cycle.viewerPartnershipId,
    cycleId: cycle.id,
    requestedBy: userId,
    format,
    returnsTotal: returns.length,
    now,
  });
  if (deps.queue && returns.length > deps.inlineReturns) {
    await deps.queue.send(CYCLE_EXPORTS_QUEUE, { exportId } satisfies CycleExportJob);
  } else {
    try {
      await runExport(deps, exportId);
    } catch (e) {
      await markFailed(deps.db, exportId, errorText(e), deps.clock.now());
    }
  }
  return exportId;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Makes an export's file. Throws when it cannot (the job is then tried again). */
export async function runExport(deps: ExportDeps, exportId: string): Promise<void> {
  const { db, clock } = deps;
  const row = await findExportForJob(db, exportId);
  // Expired and deleted, or already made by an earlier attempt: nothing to do.
  if (!row || row.status === 'done' || row.status === 'failed') return;
  const cycle = await findCycleForPartnerships(
    db,
    [{ partnershipId: row.partnershipId, role: 'reviewer' }],
    row.cycleId,
  );
  if (!cycle) {
    await markFailed(db, exportId, 'The audit is no longer shared with this partnership.', clock.now());
    return;
  }
  const now = clock.now();
  const returns = await loadCycleReturns(db, cycle, now);
  await markRunning(db, exportId, returns.length, now);
  const loaded = await loadCycleData(db, cycle, returns, (done) => recordProgress(db, exportId, done));
  const partner = runsCycle(cycle)
    ? null
    : (cycle.jointPartnerships.find((p) => p.id === cycle.viewerPartnershipId)?.name ?? null);
  const data =
    row.format === 'csv'
      ? Buffer.from(cycleAnswersCsv(loaded), 'utf8')
      : await cycleWorkbook(loaded, {
          partnershipName: cycle.partnershipName,
          cycleName: cycle.name,
          viewerPartnershipName: partner,
          generatedAt: now,
        });
  await markDone(
    db,
    exportId,
    { fileName: downloadName('audit', cycle.name, row.format), data, rowCount: loaded.data.answers.length },
    clock.now(),
  );
}

/** The job: makes the export; after the last attempt, records that it failed and why. */
export function cycleExportHandler(deps: ExportDeps): JobHandler {
  return async (job) => {
    const { exportId } = job.data as Partial<CycleExportJob>;
    if (typeof exportId !== 'string') return;
    try {
      await runExport(deps, exportId);
    } catch (e) {
      if (job.retryCount >= job.retryLimit)
        await markFailed(deps.db, exportId, errorText(e), deps.clock.now());
      else await noteError(deps.db, exportId, errorText(e));
      throw e;
    }
  };
}
