/**
 * `npm run bench:table`: the README's performance tables come from the figures the benchmarks wrote,
 * between the markers, and a figure not measured says so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { END, performanceTables, replaceTables, START } from '../../bench/table.ts';

const load = (requestsPerSecond: number, p50: number, p99: number, average?: number) => ({
  requestsPerSecond,
  latencyMsP50: p50,
  latencyMsP99: p99,
  ...(average === undefined ? {} : { loadAverage1m: { before: average, after: average } }),
});

describe('performance tables', () => {
  it('shows each figure from its file, with the load average of national ones', () => {
    const tables = performanceTables({
      demoPglite: { themePageGet: load(1194, 7, 20) },
      demoPostgres: { themePageGet: load(1380, 6, 21) },
      nationalPglite: {
        date: '2026-12-07T10:00:00Z',
        largestAuditReturns: 100,
        compiledServer: {
          afterStart: { rssMb: 366, peakRssMb: 374 },
          xlsx: { seconds: 2.6, rssMb: 422, peakRssMb: 439 },
          csv: { seconds: 4.7, rssMb: 423, peakRssMb: 503 },
          themePage: { requestsPerSecond: 536.88, latencyMsP99: 38, rssMb: 453, peakRssMb: 503 },
          peakRssMb: 511,
        },
      },
      nationalPostgres: {
        date: '2026-12-05T06:00:00Z',
        largestAuditReturns: 1000,
        monitoring: load(4.2, 180, 240, 3.5),
        staticThemeBytes: { ...load(2032.9, 4, 10, 1.13), loadGeneratorCpuMsPerRequest: 0.477 },
        themePageGet: { ...load(672.9, 13, 36, 3.13), loadGeneratorCpuMsPerRequest: 0.2 },
        findingsReportPdf: { ...load(0, 0, 0, 30), responses: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 } },
        xlsxDownload: { seconds: 8.4, peakRssMb: 210, rows: 100000 },
        xlsxCompiled: { seconds: 8.6, rssBeforeMb: 75, peakRssMb: 161, rows: 105510 },
      },
    });
    assert.match(
      tables,
      /\| theme page \| 1,194 requests\/s, p50 7 ms, p99 20 ms \| 1,380 requests\/s, p50 6 ms, p99 21 ms \|/,
    );
    assert.match(tables, /PostgreSQL \(1,000 returns in the largest audit, 2026-12-05\)/);
    // The static bytes' ceiling says what the load generator spent on each: that is what it measures.
    assert.match(
      tables,
      /\| ceiling: the theme page bytes served static, 10 connections \| not measured \| 2,032.9 requests\/s, p50 4 ms, p99 10 ms, the load generator's CPU 0.477 ms a request \(load 1.13\) \|/,
    );
    assert.match(
      tables,
      /\| theme page, 10 connections \| not measured \| 672.9 requests\/s, p50 13 ms, p99 36 ms \(load 3.13\) \|/,
    );
    // Below 10 a second (one at a time) the rate says little: the latencies are shown.
    assert.match(
      tables,
      /\| monitoring page of the largest audit, one at a time \| not measured \| p50 180 ms, p99 240 ms \(load 3.5\) \|/,
    );
    assert.match(
      tables,
      /\| XLSX of the largest audit \(export job\) \| not measured \| 8.4 s, peak RSS 210 MB, 100,000 rows \|/,
    );
    // An export in a process of its own says where that process started.
    assert.match(
      tables,
      /\| XLSX of the largest audit, compiled, in a process of its own \| not measured \| 8.6 s, peak RSS 75 → 161 MB, 105,510 rows \|/,
    );
    // Nothing answered within the time: no latencies of 0 ms.
    assert.match(
      tables,
      /\| findings report PDF, one at a time \| not measured \| no answer in time \(load 30\) \|/,
    );
    assert.match(tables, /\| saving the theme page \| not measured \| not measured \|/);
    // The server as `npm start` runs it: its peak, and where it stood along the way.
    assert.match(
      tables,
      /\| the server as `npm start` runs it: [^|]+ \| peak RSS 511 MB: 374 MB once started, 439 after the XLSX, 503 after the CSV; theme page 536.9 requests\/s \| not measured \|/,
    );
  });

  it('replaces only what is between the markers', () => {
    const readme = `# Title\n\nBefore.\n\n${START}\nold table\n${END}\n\nAfter.\n`;
    const out = replaceTables(readme, `${START}\nnew table\n${END}`);
    assert.equal(out, `# Title\n\nBefore.\n\n${START}\nnew table\n${END}\n\nAfter.\n`);
    assert.throws(() => replaceTables('# No markers\n', 'x'), /no bench-table markers/);
  });
});
