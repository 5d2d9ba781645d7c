/**
 * Start-up and idle memory of the compiled server, as an operator runs it (`node scripts/start.mjs`,
 * which is what `npm start` runs after npm itself): figures merged into bench/results.json
 * (results-postgres.json with BENCH_DATABASE_URL) under `start`. Not a test: nothing passes or fails.
 *
 *   npm run build && tsx bench/start.ts
 *
 * 1. A first start on an empty database: on the embedded one it seeds the demo partnership, and the
 *    peak resident memory of the process tree while doing it is recorded.
 * 2. Starts on that existing database: milliseconds from spawning the process to the first 200 from
 *    `/healthz` (best and median of BENCH_STARTS, 3 by default), then after a few pages are asked
 *    for and BENCH_IDLE_SECONDS (10) of quiet, the resident memory of the whole process tree.
 *
 * The machine's load average is saved beside the figures: on a busy machine they are slower.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../test/helpers/spawned-server.ts';
import { treeMemoryMb } from './process-memory.ts';

const root = join(import.meta.dirname, '..');
const databaseUrl = process.env.BENCH_DATABASE_URL;
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; ms: number }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const began = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error('the server stopped before answering');
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  return { child, base, ms: Math.round(performance.now() - began) };
}

async function stop(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
}

let env: Record<string, string>;
let cleanup = async () => {};
if (databaseUrl) {
  const name = `s11_bench_start_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  env = { DATABASE_URL: url.toString() };
  cleanup = async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), 's11-bench-start-'));
  env = { DATA_DIR: join(dir, 'data') };
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

try {
  const first = await start(env);
  const firstStart = { msToFirst200: first.ms, ...treeMemoryMb(first.child.pid!) };
  await stop(first.child);
  console.info(
    `First start (empty database${databaseUrl ? '' : ', demo seeded'}): ${firstStart.msToFirst200} ms to the first 200, peak RSS ${firstStart.peakRssMb} MB`,
  );

  const times: number[] = [];
  let idle: ReturnType<typeof treeMemoryMb> | null = null;
  for (let i = 0; i < STARTS; i++) {
    const run = await start(env);
    times.push(run.ms);
    if (i === STARTS - 1) {
      for (const path of ['/sign-in', '/', '/readyz', '/sign-in'])
        await (await fetch(`${run.base}${path}`)).text();
      await sleep(IDLE_SECONDS * 1000);
      idle = treeMemoryMb(run.child.pid!);
    }
    await stop(run.child);
  }
  times.sort((a, b) => a - b);
  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    command: 'node scripts/start.mjs',
    firstStartOnEmptyDatabase: firstStart,
    existingDatabase: {
      starts: STARTS,
      msToFirst200Best: times[0],
      msToFirst200Median: times[Math.floor(times.length / 2)],
      idleAfterSeconds: IDLE_SECONDS,
      idle,
    },
  };
  console.info(
    `Start on an existing database: ${figures.existingDatabase.msToFirst200Best} ms best, ${figures.existingDatabase.msToFirst200Median} ms median to the first 200; idle RSS of the process tree ${idle?.rssMb} MB (load average ${figures.loadAverage.join(', ')})`,
  );
  const file = join(import.meta.dirname, databaseUrl ? 'results-postgres.json' : 'results.json');
  const written = { ...(JSON.parse(readFileSync(file, 'utf8')) as object), start: figures };
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  console.info(`Written to bench/${databaseUrl ? 'results-postgres.json' : 'results.json'} (start)`);
} finally {
  await cleanup();
}
