import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type pg from 'pg';
import {
  actingFor,
  asOwner,
  closeRequestScope,
  inRequestScope,
  inSystemContext,
  NOT_ESTABLISHED,
} from './acting-partnership.ts';
import { ScopedPool } from './scoped-pool.ts';

const X = '11111111-1111-4111-8111-111111111111';
const Y = '22222222-2222-4222-8222-222222222222';

/** A pool of one connection that records what it was asked, as `name`. */
function fakePool(name: string, log: string[]): pg.Pool {
  const client = {
    query: async (text: string, values?: string[]) => {
      log.push(text.startsWith('select set_config') ? `${name} set ${values!.join(' ')}` : `${name} ${text}`);
      return { rows: [] };
    },
    release: () => {},
  };
  return { connect: async () => client } as unknown as pg.Pool;
}

describe('ScopedPool', () => {
  it('keeps the system context and the work for a partnership on connections of their own', async () => {
    const log: string[] = [];
    const scoped = new ScopedPool({ owner: fakePool('owner', log), acting: fakePool('acting', log) });
    // Three requests, each reading its session in the system's context, then acting for X.
    for (let i = 0; i < 3; i++) {
      await inSystemContext(() => scoped.query('session'));
      await actingFor(X, () => scoped.query('page'));
    }
    assert.deepEqual(log, [
      'owner set s11_app ',
      'owner session',
      `acting set s11_app ${X}`,
      'acting page',
      'owner session',
      'acting page',
      'owner session',
      'acting page',
    ]);
  });

  it('sets the connection again when the partnership or the owner changes', async () => {
    const log: string[] = [];
    const scoped = new ScopedPool({ owner: fakePool('owner', log), acting: fakePool('acting', log) });
    await actingFor(X, () => scoped.query('x'));
    await actingFor(Y, () => scoped.query('y'));
    await asOwner(() => scoped.query('migrate'));
    await inSystemContext(() => scoped.query('session'));
    assert.deepEqual(log, [
      `acting set s11_app ${X}`,
      'acting x',
      `acting set s11_app ${Y}`,
      'acting y',
      // A new connection of the owner's login is the owner already.
      'owner migrate',
      'owner set s11_app ',
      'owner session',
    ]);
  });

  it('gives a request not yet established a connection that refuses partnerships’ rows', async () => {
    const log: string[] = [];
    const app = fakePool('app', log);
    const scoped = new ScopedPool({ owner: fakePool('owner', log), app, acting: fakePool('acting', log) });
    await inRequestScope(async () => {
      await scoped.query('session');
      closeRequestScope();
      await scoped.query('too early');
    });
    // With the app's own login, its new connections are set before their first use.
    assert.deepEqual(log, [
      'app set s11_app ',
      'app session',
      `acting set s11_app ${NOT_ESTABLISHED}`,
      'acting too early',
    ]);
  });
});
