/**
 * The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly: every query
 * runs on the thread that calls it. Run on the app's main thread, it took about half of the CPU
 * time of a theme page, time in which that thread could not parse, render or write anything. Here
 * it runs beside the app instead (see `pglite-remote.ts` for the other side and the messages).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type ConnectionScope, scopeStatement } from './acting-partnership.ts';
import { BYTEA, byteaFromText, byteaText } from './pglite-bytea.ts';
import type { Request, WorkerOptions } from './pglite-remote.ts';
import { PLANNER_SETTINGS } from './planner-settings.ts';
import { pgliteReaders, type Statement } from './prepared.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread');

const options = workerData as WorkerOptions;
/**
 * PostgreSQL's buffer cache, inside the WebAssembly memory. initdb's 128 MB is touched as it is
 * set up, so it was resident from the start: 32 MB took the idle process from about 430 MB to 330 MB
 * (bench/start.ts). Pages beyond it are read from the data folder's files, which the operating
 * system caches anyway.
 */
const SHARED_BUFFERS = '32MB';
const client = await PGlite.create({
  ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  ...(options.loadDataDir ? { loadDataDir: new Blob([options.loadDataDir]) } : {}),
  // Bytes (export files, logos, documents) through Node's hex codec rather than a string a byte.
  serializers: { [BYTEA]: byteaText },
  parsers: { [BYTEA]: byteaFromText },
  startParams: [
    ...PGlite.defaultStartParams,
    '-c',
    `shared_buffers=${SHARED_BUFFERS}`,
    ...PLANNER_SETTINGS.flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ],
});
const { read, readInTransaction } = pgliteReaders(client);

/** Identity parsers for the types the caller wants as PostgreSQL's text (as Drizzle asks). */
function queryOptions(rowMode: 'array' | 'object' | undefined, rawTypes: number[] | undefined) {
  if (!rowMode && !rawTypes) return undefined;
  return {
    ...(rowMode ? { rowMode } : {}),
    ...(rawTypes ? { parsers: Object.fromEntries(rawTypes.map((t) => [t, (v: string) => v])) } : {}),
  };
}

/** An error as plain data: its message and the fields PostgreSQL gave (code, constraint, detail…). */
function errorData(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const data: Record<string, unknown> = { message: error.message, name: error.name };
  for (const [k, v] of Object.entries(error)) {
    if (v === undefined || typeof v === 'function') continue;
    data[k] = typeof v === 'object' && v !== null && !Array.isArray(v) ? String(v) : v;
  }
  return data;
}

function reply(id: number, result: unknown, transfer?: ArrayBuffer[]): void {
  port?.postMessage({ id, ok: true, result }, transfer ?? []);
}
function fail(id: number, error: unknown): void {
  port?.postMessage({ id, ok: false, error: errorData(error) });
}

type Queryable = Pick<Transaction, 'query' | 'exec'>;

async function runQuery(target: Queryable, message: Request & { op: 'query' | 'exec' }) {
  if (message.op === 'exec') {
    const results = await target.exec(message.text);
    return results.map((r) => ({ rows: r.rows, affectedRows: r.affectedRows, fields: r.fields }));
  }
  const r = await target.query(message.text, message.params, queryOptions(message.rowMode, message.rawTypes));
  return { rows: r.rows, affectedRows: r.affectedRows, fields: r.fields };
}

/** An open transaction: its messages wait here and run one after another inside it. */
interface OpenTransaction {
  push(message: Request): void;
}
const transactions = new Map<number, OpenTransaction>();
let nextTransaction = 1;
class Rollback extends Error {}

/**
 * The one connection's role and partnership (see `acting-partnership.ts`), set before each statement
 * or transaction whose scope differs. Statements outside a transaction run one after another here
 * (`serially`), so none runs between another's setting and its own statement; a transaction's
 * beginning waits its turn too, and keeps its scope to the end (PGlite runs nothing else meanwhile).
 */
let connectionScope: ConnectionScope = 'owner';
async function setScope(scope: ConnectionScope | undefined): Promise<void> {
  if (!scope || scope === connectionScope) return;
  const { text, values } = scopeStatement(scope);
  await client.query(text, values);
  connectionScope = scope;
}
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const result = queue.then(work);
  queue = result.catch(() => {});
  return result;
}

function begin(id: number, started: () => void, ended: () => void): void {
  const txId = nextTransaction++;
  const waiting: Request[] = [];
  let wake: (() => void) | null = null;
  transactions.set(txId, {
    push(message) {
      waiting.push(message);
      wake?.();
    },
  });
  let endId = 0;
  client
    .transaction(async (tx) => {
      started();
      reply(id, txId);
      for (;;) {
        const message = waiting.shift();
        if (!message) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
          continue;
        }
        if (message.op === 'end') {
          endId = message.id;
          if (!message.commit) throw new Rollback();
          return;
        }
        if (message.op === 'query' || message.op === 'exec' || message.op === 'read') {
          try {
            reply(
              message.id,
              message.op === 'read'
                ? await readInTransaction({ name: message.name, text: message.text }, message.params)
                : await runQuery(tx, message),
            );
          } catch (error) {
            fail(message.id, error);
          }
        }
      }
    })
    .finally(ended)
    .then(
      () => reply(endId, null),
      (error) => {
        if (error instanceof Rollback) reply(endId, null);
        else fail(endId || id, error);
      },
    )
    .finally(() => transactions.delete(txId));
}

port.on('message', async (message: Request) => {
  if ('tx' in message && message.tx !== undefined) {
    const open = transactions.get(message.tx);
    if (open) open.push(message);
    else fail(message.id, new Error('The transaction has ended'));
    return;
  }
  try {
    switch (message.op) {
      case 'query':
      case 'exec':
        reply(
          message.id,
          await serially(async () => {
            await setScope(message.scope);
            return runQuery(client, message);
          }),
        );
        break;
      case 'read':
        reply(
          message.id,
          await serially(async () => {
            await setScope(message.scope);
            return read({ name: message.name, text: message.text } as Statement, message.params);
          }),
        );
        break;
      case 'begin':
        await serially(async () => {
          await setScope(message.scope);
          // The next statement waits until this transaction has begun (and so holds the database).
          await new Promise<void>((resolve) => begin(message.id, resolve, () => resolve()));
        });
        break;
      case 'dump': {
        const buffer = await (await client.dumpDataDir('none')).arrayBuffer();
        reply(message.id, buffer, [buffer]);
        break;
      }
      case 'close':
        await client.close();
        reply(message.id, null);
        break;
      case 'end':
        fail(message.id, new Error('The transaction has ended'));
        break;
    }
  } catch (error) {
    fail(message.id, error);
  }
});
port.postMessage({ ready: true });
