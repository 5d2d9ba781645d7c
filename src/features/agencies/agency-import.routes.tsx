/**
 * Importing a partnership's agencies from a CSV or XLSX file, for its admins: the template, the
 * upload (checked for size, type and content), a preview naming every row's problems, and an
 * all-or-nothing import once the admin confirms. The rows wait server-side between the two. Each
 * page's module (in `import/`) holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { acceptFileUploads } from '../../lib/file-uploads.ts';
import { IMPORT_MAX_BYTES } from './agency-import-file.ts';
import { type ImportRoutes, importRoutesContext } from './import/import-context.ts';
import { importPreviewRoutes } from './import/preview.routes.tsx';
import { importTemplateRoutes } from './import/template.routes.ts';
import { importUploadRoutes } from './import/upload.routes.tsx';

const IMPORT_PAGES: ReadonlyArray<(routes: ImportRoutes) => void> = [
  importUploadRoutes, // GET, POST /partnerships/:partnershipId/agencies/import
  importTemplateRoutes, // GET …/agencies/import/template.csv, …/import/template.xlsx
  importPreviewRoutes, // GET, POST …/agencies/import/:importId
];

export async function agencyImportRoutes(app: FastifyInstance): Promise<void> {
  // Only this plugin's routes accept a file.
  await acceptFileUploads(app, IMPORT_MAX_BYTES);
  const routes = importRoutesContext(app);
  for (const register of IMPORT_PAGES) register(routes);
}
