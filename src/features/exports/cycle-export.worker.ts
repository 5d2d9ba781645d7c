/**
 * The thread that writes an export's file, started by `makeFileInWorker` with a heap limit: if a file
 * ever needs more memory than that, this thread dies and the app goes on. The app's thread reads the
 * database and hands over what it read of one batch of returns at a time, when asked (`pull`); this
 * thread makes the batch's rows and writes the workbook or CSV as it goes and hands each piece of the file back to be stored (`chunk`), going on
 * once it is (`stored`): neither thread holds the whole file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writableTo } from '../../lib/streams.ts';
import { buildBatch, type CycleDataBatch } from './cycle-data.ts';
import { writeExportFile } from './cycle-export.files.ts';
import type { ExportWorkerData, FromWorker, ToWorker } from './cycle-export.thread.ts';

const port = parentPort!;
const job = workerData as ExportWorkerData;

/** Who waits for the app's thread: a pass for its next batch, the file for its piece to be stored. */
const waiting: {
  batch?: (message: Exclude<ToWorker, { type: 'stored' }>) => void;
  stored?: () => void;
} = {};
port.on('message', (message: ToWorker) => {
  const { batch, stored } = waiting;
  if (message.type === 'stored') {
    waiting.stored = undefined;
    stored?.();
  } else {
    waiting.batch = undefined;
    batch?.(message);
  }
});

/** The batches of one pass, pulled from the app's thread one at a time. */
async function* pulled(pass: 'rows' | 'actions'): AsyncGenerator<CycleDataBatch> {
  for (;;) {
    const answer = new Promise<Exclude<ToWorker, { type: 'stored' }>>((resolve) => {
      waiting.batch = resolve;
    });
    port.postMessage({ type: 'pull', pass } satisfies FromWorker);
    const message = await answer;
    if (message.type === 'end') return;
    yield buildBatch(job.structure, message.batch);
  }
}

/** Hands a piece of the file to the app's thread, resolving once it is stored. */
const store = (data: Uint8Array) =>
  new Promise<void>((resolve) => {
    waiting.stored = resolve;
    port.postMessage({ type: 'chunk', data } satisfies FromWorker);
  });

const rows = await writeExportFile(
  writableTo(store),
  job.format,
  {
    structure: job.structure,
    returns: job.returns,
    batches: () => pulled('rows'),
    actionBatches: () => pulled('actions'),
  },
  job.context,
);
port.postMessage({ type: 'done', rows } satisfies FromWorker);
