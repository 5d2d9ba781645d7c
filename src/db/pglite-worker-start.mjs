// Loads the TypeScript worker (pglite-worker.ts) with tsx, as the app itself is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
