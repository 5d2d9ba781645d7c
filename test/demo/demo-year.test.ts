import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the demo of a whole year', () => {
  let t: TestApp;
  before(async () => {
    const started = performance.now();
    t = await startTestApp({ demoYear: true });
    console.info(`seeded in ${Math.round(performance.now() - started)} ms`);
  });
  after(() => t?.close());
  it('seeds', async () => {
    assert.ok(t.year);
  });
});
