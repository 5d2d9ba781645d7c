/**
 * Stopping cleanly (SIGTERM from an orchestrator, SIGINT from a terminal): stop accepting
 * connections, let requests in flight finish (bounded), then close what is left (idle keep-alive
 * connections at once, slow clients at the bound), stop the job queue, close the database (PGlite
 * writes and releases its folder) and exit 0. Requests arriving meanwhile on open connections get
 * the 503 page (`service-availability.ts`). Also the server's timeouts, so a client trickling its
 * request cannot hold a connection (or the process) open for long.
 */
import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { withTimeout } from './with-timeout.ts';

/** Fastify's options for timeouts and closing: see the README's configuration table. */
export function serverLimits(config: Pick<Config, 'requestTimeoutSeconds' | 'keepAliveTimeoutSeconds'>) {
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  return {
    // The whole request (headers and body) must arrive within this; headers within 20 s at most.
    requestTimeout,
    // A socket with nothing sent either way for this long is closed.
    connectionTimeout: requestTimeout,
    // An idle keep-alive connection is closed after this (longer than load balancers' 60 s).
    keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
    maxRequestsPerSocket: 1000,
    http: {
      headersTimeout: Math.min(20_000, requestTimeout),
      // How often node checks those timeouts (its default, 30 s, would let them overrun by as much).
      connectionsCheckingInterval: 1_000,
    },
    // Our own 503 page during shutdown instead of Fastify's JSON (see service-availability.ts).
    return503OnClosing: false,
    // Idle keep-alive connections are closed as soon as shutdown begins.
    forceCloseConnections: 'idle',
  } satisfies Partial<FastifyHttpOptions<Server>>;
}

export interface ShutdownStep {
  name: string;
  /** Closes the part, given the milliseconds left. */
  close(remainingMs: number): Promise<void>;
}

export interface ShutdownOptions {
  app: FastifyInstance;
  /** Requests in flight get this long to finish; the steps after it a few seconds more. */
  timeoutMs: number;
  /** Run in order once the server has closed: the job queue, then the database. */
  steps: ShutdownStep[];
  log: { info(message: string): void; error(message: string): void };
  exit?: (code: number) => void;
}

/** Time given to the steps after the server (the job queue's running jobs, the database). */
const STEPS_MS = 5_000;

/** Returns `shutdown(reason, code)`: idempotent, it ends the process. */
export function gracefulShutdown(options: ShutdownOptions): (reason: string, code?: number) => Promise<void> {
  const { app, timeoutMs, log } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  return async (reason, code = 0) => {
    if (started) return;
    started = true;
    const seconds = Math.round(timeoutMs / 100) / 10;
    log.info(`Shutting down (${reason}): finishing requests in flight, for at most ${seconds} s.`);
    // Whatever happens below, the process ends.
    const watchdog = setTimeout(
      () => {
        log.error('Shutdown did not finish in time: exiting.');
        exit(1);
      },
      timeoutMs + STEPS_MS + 2_000,
    );
    watchdog.unref();
    // Slow clients and requests that do not finish in time are cut off at the bound.
    const cutOff = setTimeout(() => {
      log.info('Closing the connections still open.');
      app.server.closeAllConnections();
    }, timeoutMs);
    cutOff.unref();
    let failed = false;
    try {
      await app.close();
    } catch (error) {
      failed = true;
      log.error(`Closing the server failed: ${(error as Error).message}`);
    }
    clearTimeout(cutOff);
    const deadline = Date.now() + STEPS_MS;
    for (const step of options.steps) {
      try {
        const remaining = Math.max(500, deadline - Date.now());
        await withTimeout(step.close(remaining), remaining + 500, step.name);
      } catch (error) {
        failed = true;
        log.error(`Closing ${step.name} failed: ${(error as Error).message}`);
      }
    }
    clearTimeout(watchdog);
    log.info('Stopped.');
    exit(failed && code === 0 ? 1 : code);
  };
}
