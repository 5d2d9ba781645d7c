/** The API's OpenAPI 3.1 document, kept in the repository beside the other docs. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const OPENAPI_PATH = join(root, 'docs/api/openapi.json');

export function loadOpenApi(): { paths: Record<string, Record<string, { summary?: string }>> } & Record<
  string,
  unknown
> {
  return JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
}
