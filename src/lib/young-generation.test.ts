import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

/**
 * In a process of its own (V8's flags are the process's): the main thread's young generation, in
 * MB, after keeping many objects alive a while (as seeding does) while held, then after the same
 * released.
 */
const script = `
  import { getHeapSpaceStatistics } from 'node:v8';
  import { withYoungGenerationHeld } from ${JSON.stringify(join(import.meta.dirname, 'young-generation.ts'))};
  const size = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
  const work = async () => {
    let kept = [];
    for (let i = 0; i < 2e6; i++) {
      kept.push({ i, text: 'row ' + i });
      if (kept.length > 3e5) kept = [];
    }
  };
  const first = size();
  await withYoungGenerationHeld(work);
  const held = size();
  await work();
  console.log(JSON.stringify({ first, held, released: size() }));
`;

test('held, the young generation keeps its size through much work; released, it grows again', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    script,
  ]);
  const { first, held, released } = JSON.parse(stdout) as {
    first: number;
    held: number;
    released: number;
  };
  assert.equal(held, first, `held: ${held} MB, ${first} MB before`);
  assert.ok(released >= held * 4, `released: ${released} MB, held ${held} MB`);
});
