/**
 * Reading an uploaded XLSX file without holding up anyone else: every spreadsheet import goes
 * through `readXlsx`, which hands the file to a worker thread (xlsx-worker.ts) and gets its cells
 * back as plain values. At most `XLSX_PARALLEL` files are read at once (a few more wait their turn;
 * past that the person is asked to try again), each within a time limit, past which its worker is
 * ended, and within a memory limit; the worker refuses a file that unpacks too large or holds too
 * many cells before opening it (xlsx-archive.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerUrl } from './worker-url.ts';
import { XLSX_LIMITS, type XlsxArchiveLimits, type XlsxArchiveProblem } from './xlsx-archive.ts';

/** One sheet's cells that hold a value; formulas are listed, not read. */
export interface XlsxSheet {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  /** Rows in order, each with its cells in order: [column (from 1), text as shown, the number if it is one]. */
  rows: Array<[number, Array<[number, string, number | null]>]>;
  /** Addresses of the cells that hold formulas, like "B2". */
  formulas: string[];
}

/** Why a file was not read: its archive (xlsx-archive.ts), too slow to read, or too many files being read. */
export type XlsxProblem = XlsxArchiveProblem | 'too-slow' | 'busy';
export type XlsxReply =
  | { sheets: XlsxSheet[]; problem?: undefined }
  | { sheets?: undefined; problem: XlsxProblem };

export interface XlsxReadOptions extends XlsxArchiveLimits {
  /** How long one file may take to read, once a worker has it. */
  timeoutMs: number;
}

export const XLSX_READ_OPTIONS: XlsxReadOptions = { ...XLSX_LIMITS, timeoutMs: 10_000 };
/** Files read at once: one core is left to the app. */
export const XLSX_PARALLEL = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Files that may wait for a worker; more are turned away ('busy'). */
export const XLSX_WAITING = 4;
/** A worker's heap: a file within the limits needs well under this. */
const WORKER_HEAP_MB = 256;

class XlsxWorkerPool {
  private readonly idle: Worker[] = [];
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly parallel: number,
    private readonly maxWaiting: number,
  ) {}

  /** Files being read now. */
  get busy(): number {
    return this.running;
  }

  async read(data: Buffer, options: XlsxReadOptions): Promise<XlsxReply> {
    if (this.running >= this.parallel) {
      if (this.waiting.length >= this.maxWaiting) return { problem: 'busy' };
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await this.readIn(await this.worker(), data, options);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** An idle worker, or a new one once it has loaded its code. */
  private async worker(): Promise<Worker> {
    const idle = this.idle.pop();
    if (idle) return idle;
    const worker = new Worker(workerUrl('xlsx-worker', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => {
        worker.off('error', reject);
        resolve();
      });
      worker.once('error', reject);
    });
    return worker;
  }

  private readIn(worker: Worker, data: Buffer, options: XlsxReadOptions): Promise<XlsxReply> {
    worker.ref();
    return new Promise<XlsxReply>((resolve) => {
      const finish = (reply: XlsxReply, keep: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keep) {
          worker.unref();
          this.idle.push(worker);
        } else void worker.terminate();
        resolve(reply);
      };
      const onMessage = (reply: XlsxReply) => finish(reply, true);
      // Out of memory (or any other failure inside it): the worker is gone, and the file is refused.
      const onError = (error: Error & { code?: string }) =>
        finish({ problem: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too-large' : 'not-xlsx' }, false);
      const onExit = () => finish({ problem: 'not-xlsx' }, false);
      const timer = setTimeout(() => finish({ problem: 'too-slow' }, false), options.timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({
        data: new Uint8Array(data),
        limits: { maxUnpackedBytes: options.maxUnpackedBytes, maxCells: options.maxCells },
      });
    });
  }
}

const pool = new XlsxWorkerPool(XLSX_PARALLEL, XLSX_WAITING);

/** Reads an XLSX file's cells in a worker thread, or says why not. Never throws. */
export async function readXlsx(data: Buffer, options: Partial<XlsxReadOptions> = {}): Promise<XlsxReply> {
  try {
    return await pool.read(data, { ...XLSX_READ_OPTIONS, ...options });
  } catch {
    return { problem: 'not-xlsx' };
  }
}

/** How many files are being read now (for tests and health checks). */
export const xlsxReadsRunning = (): number => pool.busy;

/** A column's letters, from 1: A, B … Z, AA … */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** One sheet's cells, looked up by row and column as a reader needs them. */
export class SheetCells {
  readonly name: string;
  readonly state: string;
  readonly formulas: string[];
  private readonly rows = new Map<number, Map<number, { text: string; number: number | null }>>();
  /** The rows that hold a value, in order. */
  readonly rowNumbers: number[];

  constructor(sheet: XlsxSheet) {
    this.name = sheet.name;
    this.state = sheet.state;
    this.formulas = sheet.formulas;
    for (const [row, cells] of sheet.rows)
      this.rows.set(row, new Map(cells.map(([column, text, number]) => [column, { text, number }])));
    this.rowNumbers = sheet.rows.map(([row]) => row);
  }

  /** A cell's text as shown; '' for an empty cell. */
  text(row: number, column: number): string {
    return this.rows.get(row)?.get(column)?.text ?? '';
  }

  /** A cell's value when it is a number. */
  number(row: number, column: number): number | null {
    return this.rows.get(row)?.get(column)?.number ?? null;
  }

  /** The last column of a row that holds a value (0 for an empty row). */
  lastColumn(row: number): number {
    return Math.max(0, ...(this.rows.get(row)?.keys() ?? []));
  }

  /** The texts of a row from column 1 to its last value (at most `maxColumns`). */
  rowTexts(row: number, maxColumns: number): string[] {
    const cells = this.rows.get(row);
    const last = Math.min(this.lastColumn(row), maxColumns);
    return Array.from({ length: last }, (_, i) => cells?.get(i + 1)?.text ?? '');
  }
}

export const cellAddress = (row: number, column: number): string => `${columnLetters(column)}${row}`;
