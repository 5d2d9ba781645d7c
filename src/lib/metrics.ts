/**
 * `/metrics` in Prometheus's text format (prom-client), for the operators' monitoring: requests by
 * route and status with their latency, the database connections in use and waiting, the job queue's
 * depth and failed jobs, mail sent and failed, and Node's own figures (memory, CPU, event loop).
 *
 * Never public: without `METRICS_TOKEN` there is no `/metrics` (404) and nothing is measured; with
 * it, the scraper sends `Authorization: Bearer <METRICS_TOKEN>` and anything else is 401.
 * Labels are route patterns (`/returns/:returnId`), never addresses, so no id or token is exposed.
 *
 * Requests are counted by this instance (Prometheus adds the instances up); the queue and mail
 * figures are read from the shared database at each scrape, so every instance gives the same ones
 * (take their maximum, not their sum).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client.ts';

export interface MetricsOptions {
  token: string | undefined;
  database: Database;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the Authorization header carries the token (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

async function metricsPlugin(app: FastifyInstance, options: MetricsOptions): Promise<void> {
  const { token, database } = options;
  if (!token) return;
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 's11_' });

  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 's11_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames,
    registers: [register],
  });
  const duration = new Histogram({
    name: 's11_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 's11_db_connections',
    help: 'Database pool connections: in use, idle, and requests waiting for one (PostgreSQL server only).',
    labelNames: ['state'],
    registers: [register],
    collect() {
      const pool = database.connections?.();
      if (!pool) return;
      this.set({ state: 'in_use' }, pool.total - pool.idle);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  const jobs = new Gauge({
    name: 's11_jobs',
    help: 'Background jobs by queue and state: created and retry are waiting (the depth), failed ran out of retries.',
    labelNames: ['queue', 'state'],
    registers: [register],
  });
  const mail = new Gauge({
    name: 's11_mail_messages',
    help: 'Mail messages by status: queued (waiting), sent, failed (gave up), kept (development mailbox).',
    labelNames: ['status'],
    registers: [register],
  });
  const scrapeErrors = new Counter({
    name: 's11_metrics_database_errors_total',
    help: 'Scrapes whose database figures could not be read (the database was unavailable).',
    registers: [register],
  });

  /** The figures read from the database, at each scrape. */
  async function readDatabaseFigures(): Promise<void> {
    jobs.reset();
    mail.reset();
    const queueRows = await database
      .executeSql(
        `select name, state::text as state, count(*)::int as n from pgboss.job
         where state in ('created', 'retry', 'active', 'failed') group by name, state`,
      )
      .catch((error: unknown) => {
        // Before the job queue has made its tables (or without a queue at all) there are none.
        if ((error as { code?: string }).code === '42P01') return { rows: [] };
        throw error;
      });
    for (const row of queueRows.rows)
      jobs.set({ queue: String(row.name), state: String(row.state) }, Number(row.n));
    const mailRows = await database.executeSql(
      'select status, count(*)::int as n from outgoing_mail group by status',
    );
    for (const status of ['queued', 'sent', 'failed', 'kept']) mail.set({ status }, 0);
    for (const row of mailRows.rows) mail.set({ status: String(row.status) }, Number(row.n));
  }

  app.get('/metrics', { config: { anonymous: true }, logLevel: 'warn' }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!bearerMatches(request.headers.authorization, token))
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain; charset=utf-8')
        .send('A bearer token is needed (METRICS_TOKEN).');
    try {
      await readDatabaseFigures();
    } catch {
      scrapeErrors.inc();
    }
    return reply.type(register.contentType).send(await register.metrics());
  });
}

export const metrics = fp(metricsPlugin, { name: 'metrics' });
