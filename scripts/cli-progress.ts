/**
 * Progress of the command line's long work, on stderr: a bar (cli-progress) when stderr is a
 * terminal, otherwise plain lines, at most one per tenth of the work, so logs and tests stay
 * readable. stdout keeps only the command's result.
 */
import { SingleBar } from 'cli-progress';

export interface ProgressBar {
  /** `done` of the total so far, with a note on the step (shown after the bar). */
  update(done: number, note?: string): void;
  stop(): void;
}

/** A bar on a terminal, plain lines otherwise. */
export function progressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  tty: boolean = stream.isTTY === true,
): ProgressBar {
  if (tty) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {value}/{total} {note}`,
      stream,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 30,
    });
    bar.start(total, 0, { note: '' });
    return {
      update(done, note) {
        if (done > bar.getTotal()) bar.setTotal(done);
        bar.update(done, { note: note ?? '' });
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  let last = -1;
  return {
    update(done, note) {
      const tenth = total > 0 ? Math.floor((done * 10) / total) : 10;
      if (done === last || (tenth === lastTenth && done < total && note === undefined)) return;
      last = done;
      lastTenth = tenth;
      stream.write(`${label}: ${done}/${total}${note ? ` ${note}` : ''}\n`);
    },
    stop() {},
  };
}

/**
 * A step-by-step job's messages (backup, restore): plain lines on stdout as before, or on a
 * terminal a bar of `steps` whose note is the step, with the last message printed once it ends.
 */
export function stepProgress(
  label: string,
  steps: number,
  info: (line: string) => void,
  tty: boolean = process.stderr.isTTY === true,
): { step: (line: string) => void; done: () => void } {
  if (!tty) return { step: info, done() {} };
  const bar = progressBar(label, steps, process.stderr, true);
  let count = 0;
  let lastLine: string | undefined;
  return {
    step(line) {
      lastLine = line;
      bar.update(++count, line.replace(/…$/, ''));
    },
    done() {
      bar.stop();
      if (lastLine !== undefined) info(lastLine);
    },
  };
}
