/**
 * Exporting a cycle: a person asks, an export row is recorded, and the file is made at once for a
 * small cycle or by a background job (pg-boss) for a large one. The job reads the cycle as the
 * asking partnership sees it (a joint partner: its own member agencies only) and keeps the file in
 * the database, in pieces written as it is made, until it expires.
 */
import type { Db } from '../../db/client.ts';
import type { CycleExportFormat } from '../../db/schema.ts';
import { findCycleForPartnerships } from '../../domain/cycle-access.repository.ts';
import { type CycleInfo, runsCycle } from '../../domain/cycle-access.ts';
import type { JobHandler, JobQueue, QueueDefinition } from '../../jobs/job-queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { downloadName } from '../../lib/downloads.ts';
import { writableTo } from '../../lib/streams.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { cycleRecordBatches, loadCycleReturns } from './cycle-data.repository.ts';
import { builtBatches } from './cycle-data.ts';
import { writeExportFile } from './cycle-export.files.ts';
import { INTERRUPTED_EXPORT_ERROR, UNSHARED_EXPORT_ERROR } from './cycle-export.messages.ts';
import { ExportTooLargeError, makeFileInWorker } from './cycle-export.thread.ts';
import {
  createExport,
  failRunningExports,
  findExportForJob,
  findExportInProgress,
  markDone,
  markFailed,
  markRunning,
  openExportFileStore,
  purgeExpiredExports,
  recordProgress,
  requeueAfterError,
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

/**
 * Returns read and handed to the file's writer at a time. What is read of a batch is copied to the
 * worker, which makes its rows, while the app's thread reads the next: both threads hold a batch.
 * At 10,000 returns, batches of 25 or 50 were no faster (42-51 s against 43 s, under tsx) and
 * peaked no lower; with ExcelJS, 50 had peaked about 100 MB higher than 10 at 1,000 returns.
 */
export const EXPORT_BATCH_RETURNS = 10;

/** The heap allowed the thread that writes an export's file (the app's own is never at risk). */
export const DEFAULT_EXPORT_WORKER_MEMORY_MB = 256;

/**
 * Makes an export's file, reading the returns one batch at a time and storing the file a piece at a
 * time as it is written. With `inWorker`, the file is written in a worker thread with a heap limit, so that a file too large for it never stops the
 * app. Throws when it cannot; an export found already running was interrupted (the process making
 * it stopped), and is marked failed rather than tried again into the same end.
 */
export async function runExport(
  deps: ExportDeps & { inWorker?: boolean; workerMemoryMb?: number },
  exportId: string,
): Promise<void> {
  const { db, clock } = deps;
  const row = await findExportForJob(db, exportId);
  // Expired and deleted, or already made by an earlier attempt: nothing to do.
  if (!row || row.status === 'done' || row.status === 'failed') return;
  if (row.status === 'running') {
    await markFailed(db, exportId, INTERRUPTED_EXPORT_ERROR, clock.now());
    return;
  }
  const cycle = await findCycleForPartnerships(
    db,
    [{ partnershipId: row.partnershipId, role: 'reviewer' }],
    row.cycleId,
  );
  if (!cycle) {
    await markFailed(db, exportId, UNSHARED_EXPORT_ERROR, clock.now());
    return;
  }
  const now = clock.now();
  const returns = await loadCycleReturns(db, cycle, now);
  await markRunning(db, exportId, returns.length, now);
  const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  const rows = () =>
    cycleRecordBatches(db, cycle, returns, {
      batchSize: EXPORT_BATCH_RETURNS,
      onProgress: (done) => recordProgress(db, exportId, done),
    });
  const actions = () =>
    cycleRecordBatches(db, cycle, returns, { batchSize: EXPORT_BATCH_RETURNS, only: 'actions' });
  const partner = runsCycle(cycle)
    ? null
    : (cycle.jointPartnerships.find((p) => p.id === cycle.viewerPartnershipId)?.name ?? null);
  const context = {
    partnershipName: cycle.partnershipName,
    cycleName: cycle.name,
    viewerPartnershipName: partner,
    generatedAt: now,
  };
  const file = await openExportFileStore(db, exportId, row.partnershipId);
  const rowCount = deps.inWorker
    ? await makeFileInWorker(
        { format: row.format, structure, returns, context },
        { rows, actions },
        deps.workerMemoryMb ?? DEFAULT_EXPORT_WORKER_MEMORY_MB,
        file.write,
      )
    : // A small export, in the app's thread (still streamed, a batch of returns at a time).
      await writeExportFile(
        writableTo(file.write),
        row.format,
        {
          structure,
          returns,
          batches: () => builtBatches(structure, rows()),
          actionBatches: () => builtBatches(structure, actions()),
        },
        context,
      );
  await file.end();
  await markDone(
    db,
    exportId,
    { fileName: downloadName('audit', cycle.name, row.format), rowCount },
    clock.now(),
  );
}

/**
 * The job: makes the export in a bounded worker. An export too large for the worker, or found
 * interrupted, is marked failed and never tried again (the same attempt would end the same way);
 * another error is noted and the job tried again, and after the last attempt the export is failed.
 */
export function cycleExportHandler(deps: ExportDeps & { workerMemoryMb?: number }): JobHandler {
  return async (job) => {
    const { exportId } = job.data as Partial<CycleExportJob>;
    if (typeof exportId !== 'string') return;
    try {
      await runExport({ ...deps, inWorker: true }, exportId);
    } catch (e) {
      if (e instanceof ExportTooLargeError || job.retryCount >= job.retryLimit) {
        await markFailed(deps.db, exportId, errorText(e), deps.clock.now());
        if (e instanceof ExportTooLargeError) return;
      } else await requeueAfterError(deps.db, exportId, errorText(e));
      throw e;
    }
  };
}

/** At start-up: exports left running by a process that stopped are failed, so none waits forever. */
export async function failInterruptedExports(deps: ExportDeps): Promise<number> {
  return failRunningExports(deps.db, INTERRUPTED_EXPORT_ERROR, deps.clock.now());
}
