/**
 * The real server (`src/server.ts`, or the build `npm start` runs) in its own process, for tests of
 * what happens to the process itself: a database restarting under it, SIGKILL, SIGTERM, a second
 * process on its data folder.
 * And an HTTP client over the network that keeps cookies and posts forms with their CSRF token.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { devMailIds, waitForSignInToken } from '../../src/lib/dev-mail-link.ts';

const root = join(import.meta.dirname, '../..');

export const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface SpawnedServer {
  process: ChildProcess;
  port: number;
  baseUrl: string;
  /** Everything it wrote to standard output and error so far. */
  output(): string;
  /** Resolves when it exits, with its exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  client(): HttpClient;
}

export interface SpawnOptions {
  env: Record<string, string>;
  /** Resolve as soon as it is spawned, without waiting for it to answer. */
  noWait?: boolean;
  /** How long to wait for it to answer `/readyz`. */
  timeoutMs?: number;
  /** Run it as `npm start` does (scripts/start.mjs: the build, bundled), not from the sources. */
  compiled?: boolean;
}

/** `node scripts/start.mjs --build`: builds only when needed; its output is in the error if it fails. */
async function buildIfNeeded(): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/start.mjs', '--build'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export async function spawnServer(options: SpawnOptions): Promise<SpawnedServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The build, when there is none or it is older than the sources, before the start is timed.
  if (options.compiled) await buildIfNeeded();
  const args = options.compiled ? ['scripts/start.mjs'] : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: SpawnedServer = {
    process: child,
    port,
    baseUrl,
    output: () => output,
    exited,
    client: () => new HttpClient(baseUrl),
  };
  if (options.noWait) return server;
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline && !gone) {
    try {
      // Ready: listening, migrated and its job queue's workers running (they start as it listens).
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start: ${output.slice(-2000)}`);
}

export interface HttpResponse {
  status: number;
  body: string;
  location: string | null;
  headers: Headers;
}

/** A browser, roughly: cookies kept, the CSRF token of the last form remembered, no redirects followed. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async request(method: string, path: string, body?: URLSearchParams): Promise<HttpResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: res.status, body: text, location: res.headers.get('location'), headers: res.headers };
  }

  /**
   * A download (a page, a spreadsheet, a PDF; `headers` such as an API token's): its status and its
   * size in bytes, the body not kept.
   */
  async download(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; bytes: number }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...headers },
      signal: AbortSignal.timeout(120_000),
    });
    return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get(path: string): Promise<HttpResponse> {
    return this.request('GET', path);
  }

  post(path: string, fields: Record<string, string> = {}): Promise<HttpResponse> {
    return this.request('POST', path, new URLSearchParams({ _csrf: this.csrf, ...fields }));
  }

  /** Signs in with the emailed link, read from the development mailbox. */
  async signIn(email: string): Promise<void> {
    const mailbox = async (path: string) => (await this.get(path)).body;
    const before = new Set(devMailIds(await mailbox('/dev/mail')));
    await this.get('/sign-in');
    const asked = await this.post('/sign-in', { email });
    if (asked.status !== 303) throw new Error(`sign-in request: ${asked.status}`);
    // The link is looked up and queued just after the answer: wait for a new email holding it (other
    // mail, such as a theme's "saved for later" note, may arrive meanwhile).
    const token = await waitForSignInToken(mailbox, before);
    if (!token) throw new Error('no sign-in email with its link');
    await this.get(`/sign-in/link/${token}`);
    const done = await this.post('/sign-in/link', { token });
    if (done.status !== 303) throw new Error(`sign-in: ${done.status}`);
  }

  /** The first theme page of the signed-in agency lead's first return. */
  async firstThemePath(): Promise<string> {
    const list = await this.get('/returns');
    const returnPath = /href="(\/returns\/[0-9a-f-]{36})"/.exec(list.body)?.[1];
    if (!returnPath) throw new Error('no return listed');
    const tasks = await this.get(returnPath);
    const themePath = new RegExp(`href="(${returnPath}/themes/[0-9a-f-]{36})"`).exec(tasks.body)?.[1];
    if (!themePath) throw new Error('no theme on the task list');
    await this.get(themePath);
    return themePath;
  }
}

/** A theme page save that leaves its mark: the first question's comment, kept in the return's history. */
export function themeSave(mark: string): Record<string, string> {
  return { 'q1-comment': mark, intent: 'continue' };
}
