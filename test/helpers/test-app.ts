/**
 * The real app over a real migrated database with the demo partnership, a controllable clock and
 * the development mailbox; and an HTTP client that keeps cookies and posts forms with their CSRF token.
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { outgoingMail } from '../../src/db/schema.ts';
import { type DemoIds, seedDemo } from '../../src/features/demo/demo-seed.ts';
import { type DemoYearIds, seedDemoYear } from '../../src/features/demo/demo-year.ts';
import { createJobQueue, type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { JOB_QUEUES, stopWorkers } from '../../src/jobs/workers.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import type { RateLimits } from '../../src/lib/rate-limiter.ts';
import { createMailer, type Transport } from '../../src/mail/mailer.ts';
import { openTestDatabase } from './test-database.ts';

export const TEST_NOW = new Date('2026-11-23T10:00:00Z');

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: FixedClock;
  ids: DemoIds;
  /** The whole year's demo (a closed previous audit, the current one part-way), when asked for. */
  year: DemoYearIds | null;
  /** The job queue, when asked for. */
  queue: JobQueue | null;
  client(): TestClient;
  signIn(email: string): Promise<TestClient>;
  mailTo(email: string): Promise<Array<{ subject: string; bodyText: string }>>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  location: string | undefined;
}

export class TestClient {
  private cookies = new Map<string, string>();
  /** The CSRF token from the last page that had a form. */
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private remember(headers: Record<string, unknown>) {
    const raw = headers['set-cookie'];
    const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
    for (const c of list) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private result(res: { statusCode: number; headers: Record<string, unknown>; body: string }): TestResponse {
    this.remember(res.headers);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.body,
      location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
    };
  }

  async get(url: string): Promise<TestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    return this.result(res);
  }

  /**
   * Posts a multipart form as a browser would: its fields (with the CSRF token unless given) and one
   * file, or none (a form sent with no file chosen).
   */
  async postFile(
    url: string,
    file: { field?: string; name: string; data: Buffer | string; type?: string } | null,
    fields: Record<string, string> = {},
  ): Promise<TestResponse> {
    const boundary = '----section11-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...fields }))
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    if (file)
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data),
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    return this.result(res);
  }

  /** Gets a download: its status, headers and raw bytes. */
  async download(url: string): Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.remember(res.headers);
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  }

  /** Posts a form. The CSRF token of the last page is added unless `_csrf` is given. */
  async post(url: string, fields: Record<string, string | string[]> = {}): Promise<TestResponse> {
    const params = new URLSearchParams();
    const all = { _csrf: this.csrf, ...fields };
    for (const [k, v] of Object.entries(all))
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
    return this.result(res);
  }
}

export interface TestAppOptions {
  /** More configuration, as environment variables. */
  env?: Record<string, string>;
  /** Start the job queue (without workers or schedule: tests run its jobs with `runQueuedJobs`). */
  queue?: boolean;
  /** Deliver mail through this transport by the queue (needs `queue`), not to the development mailbox. */
  transport?: Transport;
  /** The app logs (as it does outside tests) to it. */
  logStream?: { write(line: string): void };
  /** Rate limits; by default so high that no test meets them unless it sets its own. */
  limits?: Partial<RateLimits>;
  /** Seed the whole year's demo too (`seedDemoYear`), as `npm start` does. */
  demoYear?: boolean;
  /** Whether the job queue's workers run, as `/readyz` is told (by default it is not told). */
  jobsRunning?: () => boolean;
  /** Told of every route the app registers. */
  onRoute?: AppDeps['onRoute'];
  /** Routes of the test's own, registered after the app's (behind every hook of the app's). */
  extraRoutes?: (app: FastifyInstance) => void;
}

const UNLIMITED = { limit: 1_000_000, windowMs: 60_000 };

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = new FixedClock(TEST_NOW);
  const ids = await seedDemo(database.db, clock);
  const year = options.demoYear ? await seedDemoYear(database.db, clock, ids) : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    BASE_URL: 'http://localhost:3000',
    DEMO: 'true',
    ...options.env,
  });
  let queue: JobQueue | null = null;
  if (options.queue) {
    queue = createJobQueue(database, { schedule: false, supervise: false });
    await startJobQueue(queue, JOB_QUEUES);
  }
  const mailer = createMailer(database.db, clock, options.transport ?? null, queue);
  const app = await createApp({
    config,
    database,
    mailer,
    clock,
    queue,
    limits: {
      signInPerAddress: UNLIMITED,
      signInPerClient: UNLIMITED,
      joinRequestsPerClient: UNLIMITED,
      ...options.limits,
    },
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.jobsRunning ? { jobsRunning: options.jobsRunning } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  });
  options.extraRoutes?.(app);
  await app.ready();
  const mailTo = async (email: string) => {
    // Sign-in links are sent just after the answer: wait for any asked for.
    await app.signInRequests.settled();
    return database.db
      .select({ subject: outgoingMail.subject, bodyText: outgoingMail.bodyText })
      .from(outgoingMail)
      .where(eq(outgoingMail.to, email))
      .orderBy(desc(outgoingMail.seq));
  };
  const testApp: TestApp = {
    app,
    database,
    clock,
    ids,
    year,
    client: () => new TestClient(app),
    mailTo,
    async signIn(email: string) {
      const client = new TestClient(app);
      await client.get('/sign-in');
      const sent = await client.post('/sign-in', { email });
      if (sent.status !== 303) throw new Error(`sign-in request failed: ${sent.status}`);
      const [mail] = await mailTo(email);
      const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '')?.[1];
      if (!token) throw new Error(`no sign-in link sent to ${email}`);
      await client.get(`/sign-in/link/${token}`);
      const done = await client.post('/sign-in/link', { token });
      if (done.status !== 303) throw new Error(`sign-in failed: ${done.status} ${done.body.slice(0, 200)}`);
      await client.get('/');
      return client;
    },
    queue,
    async close() {
      await app.close();
      if (queue) await stopWorkers(queue);
      await database.close();
    },
  };
  return testApp;
}
