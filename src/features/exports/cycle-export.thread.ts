/**
 * Making an export's file in a worker thread with a heap limit (`cycle-export.worker.ts`), so that
 * a file too large for it stops that thread, never the app. The database is read and written here,
 * in the app's thread (an embedded database cannot be opened twice): one batch of returns at a time
 * as the worker asks for it (the next read while the worker writes the last), and each piece of the
 * file as the worker hands it over. The worker makes a batch's rows itself from what was read, so
 * the rows (each repeating its agency, theme and question) are never copied between threads, and
 * making them keeps the worker's core busy rather than the app's. Neither thread ever holds the
 * whole audit or the whole file.
 */
import { Worker } from 'node:worker_threads';
import type { CycleExportFormat } from '../../db/schema.ts';
import type { MonitoringRow } from '../cycles/monitoring.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';
import type { CycleRecordsBatch } from './cycle-data.ts';
import type { WorkbookContext } from './cycle-export.files.ts';
import { TOO_LARGE_EXPORT_ERROR } from './cycle-export.messages.ts';

export interface ExportWorkerData {
  format: CycleExportFormat;
  structure: ReturnStructure;
  returns: MonitoringRow[];
  context: WorkbookContext;
}

export type ToWorker = { type: 'batch'; batch: CycleRecordsBatch } | { type: 'end' } | { type: 'stored' };
export type FromWorker =
  | { type: 'pull'; pass: 'rows' | 'actions' }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'done'; rows: number };

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

/**
 * The worker's young generation: its garbage is short-lived (a batch's rows, each row's XML), and
 * V8's default lets it reach some 48 MB before it is collected.
 */
const YOUNG_GENERATION_MB = 4;

/** Starts the worker; a TypeScript worker registers tsx's loader first (the app runs under tsx). */
function startWorker(data: ExportWorkerData, memoryMb: number): Worker {
  const options = {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  };
  return WORKER.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); });`,
        { ...options, eval: true },
      )
    : new Worker(new URL(WORKER), options);
}

/**
 * Makes the file in a worker limited to `memoryMb` of heap, feeding it `rows()` (then `actions()`
 * for a workbook) one batch at a time, the next read as soon as the last is handed over, and handing
 * each piece of the file to `store` in order (the worker waits for it). Gives the number of answer rows once every piece is stored. Rejects with
 * `ExportTooLargeError` when the worker runs out of memory, and with the error of a failed read or
 * store.
 */
export function makeFileInWorker(
  data: ExportWorkerData,
  passes: {
    rows: () => AsyncIterator<CycleRecordsBatch>;
    actions: () => AsyncIterator<CycleRecordsBatch>;
  },
  memoryMb: number,
  store: (bytes: Uint8Array) => Promise<void>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(data, memoryMb);
    const open: Partial<Record<'rows' | 'actions', AsyncIterator<CycleRecordsBatch>>> = {};
    /** Each pass's next batch, read while the worker writes the one before. */
    const ahead: Partial<Record<'rows' | 'actions', Promise<IteratorResult<CycleRecordsBatch>>>> = {};
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
        resolve(message.rows);
        void worker.terminate();
        return;
      }
      if (message.type === 'chunk') {
        store(message.data).then(() => {
          if (!settled) worker.postMessage({ type: 'stored' } satisfies ToWorker);
        }, fail);
        return;
      }
      const pass = message.pass;
      open[pass] ??= passes[pass]();
      const batches = open[pass];
      const next = ahead[pass] ?? batches.next();
      ahead[pass] = undefined;
      next.then((read) => {
        if (settled) return;
        worker.postMessage(
          (read.done ? { type: 'end' } : { type: 'batch', batch: read.value }) satisfies ToWorker,
        );
        if (!read.done) {
          const following = batches.next();
          following.catch(fail);
          ahead[pass] = following;
        }
      }, fail);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ExportTooLargeError() : e),
    );
    worker.on('exit', (code) => fail(new Error(`The export stopped before it finished (code ${code}).`)));
  });
}
