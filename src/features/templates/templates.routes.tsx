/**
 * The partnership's templates, for its admins and reviewers: every template with its versions, a
 * read-only page per version, export as YAML or JSON; and, for admins only, importing a file as a
 * new draft, publishing a draft, deleting a draft and retiring a published version.
 */

import type { FastifyInstance } from 'fastify';
import { acceptFileUploads } from '../../lib/file-uploads.ts';
import { TEMPLATE_FILE_MAX_BYTES } from './template-file.ts';
import { templateImportRoutes } from './template-imports.routes.ts';
import { templateLifecycleRoutes } from './template-lifecycle.routes.ts';
import { templateVersionRoutes } from './template-versions.routes.ts';
import { WORKBOOK_MAX_BYTES } from './template-workbook.ts';
import { templateRoutesContext } from './templates-context.ts';

export async function templateRoutes(app: FastifyInstance): Promise<void> {
  // Only this plugin's routes accept multipart bodies, read whole before the CSRF check.
  await acceptFileUploads(app, Math.max(TEMPLATE_FILE_MAX_BYTES, WORKBOOK_MAX_BYTES));
  const r = templateRoutesContext(app);
  templateImportRoutes(r);
  templateVersionRoutes(r);
  templateLifecycleRoutes(r);
}
