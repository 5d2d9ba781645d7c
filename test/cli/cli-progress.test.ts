/**
 * The command line's progress (scripts/cli-progress.ts): away from a terminal, plain lines on the
 * stream given, at most one per tenth of the work and always the last; on a terminal, a bar.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { progressBar, stepProgress } from '../../scripts/cli-progress.ts';

/** A stream that keeps what is written. */
function collector(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = {
    isTTY: false,
    write(chunk: string) {
      text += chunk;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('command line progress', () => {
  it('writes a plain line per tenth of the work, and the last, when not on a terminal', () => {
    const out = collector();
    const bar = progressBar('Importing agencies', 2000, out.stream);
    for (let done = 100; done <= 2000; done += 100) bar.update(done);
    bar.stop();
    const lines = out.text().trimEnd().split('\n');
    // The first, one as each tenth is reached, and the last: 20 updates, 11 lines.
    assert.equal(lines.length, 11);
    assert.equal(lines[0], 'Importing agencies: 100/2000');
    assert.equal(lines[1], 'Importing agencies: 200/2000');
    assert.equal(lines.at(-1), 'Importing agencies: 2000/2000');
  });

  it('writes each step of a step-by-step job with its note', () => {
    const out = collector();
    const bar = progressBar('Importing the template', 3, out.stream);
    bar.update(1, 'read');
    bar.update(2, 'checked');
    bar.update(3, 'saved');
    assert.equal(
      out.text(),
      'Importing the template: 1/3 read\nImporting the template: 2/3 checked\nImporting the template: 3/3 saved\n',
    );
  });

  it('passes each step of a backup through as a line when stderr is no terminal', () => {
    const lines: string[] = [];
    const steps = stepProgress('Backing up', 2, (line) => lines.push(line), false);
    steps.step('Dumping…');
    steps.step('Backup written.');
    steps.done();
    assert.deepEqual(lines, ['Dumping…', 'Backup written.']);
  });

  it('draws a bar on a terminal and prints only the last step once it ends', () => {
    const out = collector();
    (out.stream as { isTTY: boolean }).isTTY = true;
    Object.assign(out.stream, { cursorTo() {}, clearLine() {}, moveCursor() {}, columns: 100 });
    const bar = progressBar('Backing up', 2, out.stream, true);
    bar.update(1, 'Dumping');
    bar.update(2, 'Written');
    bar.stop();
    assert.match(out.text(), /Backing up \[[^\]]+\] 2\/2 Written/);
  });
});

describe('a command showing a bar on a terminal', () => {
  // `script` (util-linux) gives the command a pseudo-terminal, so the bar is the real one with its
  // redraw timer: left running, that timer keeps the process alive after the command has failed.
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it('exits with the failure when the database cannot be opened (the bar is stopped)', {
    skip: !hasScript,
  }, async () => {
    const root = join(import.meta.dirname, '..', '..');
    const command = [
      process.execPath,
      join(root, 'bin', 's11.mjs'),
      'template-import',
      join(root, 'test', 'fixtures', 'every-scale.yaml'),
      '--partnership',
      'nowhere',
    ]
      .map((a) => `'${a}'`)
      .join(' ');
    const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: root, NODE_ENV: 'test' };
    delete env.DATA_DIR;
    // Nothing listens on port 1: opening the database fails at once.
    env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none';
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: root, env });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    const status = await new Promise<number | null | 'still running'>((resolve) => {
      // A command that failed to connect ends in seconds; one held open by its bar never does.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running');
      }, 120_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    assert.equal(status, 1, output);
    assert.match(output, /Importing the template/);
    assert.match(output, /ECONNREFUSED/);
  });
});
