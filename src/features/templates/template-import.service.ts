/**
 * Importing a template file (YAML or JSON) or workbook (XLSX) as a new draft version, all or
 * nothing: the web page and the operator's command line share it, so both check a file the same
 * way and name the same problems.
 */
import type { Db } from '../../db/client.ts';
import { listLocalities } from '../partnerships/partnerships.repository.ts';
import type { TemplateDefinition } from './template-definition.ts';
import {
  lineOfField,
  readTemplateFile,
  type TemplateFileProblem,
  type TemplateFormat,
} from './template-file.ts';
import { importDraft } from './template-versions.repository.ts';
import { readTemplateWorkbook, TEMPLATE_SHEET } from './template-workbook.ts';

export type TemplateImport =
  | { versionId: string; definition: TemplateDefinition; problems?: undefined }
  /** `status`: 503 when the service was too busy to open a workbook, not a problem with it. */
  | { versionId?: undefined; problems: TemplateFileProblem[]; status?: number };

/** A new version must keep its template's name and description. */
function clashProblem(
  definition: TemplateDefinition,
  saved: { clash: 'name' | 'description' | 'draft'; existing: string },
): TemplateFileProblem {
  if (saved.clash === 'draft')
    return {
      field: 'key',
      message: `The template "${definition.key}" already has a draft (version ${saved.existing}): a template has one draft at a time. Change or delete that draft first, or use a new key to make a new template`,
    };
  return {
    field: saved.clash,
    message: `The template "${definition.key}" already has ${saved.clash === 'name' ? `the name "${saved.existing}"` : 'a different description'}: a new version keeps it. Use a new key to make a new template`,
  };
}

/** Where a clash is in a workbook: the Template sheet's key, name or description cell. */
const CLASH_CELLS = { draft: 'B1 (Key)', name: 'B2 (Name)', description: 'B3 (Description)' } as const;

/**
 * Reads `data` as a template of `source` (a YAML or JSON file, or an XLSX workbook named
 * `fileName`), checks it against the partnership's localities and saves it as a new draft.
 * `onStep` is told when the file is read and checked (the command line's progress).
 */
export async function importTemplate(
  db: Db,
  partnershipId: string,
  source: { format: TemplateFormat } | { workbook: string },
  data: Buffer,
  now: Date,
  onStep?: (step: 'checked' | 'saved') => void,
): Promise<TemplateImport> {
  const localities = (await listLocalities(db, partnershipId)).map((l) => l.name);
  const read =
    'format' in source
      ? readTemplateFile(source.format, data, localities)
      : await readTemplateWorkbook(source.workbook, data, undefined, localities);
  if (!read.definition) return read;
  onStep?.('checked');
  const saved = await importDraft(db, partnershipId, read.definition, now);
  if ('clash' in saved) {
    const problem = clashProblem(read.definition, saved);
    if ('format' in source) {
      const line = lineOfField(data, [saved.clash === 'draft' ? 'key' : saved.clash]);
      return { problems: [{ ...(line === undefined ? {} : { line }), ...problem }] };
    }
    return {
      problems: [{ ...problem, field: `Sheet “${TEMPLATE_SHEET}”, cell ${CLASH_CELLS[saved.clash]}` }],
    };
  }
  onStep?.('saved');
  return { versionId: saved.versionId, definition: read.definition };
}
