/** Rejections nobody handled: those meaning the database is away are logged, any other stays fatal. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseRejectionsLogged } from '../../src/start-app.ts';

describe('rejections nobody handled', () => {
  it('logs one meaning the database is away (a job ended while it was shutting down) and goes on', () => {
    const logged: Error[] = [];
    const listener = databaseRejectionsLogged((e) => logged.push(e));
    const shuttingDown = Object.assign(new Error('the database system is shutting down'), { code: '57P03' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    listener(shuttingDown);
    listener(new Error('Failed query', { cause: refused }));
    assert.equal(logged.length, 2);
    assert.equal(logged[0], shuttingDown);
  });

  it('throws any other, so the process stops as it would have', () => {
    const logged: Error[] = [];
    const listener = databaseRejectionsLogged((e) => logged.push(e));
    const bug = new TypeError('x is not a function');
    assert.throws(() => listener(bug), bug);
    assert.throws(() => listener('not an error'), /not an error/);
    assert.equal(logged.length, 0);
  });
});
