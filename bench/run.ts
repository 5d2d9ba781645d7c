/**
 * Speed and memory figures, printed and written to bench/results.json (results-postgres.json with
 * BENCH_DATABASE_URL). Not a test: nothing here passes or fails.
 *
 * The app runs in its own process (bench/server.ts) and the load comes from this one, over
 * loopback, at 10 connections: a bare Fastify route as the machine's ceiling, the 15-question
 * theme page (GET, every question answered as an agency part-way through would have it) and its save
 * (POST of the whole form), and the return's task list, all with a signed-in session.
 *
 *   npm run bench
 *   BENCH_PROFILE=/tmp/prof npm run bench     also writes a CPU profile of the server
 *   BENCH_ONLY=themePageGet npm run bench     only the named loads (comma-separated)
 *
 * Then mail delivery (bench/mail.ts): messages a second delivered from a backlog by the mail
 * workers to a local SMTP sink, and how long a sign-in link queued behind the backlog waits.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { benchMail } from './mail.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'server.ts')], {
  env: process.env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const lines = createInterface({ input: server.stdout! });
const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
  lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>));
  server.once('exit', (code) => reject(new Error(`the benchmark server stopped (${code})`)));
});
const { base, bare, themePath, taskListPath, cookie, saveForm, ...serverFigures } = info as {
  base: string;
  bare: string;
  themePath: string;
  taskListPath: string;
  cookie: string;
  saveForm: string;
} & Record<string, unknown>;

const results: Record<string, unknown> = {
  node: process.version,
  date: new Date().toISOString(),
  connections: 10,
  secondsEach: DURATION,
  ...serverFigures,
};
const render = serverFigures.themePageRender as { questions: number; msPerRender: number };
console.info(`Theme page render (${render.questions} questions, TSX): ${render.msPerRender} ms`);

const only = process.env.BENCH_ONLY?.split(',');
async function load(name: string, options: Partial<autocannon.Options>) {
  if (only && !only.includes(name)) return;
  const result = await autocannon({ url: base, connections: 10, duration: DURATION, ...options });
  const figures = {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    responses: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors,
  };
  results[name] = figures;
  console.info(
    `${name}: ${figures.requestsPerSecond} req/s, p50 ${figures.latencyMsP50} ms, p99 ${figures.latencyMsP99} ms, responses ${JSON.stringify(figures.responses)}`,
  );
}

await load('bareFastifyRoute', { url: bare });
await load('themePageGet', { url: `${base}${themePath}`, headers: { cookie } });
await load('themePageSave', {
  url: `${base}${themePath}`,
  method: 'POST',
  headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: saveForm,
});
await load('taskList', { url: `${base}${taskListPath}`, headers: { cookie } });

// The server's resident memory after the load, from the kernel.
const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
const hwmKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
results.serverMemory = { rssMb: Math.round(rssKb / 1024), peakRssMb: Math.round(hwmKb / 1024) };
console.info(
  `Server memory after load: RSS ${Math.round(rssKb / 1024)} MB, peak ${Math.round(hwmKb / 1024)} MB`,
);
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));

for (const [name, serverDelayMs] of [
  ['mailDelivery', 0],
  ['mailDeliverySlowServer', 50],
] as const) {
  if (only && !only.includes(name)) continue;
  const figures = await benchMail({
    databaseUrl: process.env.BENCH_DATABASE_URL,
    messages: 500,
    serverDelayMs,
  });
  results[name] = figures;
  console.info(
    `${name}: ${figures.messagesPerSecond} messages/s (${figures.messages} in ${figures.seconds} s, the server taking ${serverDelayMs} ms each); a sign-in link behind them reached the server in ${figures.signInLinkSeconds} s`,
  );
}

const file = process.env.BENCH_DATABASE_URL ? 'results-postgres.json' : 'results.json';
// BENCH_ONLY measures some loads: the figures of the others stay as they were.
const written = only
  ? {
      ...(JSON.parse(readFileSync(join(import.meta.dirname, file), 'utf8')) as object),
      ...Object.fromEntries(only.filter((name) => name in results).map((name) => [name, results[name]])),
    }
  : results;
writeFileSync(join(import.meta.dirname, file), `${JSON.stringify(written, null, 2)}\n`);
console.info(`Written to bench/${file}`);
