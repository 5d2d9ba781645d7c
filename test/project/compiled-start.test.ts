/**
 * Issue 12.1: `npm start` runs the build (scripts/start.mjs: dist/, bundled into one file by
 * scripts/bundle-server.ts), building first when there is none. This starts it as an operator does,
 * on a new embedded data folder with the demo, and goes where the bundle could break what the
 * sources do: paths worked out from a module's own URL (migrations, the starting dump, fonts,
 * govuk-frontend's assets, the workers' modules), packages loaded only when first needed (pdfkit,
 * ExcelJS), and a clean stop.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { COUNCIL_LEAD, type SpawnedServer, spawnServer, themeSave } from '../helpers/spawned-server.ts';

// The build and the process are the same whichever database the suite runs on: once is enough.
const embeddedOnly = { skip: process.env.TEST_DATABASE_URL ? 'the embedded database only' : false };
const BUSINESS_MANAGER = 'business.manager@nrscp.example';

describe('npm start, from the build', { ...embeddedOnly, timeout: 15 * 60_000 }, () => {
  const folder = mkdtempSync(join(tmpdir(), 's11-compiled-'));
  let server: SpawnedServer | undefined;
  after(() => {
    server?.process.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  test('starts on a new data folder with the demo, serves pages, assets, a PDF and a workbook, and stops cleanly', async () => {
    server = await spawnServer({
      env: { DATA_DIR: join(folder, 'data'), DEMO: 'true' },
      compiled: true,
      timeoutMs: 12 * 60_000,
    });
    const running = server;
    assert.match(running.output(), /Seeded the demo partnership/);
    assert.equal((await fetch(`${running.baseUrl}/readyz`)).status, 200, 'migrated, with its jobs running');

    const lead = running.client();
    await lead.signIn(COUNCIL_LEAD);
    const themePath = await lead.firstThemePath();
    const theme = await lead.get(themePath);
    assert.equal(theme.status, 200);
    const stylesheet = /href="(\/[^"]*\.css)"/.exec(theme.body)?.[1];
    assert.ok(stylesheet, 'the page links its stylesheet');
    assert.equal((await lead.get(stylesheet)).status, 200);
    const frontendScript = /src="(\/[^"]*govuk-frontend[^"]*\.js)"/.exec(theme.body)?.[1];
    if (frontendScript) assert.equal((await lead.get(frontendScript)).status, 200);
    const saved = await lead.post(themePath, themeSave('compiled-start'));
    assert.equal(saved.status, 303, 'a save is answered with a redirect');
    const returnPath = /^(\/returns\/[0-9a-f-]{36})/.exec(themePath)?.[1];
    const pdf = await fetch(`${running.baseUrl}${returnPath}/copy.pdf`, {
      headers: { cookie: `s11_session=${lead.cookie('s11_session') ?? ''}` },
    });
    assert.equal(pdf.status, 200);
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );

    const manager = running.client();
    await manager.signIn(BUSINESS_MANAGER);
    const home = await manager.get('/');
    const cyclePath = /href="(\/cycles\/[0-9a-f-]{36})[/"]/.exec(home.body)?.[1];
    assert.ok(cyclePath, 'the partnership admin sees an audit');
    const workbook = await fetch(`${running.baseUrl}${cyclePath}/results.xlsx`, {
      headers: { cookie: `s11_session=${manager.cookie('s11_session') ?? ''}` },
    });
    assert.equal(workbook.status, 200);
    assert.equal(
      Buffer.from(await workbook.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      'PK',
    );

    running.process.kill('SIGTERM');
    const { code } = await running.exited;
    assert.equal(code, 0, `stopped cleanly: ${running.output().slice(-500)}`);
    assert.doesNotMatch(running.output(), /Error|DeprecationWarning|\bat file:/, 'nothing but its own lines');
  });
});
