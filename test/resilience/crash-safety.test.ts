/**
 * Issue 10.3: the embedded database survives the process being killed (SIGKILL: no shutdown at
 * all). Killed during its very first start (seeding the demo), and five times during bursts of
 * saves, the folder opens again each time and every save answered with a redirect is in it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../../src/db/client.ts';
import { COUNCIL_LEAD, type SpawnedServer, spawnServer, themeSave } from '../helpers/spawned-server.ts';

const ROUNDS = 5;

/** Opens the folder in this process (as the next start would) and reads what it holds. */
async function readFolder(
  dataDir: string,
): Promise<{ marks: Set<string>; partnerships: number; migrated: boolean }> {
  const database = await openDatabase({ dataDir });
  try {
    const migrated = await database.migrationsApplied();
    const marks = migrated
      ? (
          await database.executeSql(
            "select new_value as v from return_history where new_value like 'save-%'",
            [],
          )
        ).rows.map((r) => String(r.v))
      : [];
    const partnerships = migrated
      ? Number((await database.executeSql('select count(*)::int as n from partnerships', [])).rows[0]?.n)
      : 0;
    return { marks: new Set(marks), partnerships, migrated };
  } finally {
    await database.close();
  }
}

describe('SIGKILL on the embedded database', { timeout: 30 * 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 's11-crash-'));
  let server: SpawnedServer | undefined;
  after(() => {
    server?.process.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('killed while seeding the demo on its very first start, the folder opens and the next start seeds it', async () => {
    const first = await spawnServer({ env: { DATA_DIR: dataDir, DEMO: 'true' }, noWait: true });
    const deadline = Date.now() + 180_000;
    while (!first.output().includes('Seeding the demo partnership') && Date.now() < deadline) {
      if (first.process.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.match(first.output(), /Seeding the demo partnership/);
    await new Promise((r) => setTimeout(r, 200));
    first.process.kill('SIGKILL');
    const { signal } = await first.exited;
    assert.equal(signal, 'SIGKILL', 'killed before it had finished starting');
    const found = await readFolder(dataDir);
    assert.equal(found.migrated, true, 'the folder opens with its migrations');
    assert.ok(found.partnerships === 0 || found.partnerships === 1, 'the demo is all there or not at all');
    server = await spawnServer({ env: { DATA_DIR: dataDir, DEMO: 'true' } });
    const lead = server.client();
    await lead.signIn(COUNCIL_LEAD);
  });

  test(`killed ${ROUNDS} times during bursts of saves, every save answered with a redirect is kept`, async (t) => {
    const answered: string[] = [];
    let n = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      server ??= await spawnServer({ env: { DATA_DIR: dataDir, DEMO: 'true' } });
      const running = server;
      const lead = running.client();
      await lead.signIn(COUNCIL_LEAD);
      const themePath = await lead.firstThemePath();
      let killed = false;
      let okThisRound = 0;
      const saver = async () => {
        while (!killed) {
          const mark = `save-${round}-${++n}`;
          const res = await lead.post(themePath, themeSave(mark)).catch(() => null);
          if (res?.status === 303) {
            answered.push(mark);
            okThisRound++;
          }
        }
      };
      const savers = [saver(), saver(), saver()];
      while (okThisRound < 5) await new Promise((r) => setTimeout(r, 10));
      // Somewhere in the middle of a save.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 300)));
      running.process.kill('SIGKILL');
      await running.exited;
      killed = true;
      await Promise.all(savers);
      server = undefined;

      const found = await readFolder(dataDir);
      const lost = answered.filter((m) => !found.marks.has(m));
      assert.deepEqual(lost, [], `round ${round}: every save answered with a redirect is in the folder`);
      t.diagnostic(
        `round ${round}: ${okThisRound} saves answered 303 before SIGKILL; all ${answered.length} so far kept`,
      );
    }
    // And the app starts on it once more.
    server = await spawnServer({ env: { DATA_DIR: dataDir, DEMO: 'true' } });
    assert.equal((await fetch(`${server.baseUrl}/readyz`)).status, 200);
  });
});
