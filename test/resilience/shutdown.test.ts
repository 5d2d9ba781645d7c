/**
 * Issues 10.4 and 20.4: SIGTERM finishes the request in flight, answers requests arriving meanwhile
 * with the 503 page, cuts off a client trickling its request at the bound, closes the embedded
 * database (its folder's lock released) and exits 0 within the bound.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LOCK_FILE } from '../../src/db/data-dir-lock.ts';
import { COUNCIL_LEAD, type SpawnedServer, spawnServer, themeSave } from '../helpers/spawned-server.ts';

const SHUTDOWN_SECONDS = 3;

/** A raw connection, to send a request as slowly as we like and read every byte of the answer. */
function rawConnection(
  port: number,
): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => {
      data += d.toString();
    });
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

describe('stopping with SIGTERM', () => {
  let dataDir: string;
  let server: SpawnedServer;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 's11-shutdown-'));
    server = await spawnServer({
      env: { DATA_DIR: dataDir, DEMO: 'true', SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_SECONDS) },
    });
  });
  after(() => {
    server?.process.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('finishes the request in flight, gives a later one the 503 page, cuts off a trickling client, exits 0 within the bound', async (t) => {
    const lead = server.client();
    await lead.signIn(COUNCIL_LEAD);
    const themePath = await lead.firstThemePath();
    const session = lead.cookie('s11_session');
    assert.ok(session, 'signed in');
    const body = new URLSearchParams({ _csrf: lead.csrf, ...themeSave('save-in-flight') }).toString();

    // A save whose body is still arriving when SIGTERM comes, and a request pipelined after it.
    const inFlight = await rawConnection(server.port);
    inFlight.socket.write(
      `POST ${themePath} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: s11_session=${session}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    // A client that never finishes its request: one byte a second.
    const trickler = await rawConnection(server.port);
    trickler.socket.write(
      'POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n',
    );
    const drip = setInterval(() => trickler.socket.write('a'), 1000);
    await new Promise((r) => setTimeout(r, 300));

    const signalledAt = Date.now();
    server.process.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    // The save's body arrives after SIGTERM, followed by another request on the same connection.
    inFlight.socket.write(`${body.slice(10)}GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);

    const { code, signal } = await server.exited;
    const took = Date.now() - signalledAt;
    clearInterval(drip);
    await Promise.race([inFlight.closed, new Promise((r) => setTimeout(r, 2000))]);
    trickler.socket.destroy();

    assert.equal(signal, null, server.output().slice(-2000));
    assert.equal(code, 0, server.output().slice(-2000));
    // The bound: requests get SHUTDOWN_SECONDS, then the job queue and database at most 5 s more
    // (graceful-shutdown.ts), however slow the client.
    assert.ok(took < (SHUTDOWN_SECONDS + 5) * 1000, `exited within the bound (${took} ms)`);
    t.diagnostic(
      `exited ${took} ms after SIGTERM (bound: ${SHUTDOWN_SECONDS} s for requests, then 5 s to close)`,
    );
    const answers = inFlight.received();
    assert.match(answers, /^HTTP\/1\.1 303 /, 'the save in flight was completed');
    const second = answers.slice(answers.indexOf('HTTP/1.1', 10));
    assert.match(second, /^HTTP\/1\.1 503 /, 'the request arriving during shutdown gets 503');
    assert.match(second, /content-type: text\/html/i);
    assert.match(second, /Sorry, there is a problem with the service/);
    assert.ok(!existsSync(join(dataDir, LOCK_FILE)), 'the data folder is closed and its lock released');

    // The save is there when the app starts again on the folder.
    server = await spawnServer({ env: { DATA_DIR: dataDir, DEMO: 'true' } });
    const again = server.client();
    await again.signIn(COUNCIL_LEAD);
    const page = await again.get(themePath);
    assert.match(page.body, /save-in-flight/);
  });
});
