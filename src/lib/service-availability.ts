/**
 * What people see when the service cannot answer: its database is away (restarting, failing over)
 * or the process is shutting down. Both get the GOV.UK "Sorry, there is a problem with the service"
 * page with status 503 (JSON on `/api`), and a form posted then is given back to send again.
 * Also, for load balancers and orchestrators, `/healthz`: the process is alive and answering (it
 * asks nothing of the database, so a database outage does not get every instance restarted), and
 * `/readyz`: ready (200) only when the database answers, every migration is applied and the job
 * queue's workers are running.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { Database } from '../db/client.ts';
import { ServiceUnavailablePage } from '../views/service-unavailable-page.tsx';
import { withTimeout } from './with-timeout.ts';

/** Seconds a browser or client is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 60;
/** A form body read back for the page is at most this large (the app's body limit). */
const MAX_FORM_BYTES = 2 * 1024 * 1024;
/** How long `/readyz` waits for the database before saying it is not ready. */
const READY_TIMEOUT_MS = 3_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** True once the server has started to close (SIGTERM): new requests get the 503 page. */
    shuttingDown(): boolean;
  }
}

/** The deepest cause of an error: the driver's words ("terminating connection…"), not the query. */
function rootCause(error: unknown): { code?: string; message: string } {
  let current = error as { cause?: unknown; code?: unknown; message?: unknown };
  for (let i = 0; i < 5 && current?.cause; i++) current = current.cause as typeof current;
  return {
    ...(typeof current?.code === 'string' ? { code: current.code } : {}),
    message: String(current?.message ?? current),
  };
}

/** The text fields of a urlencoded form, as posted (read from the request when not yet parsed). */
async function postedFields(request: FastifyRequest): Promise<Array<[string, string]> | null> {
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) return null;
  let body = request.body;
  if (body === undefined || body === null) {
    // The database failed before the body was read (reading the session): read it now.
    const raw = request.raw;
    if (raw.readableEnded || raw.destroyed) return null;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of raw) {
      size += (chunk as Buffer).length;
      if (size > MAX_FORM_BYTES) return null;
      chunks.push(chunk as Buffer);
    }
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    body = Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k)]));
  }
  if (typeof body !== 'object') return null;
  const fields: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>))
    for (const item of Array.isArray(value) ? value : [value])
      if (typeof item === 'string') fields.push([name, item]);
  return fields;
}

/** Answers the request with the 503 page (or JSON on `/api`). */
export async function sendServiceUnavailable(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (request.url.startsWith('/api/'))
    return reply
      .code(503)
      .header('cache-control', 'no-store')
      .send({
        error: {
          code: 'service_unavailable',
          message: 'The service is unavailable. Try again in a few minutes.',
        },
      });
  const isForm = request.method === 'POST';
  const fields = isForm ? await postedFields(request).catch(() => null) : null;
  const url = request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : '/';
  return reply.html(ServiceUnavailablePage({ url, form: fields, formLost: isForm && !fields }), 503);
}

/**
 * Answers a request whose handling failed because the database is away: true if it did (the
 * error handlers call it first).
 */
export async function answerIfUnavailable(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  if (!isDatabaseUnavailable(error)) return false;
  // The driver's words only: a query's parameters may hold what people typed.
  request.log.warn({ database: rootCause(error) }, 'database unavailable: answered 503');
  await sendServiceUnavailable(request, reply);
  return true;
}

async function serviceAvailabilityPlugin(
  app: FastifyInstance,
  options: { database: Database; jobsRunning?: () => boolean },
): Promise<void> {
  let closing = false;
  app.decorate('shuttingDown', () => closing);
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Requests arriving while the server drains (on a connection already open) get the page too.
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return sendServiceUnavailable(request, reply);
  });

  app.get('/healthz', { config: { anonymous: true }, logLevel: 'warn' }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('ok'),
  );

  // Anonymous: it reads no session, so it asks the database only what it means to.
  app.get('/readyz', { config: { anonymous: true }, logLevel: 'warn' }, async (_request, reply) => {
    reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store');
    if (closing) return reply.code(503).send('not ready: shutting down');
    let state: 'ready' | 'database unavailable' | 'migrations not applied' | 'job queue not running';
    try {
      state = (await withTimeout(options.database.migrationsApplied(), READY_TIMEOUT_MS))
        ? 'ready'
        : 'migrations not applied';
    } catch {
      state = 'database unavailable';
    }
    if (state === 'ready' && options.jobsRunning && !options.jobsRunning()) state = 'job queue not running';
    if (state === 'ready') return reply.send('ready');
    return reply.code(503).send(`not ready: ${state}`);
  });
}

export const serviceAvailability = fp(serviceAvailabilityPlugin, { name: 'service-availability' });
