/**
 * Making an export's file in a worker thread with a heap limit (`cycle-export.worker.ts`), so that
 * a file too large for it stops that thread, never the app. The database is read here, in the app's
 * thread (an embedded database cannot be opened twice), one batch of returns at a time as the worker
 * asks for it: neither thread ever holds the whole audit.
 */
import { Worker } from 'node:worker_threads';
import type { CycleExportFormat } from '../../db/schema.ts';
import type { MonitoringRow } from '../cycles/monitoring.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';
import type { CycleDataBatch } from './cycle-data.repository.ts';
import type { WorkbookContext } from './cycle-export.files.ts';
import { TOO_LARGE_EXPORT_ERROR } from './cycle-export.messages.ts';

export interface ExportWorkerData {
  format: CycleExportFormat;
  structure: ReturnStructure;
  returns: MonitoringRow[];
  context: WorkbookContext;
}

export type ToWorker = { type: 'batch'; batch: CycleDataBatch } | { type: 'end' };
export type FromWorker =
  | { type: 'pull'; pass: 'rows' | 'actions' }
  | { type: 'done'; rows: number; data: Uint8Array };

/** The worker ran out of the memory it is allowed. */
export class ExportTooLargeError extends Error {
  constructor() {
    super(TOO_LARGE_EXPORT_ERROR);
  }
}

// The worker beside this module: .ts when run by tsx (tests, development), .js in the compiled dist/.
const WORKER = new URL(
  `./cycle-export.worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
).href;

/** Starts the worker; a TypeScript worker registers tsx's loader first (the app runs under tsx). */
function startWorker(data: ExportWorkerData, memoryMb: number): Worker {
  const options = { workerData: data, resourceLimits: { maxOldGenerationSizeMb: memoryMb } };
  return WORKER.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); });`,
        { ...options, eval: true },
      )
    : new Worker(new URL(WORKER), options);
}

/**
 * Makes the file in a worker limited to `memoryMb` of heap, feeding it `rows()` (then `actions()`
 * for a workbook) one batch at a time. Rejects with `ExportTooLargeError` when the worker runs out
 * of memory, and with the error of a failed read.
 */
export function makeFileInWorker(
  data: ExportWorkerData,
  passes: { rows: () => AsyncIterator<CycleDataBatch>; actions: () => AsyncIterator<CycleDataBatch> },
  memoryMb: number,
): Promise<{ rows: number; data: Buffer }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(data, memoryMb);
    const open: Partial<Record<'rows' | 'actions', AsyncIterator<CycleDataBatch>>> = {};
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(e);
    };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'done') {
        settled = true;
        resolve({ rows: message.rows, data: Buffer.from(message.data.buffer, 0, message.data.byteLength) });
        void worker.terminate();
        return;
      }
      open[message.pass] ??= passes[message.pass]();
      open[message.pass]!.next().then((next) => {
        if (!settled)
          worker.postMessage(
            (next.done ? { type: 'end' } : { type: 'batch', batch: next.value }) satisfies ToWorker,
          );
      }, fail);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ExportTooLargeError() : e),
    );
    worker.on('exit', (code) => fail(new Error(`The export stopped before it finished (code ${code}).`)));
  });
}
