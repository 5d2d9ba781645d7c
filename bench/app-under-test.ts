/**
 * The server under measurement, as every benchmark starts it: the app over a database it opened (in
 * test mode, demo accounts on, mail queued and never sent), listening on a free port of 127.0.0.1;
 * a bare Fastify beside it as the machine's ceiling; stopped on SIGTERM or SIGINT by the process
 * that started it. And the memory sampler the figures share.
 */

import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import type { JobQueue } from '../src/jobs/job-queue.ts';
import { systemClock } from '../src/lib/clock.ts';
import { createMailer } from '../src/mail/mailer.ts';

/** The app over `database`, not yet listening; with `queue`, background work is sent to it. */
export function appUnderTest(database: Database, queue?: JobQueue): Promise<FastifyInstance> {
  return createApp({
    queue: queue ?? null,
    config: loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://127.0.0.1', DEMO: 'true' }),
    database,
    mailer: createMailer(database.db, systemClock, null),
    clock: systemClock,
  });
}

/** Listens on a free port of 127.0.0.1; its address, without a slash at the end. */
export async function listenLocally(server: FastifyInstance): Promise<string> {
  await server.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}

/** A bare Fastify answering `GET /` with "ok" (and whatever `routes` adds), listening. */
export async function bareServer(
  routes: (bare: FastifyInstance) => void = () => {},
): Promise<{ bare: FastifyInstance; base: string }> {
  const bare = Fastify();
  bare.get('/', async () => 'ok');
  routes(bare);
  return { bare, base: await listenLocally(bare) };
}

/** On SIGTERM or SIGINT: runs `steps` one after another (close the servers, the database), then exits. */
export function stopOnSignal(...steps: Array<() => Promise<unknown>>): void {
  const stop = async () => {
    for (const step of steps) await step();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

/**
 * Runs `run` (after a garbage collection, with --expose-gc) while sampling this process's resident
 * memory every 20 ms: its value and time, the RSS before and at its peak, and the load average.
 */
export async function measured<T>(run: () => Promise<T>) {
  (globalThis as { gc?: () => void }).gc?.();
  const loadBefore = load1();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    value,
    ms: Math.round(ms),
    /** To a tenth of a second. */
    seconds: Math.round(ms / 100) / 10,
    rssBeforeMb: Math.round(before / 1048576),
    peakRssMb: Math.round(peak / 1048576),
    loadAverage1m: { before: loadBefore, after: load1() },
  };
}
