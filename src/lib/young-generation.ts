/**
 * Keeps V8's young generation (its "new space", where every object starts) at the size it has
 * while `fn` runs, in every thread of the process. V8 doubles a thread's young generation each time
 * many of its objects survive a collection, up to 16 MB a semi-space, and hardly ever gives it
 * back: the demo's seeding (thousands of queries, each a message to the embedded database's thread
 * and back) grew the main thread's and the database thread's by about 20 MB each, which stayed
 * resident. Held while seeding, a first start on the embedded database peaked about 20 MB lower
 * (five starts each way on a loaded machine: 402 MB against 421 on average), for more, smaller
 * collections while it runs.
 *
 * It sets V8's `--semi-space-growth-factor`, which V8 reads each time it would grow a young
 * generation, to 1 (do not grow), and back to V8's default of 2 after, so that serving pages is as
 * before. Starting a worker thread sets V8's flags back (measured on Node 20), so it is held only
 * where no thread starts: the embedded database's has started before. An operator who set that
 * flag themselves (NODE_OPTIONS or node's options) keeps theirs: nothing is changed then.
 */
import { setFlagsFromString } from 'node:v8';

const FLAG = 'semi-space-growth-factor';
const V8_DEFAULT = 2;

/** Whether the process was started with its own value of the flag. */
function setByOperator(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) =>
    arg.replaceAll('_', '-').includes(FLAG),
  );
}

export async function withYoungGenerationHeld<T>(fn: () => Promise<T>): Promise<T> {
  if (setByOperator()) return fn();
  setFlagsFromString(`--${FLAG}=1`);
  try {
    return await fn();
  } finally {
    setFlagsFromString(`--${FLAG}=${V8_DEFAULT}`);
  }
}
