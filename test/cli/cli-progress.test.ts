/**
 * The command line's progress (scripts/cli-progress.ts): away from a terminal, plain lines on the
 * stream given, at most one per tenth of the work and always the last; on a terminal, a bar.
 */
import assert from 'node:assert/strict';
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
