// Loads the TypeScript spreadsheet worker (xlsx-worker.ts) with tsx, as the app itself is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./xlsx-worker.ts');
