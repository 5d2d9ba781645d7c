/** A benchmark script run in a process of its own, for figures no other work in the process skews. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** `script` (under bench/) run by node with `flags`: the line of JSON it prints last. */
export function runAlone(flags: string[], script: string): Record<string, unknown> {
  const run = spawnSync(process.execPath, [...flags, join(root, 'bench', script)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`bench/${script}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}
