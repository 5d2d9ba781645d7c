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
import type { Statement } from './prepared.ts';

export interface WorkerOptions {
  dataDir?: string | undefined;
  loadDataDir?: ArrayBuffer | undefined;
}

export type Request = { id: number } & (
  | {
      op: 'query';
      text: string;
      params: unknown[] | undefined;
      rowMode: 'array' | 'object' | undefined;
      rawTypes: number[] | undefined;
      tx?: number;
    }
  | { op: 'exec'; text: string; tx?: number }
  | { op: 'read'; name: string; text: string; params: unknown[] }
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

export class RemotePglite implements RemoteQueryable {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (message: Reply) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) this.worker.unref();
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(toError(message.error));
    });
    const stop = (error: Error) => {
      this.failure = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`The embedded database stopped (exit code ${code})`)));
  }

  /** Starts the worker and waits until its database is open. */
  static async open(options: WorkerOptions): Promise<RemotePglite> {
    const worker = new Worker(new URL('./pglite-worker-start.mjs', import.meta.url), {
      workerData: options,
      transferList: options.loadDataDir ? [options.loadDataDir] : [],
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (!message.ready) return;
        worker.off('error', reject);
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new RemotePglite(worker);
  }

  private send<T>(request: Outgoing): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private queryIn(
    tx: number | undefined,
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult> {
    return this.send({
      op: 'query',
      text,
      params,
      rowMode: options?.rowMode,
      // Drizzle passes identity parsers for the types it wants as text: the worker does the same.
      rawTypes: options?.parsers ? Object.keys(options.parsers).map(Number) : undefined,
      ...(tx === undefined ? {} : { tx }),
    });
  }

  query(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.queryIn(undefined, text, params, options);
  }

  exec(text: string): Promise<QueryResult[]> {
    return this.send({ op: 'exec', text });
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
    const txId = await this.send<number>({ op: 'begin' });
    let rolledBack = false;
    const tx = {
      closed: false,
      query: (text: string, params?: unknown[], options?: QueryOptions) =>
        this.queryIn(txId, text, params, options),
      exec: (text: string) => this.send<QueryResult[]>({ op: 'exec', text, tx: txId }),
      rollback: async () => {
        rolledBack = true;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      tx.closed = true;
      await this.send({ op: 'end', tx: txId, commit: false });
      throw error;
    }
    tx.closed = true;
    await this.send({ op: 'end', tx: txId, commit: !rolledBack });
    return result;
  }

  /** The data folder as a tarball (tests build one migrated database and copy it per file). */
  async dumpDataDir(): Promise<Blob> {
    return new Blob([await this.send<ArrayBuffer>({ op: 'dump' })]);
  }

  async close(): Promise<void> {
    if (!this.failure) await this.send({ op: 'close' });
    await this.worker.terminate();
  }
}
