/**
 * The thread that writes an export's file, started by `makeFileInWorker` with a heap limit: if a file
 * ever needs more memory than that, this thread dies and the app goes on. The app's thread reads the
 * database and hands over one batch of returns at a time, when asked (`pull`); this thread writes the
 * workbook or CSV as it goes and sends back the finished file.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { CycleDataBatch } from './cycle-data.repository.ts';
import { writeCycleAnswersCsv, writeCycleWorkbook } from './cycle-export.files.ts';
import type { ExportWorkerData, FromWorker, ToWorker } from './cycle-export.thread.ts';

const port = parentPort!;
const job = workerData as ExportWorkerData;

/** The batches of one pass, pulled from the app's thread one at a time. */
async function* pulled(pass: 'rows' | 'actions'): AsyncGenerator<CycleDataBatch> {
  for (;;) {
    const answer = new Promise<ToWorker>((resolve) => port.once('message', resolve));
    port.postMessage({ type: 'pull', pass } satisfies FromWorker);
    const message = await answer;
    if (message.type === 'end') return;
    yield message.batch;
  }
}

/** Collects the file's bytes. */
class Collect extends Writable {
  readonly chunks: Buffer[] = [];
  size = 0;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.chunks.push(bytes);
    this.size += bytes.length;
    done();
  }
  bytes(): Uint8Array {
    const all = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      all.set(c, at);
      at += c.length;
    }
    return all;
  }
}

const out = new Collect();
const rows =
  job.format === 'csv'
    ? await writeCycleAnswersCsv(out, pulled('rows'))
    : await writeCycleWorkbook(
        out,
        {
          structure: job.structure,
          returns: job.returns,
          batches: () => pulled('rows'),
          actionBatches: () => pulled('actions'),
        },
        job.context,
      );
// The workbook writer ends the stream itself; the CSV is ended here.
if (!out.writableEnded) out.end();
await finished(out);
const data = out.bytes();
port.postMessage({ type: 'done', rows, data } satisfies FromWorker, [data.buffer as ArrayBuffer]);
