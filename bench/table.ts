/**
 * `npm run bench:table`: rewrites the README's performance tables (between the `bench-table`
 * markers) from the figures the benchmarks wrote: bench/results.json and results-postgres.json
 * (`npm run bench`, the demo), results-national.json and results-national-postgres.json
 * (`npm run bench:national`, the national data). A file not there shows as "not measured".
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Figures = Record<string, unknown>;
interface Load {
  requestsPerSecond?: number;
  latencyMsP50?: number;
  latencyMsP99?: number;
  loadAverage1m?: { before: number };
  responses?: Record<string, number>;
  /** The load generator's own CPU a request (bench/national.ts), where measured. */
  loadGeneratorCpuMsPerRequest?: number | null;
}
interface Made {
  seconds?: number;
  /** Where the process started, when the export had a process of its own. */
  rssBeforeMb?: number;
  peakRssMb?: number;
  rows?: number;
}
export interface BenchFiles {
  demoPglite?: Figures | undefined;
  demoPostgres?: Figures | undefined;
  nationalPglite?: Figures | undefined;
  nationalPostgres?: Figures | undefined;
}

export const START =
  '<!-- bench-table:start (npm run bench:table writes this part from bench/results*.json) -->';
export const END = '<!-- bench-table:end -->';

const number = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

function load(
  figures: Figures | undefined,
  name: string,
  withLoadAverage: boolean,
  withGenerator = false,
): string {
  const f = figures?.[name] as Load | undefined;
  if (!f || f.requestsPerSecond === undefined) return 'not measured';
  const average = withLoadAverage && f.loadAverage1m ? ` (load ${f.loadAverage1m.before})` : '';
  if (f.responses && (f.responses['2xx'] ?? 0) + (f.responses['3xx'] ?? 0) === 0)
    return `no answer in time${average}`;
  const rate = f.requestsPerSecond >= 10 ? `${number(f.requestsPerSecond)} requests/s, ` : '';
  const generator =
    withGenerator && typeof f.loadGeneratorCpuMsPerRequest === 'number'
      ? `, the load generator's CPU ${f.loadGeneratorCpuMsPerRequest} ms a request`
      : '';
  return `${rate}p50 ${f.latencyMsP50} ms, p99 ${f.latencyMsP99} ms${generator}${average}`;
}

function made(figures: Figures | undefined, name: string): string {
  const f = figures?.[name] as Made | undefined;
  if (!f || f.seconds === undefined) return 'not measured';
  const rss = f.rssBeforeMb === undefined ? `${f.peakRssMb} MB` : `${f.rssBeforeMb} → ${f.peakRssMb} MB`;
  return `${number(f.seconds)} s, peak RSS ${rss}${f.rows ? `, ${number(f.rows)} rows` : ''}`;
}

interface Memory {
  rssMb: number;
  peakRssMb: number;
}
/** bench/embedded-compiled.ts's figures. */
interface CompiledServer {
  afterStart?: Memory;
  xlsx?: Memory;
  csv?: Memory;
  themePage?: Memory & { requestsPerSecond: number };
  peakRssMb?: number;
}

function compiledServer(figures: Figures | undefined): string {
  const f = figures?.compiledServer as CompiledServer | undefined;
  if (!f?.afterStart || !f.xlsx || !f.csv || !f.themePage || f.peakRssMb === undefined) return 'not measured';
  return (
    `peak RSS ${f.peakRssMb} MB: ${f.afterStart.peakRssMb} MB once started, ${f.xlsx.peakRssMb} after the XLSX, ` +
    `${f.csv.peakRssMb} after the CSV; theme page ${number(f.themePage.requestsPerSecond)} requests/s`
  );
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The tables, as Markdown. */
export function performanceTables(files: BenchFiles): string {
  const demo = [
    row(['load', 'embedded database (PGlite)', 'PostgreSQL server']),
    row(['---', '---', '---']),
    ...(
      [
        ['theme page', 'themePageGet'],
        ['saving the theme page', 'themePageSave'],
        ["the return's task list", 'taskList'],
      ] as const
    ).map(([label, name]) =>
      row([label, load(files.demoPglite, name, false), load(files.demoPostgres, name, false)]),
    ),
  ];
  const size = (f: Figures | undefined) =>
    f
      ? `${number(Number(f.largestAuditReturns))} returns in the largest audit, ${String(f.date).slice(0, 10)}`
      : 'not measured';
  const national = [
    row([
      'national data',
      `embedded (${size(files.nationalPglite)})`,
      `PostgreSQL (${size(files.nationalPostgres)})`,
    ]),
    row(['---', '---', '---']),
    ...(
      [
        ['ceiling: bare Fastify route, 10 connections', 'bareFastifyRoute'],
        ['ceiling: the theme page bytes served static, 10 connections', 'staticThemeBytes'],
        ['ceiling: bare route, one at a time', 'bareFastifyRouteOne'],
        ['theme page, 10 connections', 'themePageGet'],
        ['theme page compressed (as browsers ask), 10 connections', 'themePageGetCompressed'],
        ['saving the theme page, 10 connections', 'themePageSave'],
        ['submitting a ready return (a different one each), 10 connections', 'submit'],
        ["the return's task list, 10 connections", 'taskList'],
        ['monitoring page of the largest audit, one at a time', 'monitoring'],
        ['results page of the largest audit, one at a time', 'results'],
        ["results page of the partnership's last closed audit, one at a time", 'resultsClosedAudit'],
        ['findings report PDF, one at a time', 'findingsReportPdf'],
        ['read API, a page of 100 answers, 10 connections', 'apiAnswersPage'],
        ["platform admin's partnership list, 10 connections", 'platformPartnerships'],
      ] as const
    ).map(([label, name]) => {
      // The ceiling of a page's bytes is where the load generator fills a core: its CPU says so.
      const generator = name === 'staticThemeBytes';
      return row([
        label,
        load(files.nationalPglite, name, true, generator),
        load(files.nationalPostgres, name, true, generator),
      ]);
    }),
    ...(
      [
        ['XLSX of the largest audit (export job)', 'xlsxDownload'],
        ['CSV of the largest audit (export job)', 'csvDownload'],
        ['XLSX of the largest audit, compiled, in a process of its own', 'xlsxCompiled'],
      ] as const
    ).map(([label, name]) =>
      row([label, made(files.nationalPglite, name), made(files.nationalPostgres, name)]),
    ),
    row([
      'the server as `npm start` runs it: start, pages, both exports, then 10 connections on the theme and results pages',
      compiledServer(files.nationalPglite),
      compiledServer(files.nationalPostgres),
    ]),
  ];
  return [
    START,
    '',
    ...demo,
    '',
    'National data (`npm run seed:scale`, then `npm run bench:national`): the figures in brackets are',
    "the machine's one-minute load average when each was taken; above 2 on 2 cores, other work was running.",
    '',
    ...national,
    '',
    END,
  ].join('\n');
}

/** `readme` with the part between the markers replaced (or, without them, `fallback` replaced). */
export function replaceTables(readme: string, tables: string): string {
  const start = readme.indexOf(START.slice(0, 22));
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('The README has no bench-table markers.');
  return `${readme.slice(0, start)}${tables}${readme.slice(end + END.length)}`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const dir = import.meta.dirname;
  const read = (name: string) =>
    existsSync(join(dir, name)) ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as Figures) : undefined;
  const readmePath = join(dir, '..', 'README.md');
  const tables = performanceTables({
    demoPglite: read('results.json'),
    demoPostgres: read('results-postgres.json'),
    nationalPglite: read('results-national.json'),
    nationalPostgres: read('results-national-postgres.json'),
  });
  writeFileSync(readmePath, replaceTables(readFileSync(readmePath, 'utf8'), tables));
  console.info('README.md performance tables written from bench/results*.json');
}
