/**
 * The demo app for the scripts that look at it from outside (`npm run scan`, `npm run lighthouse`):
 * started as `npm start` runs it (`scripts/start.mjs`), on loopback, with an empty data folder in a
 * temporary directory so it seeds the demo partnership and its year; and signed in to as each demo
 * role through the development mailbox, as a person would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devMailIds, waitForSignInToken } from '../src/lib/dev-mail-link.ts';

const root = join(import.meta.dirname, '..');

/** A failure the script reports in a line (not a stack). */
export class DemoAppError extends Error {}

/** The demo people (src/features/demo/demo-seed.ts), least able to change things first. */
export const DEMO_ROLES: Array<{ role: string; email: string | null }> = [
  { role: 'anonymous', email: null },
  { role: 'contributor', email: 'hr.adviser@northshire-council.example' },
  { role: 'agency-lead', email: 'safeguarding.lead@northshire-council.example' },
  { role: 'reviewer', email: 'scrutineer@nrscp.example' },
  { role: 'partnership-admin', email: 'business.manager@nrscp.example' },
  { role: 'platform-admin', email: 'service.desk@section11-hosting.example' },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A client that keeps cookies, as a browser would. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(private base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location: string; body: string }> {
    const res = await fetch(`${this.base}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location') ?? '', body: await res.text() };
  }
}

export function csrfOf(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new DemoAppError('no CSRF token on the page');
  return token;
}

/** Signs in as a person through the sign-in page and the development mailbox: the signed-in client. */
export async function signIn(base: string, email: string): Promise<Client> {
  const client = new Client(base);
  const mailbox = async (path: string) => (await client.request(path)).body;
  const before = new Set(devMailIds(await mailbox('/dev/mail'), email));
  const form = await client.request('/sign-in');
  const asked = await client.request('/sign-in', { _csrf: csrfOf(form.body), email, method: 'email' });
  if (asked.status !== 303) throw new DemoAppError(`asking for a sign-in link answered ${asked.status}`);
  // The mail holding the link, not merely the first new one (a scheduled notice may come first).
  const token = await waitForSignInToken(mailbox, before, { to: email, tries: 60, waitMs: 500 });
  if (!token) throw new DemoAppError('no sign-in link reached the development mailbox in 30 s');
  const link = await client.request(`/sign-in/link/${token}`);
  const done = await client.request('/sign-in/link', { _csrf: csrfOf(link.body), token });
  if (done.status !== 303) throw new DemoAppError(`using the sign-in link answered ${done.status}`);
  const home = await client.request('/');
  if (home.status >= 400 || home.location.startsWith('/sign-in'))
    throw new DemoAppError(`the home page answered ${home.status} ${home.location} after signing in`);
  return client;
}

export interface DemoApp {
  base: string;
  process: ChildProcess;
  /** Stops the app (TERM, then KILL after 20 s) and deletes its data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the app with the demo data and waits (up to 10 minutes) until it is ready; its output goes
 * to `logFile`. `interrupted` is asked while waiting, to give up early.
 */
export async function startDemoApp(options: {
  logFile: string;
  log: (message: string) => void;
  interrupted?: () => boolean;
}): Promise<DemoApp> {
  const { log } = options;
  const dataDir = await mkdtemp(join(tmpdir(), 's11-demo-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  log(`starting the app at ${base} with the demo data in ${dataDir}`);
  const fd = openSync(options.logFile, 'w');
  const app = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    stdio: ['ignore', fd, fd],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      BASE_URL: base,
      DATA_DIR: dataDir,
      DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
  });
  closeSync(fd);
  const stop = async () => {
    if (app.exitCode === null && app.signalCode === null) {
      log('stopping the app');
      const exited = new Promise((r) => app.once('exit', r));
      app.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (app.exitCode === null) app.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
    log(`deleted the temporary data folder ${dataDir}`);
  };
  try {
    const appExit = new Promise<void>((resolve) => app.once('exit', () => resolve()));
    let up = false;
    for (let waited = 0; waited < 600 && !up; waited += 2) {
      const ended = await Promise.race([
        appExit.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 2000)),
      ]);
      if (options.interrupted?.()) throw new DemoAppError('interrupted');
      if (ended)
        throw new DemoAppError(
          `the app exited while starting (exit ${app.exitCode}): see ${options.logFile}`,
        );
      up = await fetch(`${base}/readyz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (!up && waited % 30 === 0 && waited > 0) log(`waiting for the app (${waited} s)…`);
    }
    if (!up) throw new DemoAppError(`the app did not become ready in 10 minutes: see ${options.logFile}`);
  } catch (error) {
    await stop();
    throw error;
  }
  log('the app is ready');
  return { base, process: app, stop };
}
