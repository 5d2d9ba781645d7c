/**
 * The app's side of the embedded database, which runs in its own thread (`pglite-worker.ts`): the
 * part of PGlite's API that Drizzle, its migrator, the job queue and the prepared reads use
 * (`query`, `exec`, `transaction`), each call a message to the worker and its answer a message back.
 * Rows come back as they would from PGlite in this thread (structured clone keeps dates, byte
 * arrays and JSON values); an error keeps PostgreSQL's fields (code, constraint, detail…).
 *
 * Measured with `npm run bench` (theme page, 10 connections): see bench/results.json and the notes
 * in the README's performance section.
 */
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../lib/worker-url.ts';
import { type ConnectionScope, currentConnectionScope } from './acting-partnership.ts';
import { DatabaseUnavailableError } from './availability.ts';
import type { Statement } from './prepared.ts';

export interface WorkerOptions {
  dataDir?: string | undefined;
  loadDataDir?: ArrayBuffer | undefined;
}

/**
 * Every statement outside a transaction, and each transaction's beginning, carries the scope of the
 * work that sent it (`acting-partnership.ts`): the worker sets its one connection to it first.
 */
export type Request = { id: number; scope?: ConnectionScope } & (
  | {
      op: 'query';
      text: string;
      params: unknown[] | undefined;
      rowMode: 'array' | 'object' | undefined;
      rawTypes: number[] | undefined;
      tx?: number;
    }
  | { op: 'exec'; text: string; tx?: number }
  | { op: 'read'; name: string; text: string; params: unknown[]; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'dump' }
  | { op: 'close' }
);
type Outgoing = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: Record<string, unknown>;
}

export interface QueryResult {
  rows: unknown[];
  affectedRows?: number;
  fields: Array<{ name: string; dataTypeID: number }>;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

/** A query target: the database, or an open transaction. */
export interface RemoteQueryable {
  query(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
  exec(text: string): Promise<QueryResult[]>;
}

function toError(data: Record<string, unknown> | undefined): Error {
  const { message, name, ...fields } = data ?? {};
  const error = new Error(String(message ?? 'The database failed'));
  if (typeof name === 'string') error.name = name;
  return Object.assign(error, fields);
}

/** How often the worker may fail and be restarted before the process gives up (within a minute). */
const MAX_RESTARTS_PER_MINUTE = 3;

export interface RemoteOptions {
  /**
   * The worker could not be brought back (it failed to start again, or kept failing): the
   * database is gone for good in this process. The server logs it and exits for its supervisor.
   */
  onFatal?: (error: Error) => void;
  /** The worker failed and is being restarted (for the log). */
  onRestart?: (error: Error) => void;
  /**
   * Each statement carries the scope of the work that sent it (`acting-partnership.ts`), so the
   * worker runs it as the app's role behind the wall. Only for a migrated database (the role exists);
   * without it every statement runs as the login role, the tables' owner.
   */
  scoped?: boolean;
}

/**
 * The database thread's JavaScript heap holds little (the database lives in its WebAssembly memory),
 * but V8 grows a thread's young generation as many short-lived objects survive, and hardly gives it
 * back: seeding the demo on a first start grew this one by about 20 MB that stayed resident. Capped
 * here, a first start peaks lower (issue 12: 400 MB for the whole process).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

export class RemotePglite implements RemoteQueryable {
  private worker: Worker;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  /** Set when the database is gone for good (closed, or could not be restarted). */
  private failure: Error | null = null;
  /** Counts the workers started: a transaction belongs to one of them. */
  private generation = 1;
  /** While a failed worker is being replaced. */
  private restarting: Promise<void> | null = null;
  private closing = false;
  private restarts: number[] = [];

  private constructor(
    worker: Worker,
    private readonly options: WorkerOptions,
    private readonly remoteOptions: RemoteOptions,
  ) {
    this.worker = worker;
    this.attach(worker);
  }

  private attach(worker: Worker): void {
    worker.on('message', (message: Reply) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) this.worker.unref();
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(toError(message.error));
    });
    let stopped = false;
    const stop = (error: Error) => {
      if (stopped) return;
      stopped = true;
      const unavailable = new DatabaseUnavailableError('The embedded database stopped', { cause: error });
      for (const waiting of this.pending.values()) waiting.reject(unavailable);
      this.pending.clear();
      if (!this.closing) this.restart(error);
    };
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`The embedded database's thread exited (code ${code})`)));
  }

  /** Replaces a failed worker with a new one on the same folder (PostgreSQL recovers it on opening). */
  private restart(cause: Error): void {
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    if (this.restarts.length > MAX_RESTARTS_PER_MINUTE || !this.options.dataDir) {
      // An in-memory database lost with its thread cannot come back; nor one that keeps failing.
      this.fail(cause);
      return;
    }
    this.remoteOptions.onRestart?.(cause);
    this.generation++;
    this.restarting = RemotePglite.startWorker(this.options).then(
      (worker) => {
        this.restarting = null;
        if (this.closing) {
          void worker.terminate();
          return;
        }
        this.worker = worker;
        this.attach(worker);
      },
      (error: Error) => {
        this.restarting = null;
        this.fail(error);
      },
    );
  }

  private fail(error: Error): void {
    this.failure = new DatabaseUnavailableError('The embedded database stopped and could not be restarted', {
      cause: error,
    });
    this.remoteOptions.onFatal?.(this.failure);
  }

  private static async startWorker(options: WorkerOptions): Promise<Worker> {
    const worker = new Worker(workerUrl('pglite-worker', import.meta.url), {
      workerData: { dataDir: options.dataDir },
      resourceLimits: WORKER_LIMITS,
    });
    await RemotePglite.whenReady(worker);
    return worker;
  }

  private static whenReady(worker: Worker): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (!message.ready) return;
        worker.off('error', reject);
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  /** Starts the worker and waits until its database is open. */
  static async open(options: WorkerOptions, remoteOptions: RemoteOptions = {}): Promise<RemotePglite> {
    const worker = new Worker(workerUrl('pglite-worker', import.meta.url), {
      workerData: options,
      resourceLimits: WORKER_LIMITS,
      transferList: options.loadDataDir ? [options.loadDataDir] : [],
    });
    await RemotePglite.whenReady(worker);
    return new RemotePglite(worker, { dataDir: options.dataDir }, remoteOptions);
  }

  /** Simulates the worker thread failing (tests). */
  async crashWorkerForTest(): Promise<void> {
    await this.worker.terminate();
  }

  private async send<T>(request: Outgoing, generation?: number): Promise<T> {
    if (this.restarting) await this.restarting;
    if (this.failure) throw this.failure;
    if (this.closing && request.op !== 'close')
      throw new DatabaseUnavailableError('The embedded database is closed');
    // A transaction's statements go to the worker that began it, or nowhere.
    if (generation !== undefined && generation !== this.generation)
      throw new DatabaseUnavailableError('The embedded database restarted during the transaction');
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    // A transaction's statements run in the scope it began with.
    const scope =
      !this.remoteOptions.scoped || ('tx' in request && request.tx !== undefined)
        ? undefined
        : currentConnectionScope();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id, ...(scope ? { scope } : {}) });
    });
  }

  private queryIn(
    tx: number | undefined,
    text: string,
    params?: unknown[],
    options?: QueryOptions,
    generation?: number,
  ): Promise<QueryResult> {
    return this.send(
      {
        op: 'query',
        text,
        params,
        rowMode: options?.rowMode,
        // Drizzle passes identity parsers for the types it wants as text: the worker does the same.
        rawTypes: options?.parsers ? Object.keys(options.parsers).map(Number) : undefined,
        ...(tx === undefined ? {} : { tx }),
      },
      generation,
    );
  }

  query(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.queryIn(undefined, text, params, options);
  }

  exec(text: string): Promise<QueryResult[]> {
    return this.send({ op: 'exec', text });
  }

  /** A prepared read of transaction `tx`, run by the worker's reader inside it. */
  private readIn<T>(tx: number, st: Statement, params: unknown[], generation: number): Promise<T[]> {
    return this.send({ op: 'read', name: st.name, text: st.text, params, tx }, generation);
  }

  /** A prepared read (see `prepared.ts`), run by the worker's own reader. */
  read<T>(st: Statement, params: unknown[]): Promise<T[]> {
    return this.send({ op: 'read', name: st.name, text: st.text, params });
  }

  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws (or calls
   * `rollback`). Other queries wait until it ends, as they do in PGlite itself.
   */
  async transaction<T>(
    fn: (tx: RemoteQueryable & { rollback(): Promise<void>; closed: boolean }) => Promise<T>,
  ): Promise<T> {
    if (this.restarting) await this.restarting;
    const generation = this.generation;
    const txId = await this.send<number>({ op: 'begin' }, generation);
    let rolledBack = false;
    const tx = {
      closed: false,
      query: (text: string, params?: unknown[], options?: QueryOptions) =>
        this.queryIn(txId, text, params, options, generation),
      exec: (text: string) => this.send<QueryResult[]>({ op: 'exec', text, tx: txId }, generation),
      // A prepared read of the transaction (see `prepared.ts`): prepared once, as outside one.
      read: <T>(st: Statement, params: unknown[]) => this.readIn<T>(txId, st, params, generation),
      rollback: async () => {
        rolledBack = true;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      tx.closed = true;
      await this.send({ op: 'end', tx: txId, commit: false }, generation);
      throw error;
    }
    tx.closed = true;
    await this.send({ op: 'end', tx: txId, commit: !rolledBack }, generation);
    return result;
  }

  /** The data folder as a tarball (tests build one migrated database and copy it per file). */
  async dumpDataDir(): Promise<Blob> {
    return new Blob([await this.send<ArrayBuffer>({ op: 'dump' })]);
  }

  /** Closes the database cleanly (PGlite writes what it holds and releases its folder), then the thread. */
  async close(): Promise<void> {
    if (this.closing) return;
    if (this.restarting) await this.restarting.catch(() => {});
    this.closing = true;
    if (!this.failure) await this.send({ op: 'close' });
    await this.worker.terminate();
  }
}
