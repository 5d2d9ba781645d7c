/**
 * The rules for an import file's rows: each row's problems named by column, or the agency it will
 * create. Checked at the preview and again at confirmation, against the partnership as it is then.
 */
import { z } from 'zod';
import { AGENCY_SECTORS, type AgencyImportRowJson, type AgencySector } from '../../db/schema.ts';
import type { AgencyValues } from './agencies.repository.ts';
import type { ImportColumn } from './agency-import-file.ts';
import { parseCodes } from './organisation-codes.ts';
import { SECTOR_LABELS } from './sectors.ts';

export interface ImportContext {
  localities: ReadonlyArray<{ id: string; name: string }>;
  /** Names of the agencies already in the partnership (archived ones too). */
  existingNames: ReadonlyArray<string>;
}

export interface RowProblem {
  column: ImportColumn;
  message: string;
}

export interface CheckedRow {
  source: AgencyImportRowJson;
  problems: RowProblem[];
  /** What will be created, when the row has no problems. */
  values: AgencyValues | null;
  localityNames: string[];
}

const email = z.email();

/** Names compared as people see them: case, spacing and curly apostrophes do not matter. */
export function sameNameKey(name: string): string {
  return name.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

const SECTOR_BY_KEY = new Map<string, AgencySector>();
for (const s of AGENCY_SECTORS) {
  SECTOR_BY_KEY.set(sameNameKey(SECTOR_LABELS[s]), s);
  SECTOR_BY_KEY.set(s, s);
}

export function sectorFromText(text: string): AgencySector | null {
  return SECTOR_BY_KEY.get(sameNameKey(text)) ?? null;
}

/** Locality names separated by semicolons (or commas, when no locality's name has one). */
export function splitLocalities(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function checkImportRows(rows: AgencyImportRowJson[], ctx: ImportContext): CheckedRow[] {
  const existing = new Set(ctx.existingNames.map(sameNameKey));
  const localityByName = new Map(ctx.localities.map((l) => [sameNameKey(l.name), l]));
  const firstRowByName = new Map<string, number>();
  return rows.map((source) => {
    const problems: RowProblem[] = [];
    const add = (column: ImportColumn, message: string) => problems.push({ column, message });

    const name = source.name.replace(/\s+/g, ' ').trim();
    const key = sameNameKey(name);
    if (!name) add('name', 'Enter the agency’s name');
    else if (name.length > 200) add('name', 'The name must be 200 characters or fewer');
    else if (existing.has(key)) add('name', `An agency called “${name}” is already in the partnership`);
    else if (firstRowByName.has(key))
      add('name', `“${name}” is also on row ${firstRowByName.get(key)} of the file`);
    if (name && !firstRowByName.has(key)) firstRowByName.set(key, source.row);

    const sector = sectorFromText(source.sector);
    if (!source.sector) add('sector', 'Enter the agency’s sector');
    else if (!sector) add('sector', `“${source.sector}” is not a sector on the list`);

    const basisText = source.basis.trim().toLowerCase();
    const basis = basisText === 'statutory' || basisText === 'voluntary' ? basisText : null;
    if (!basis) add('basis', 'Enter Statutory (Section 11 applies by law) or Voluntary');

    const localityIds: string[] = [];
    const localityNames: string[] = [];
    const given =
      localityByName.has(sameNameKey(source.localities)) && source.localities
        ? [source.localities]
        : splitLocalities(source.localities);
    if (given.length === 0) add('localities', 'Enter at least one locality the agency serves');
    const unknown: string[] = [];
    for (const part of given) {
      const locality = localityByName.get(sameNameKey(part));
      if (!locality) unknown.push(part);
      else if (!localityIds.includes(locality.id)) {
        localityIds.push(locality.id);
        localityNames.push(locality.name);
      }
    }
    if (unknown.length === 1) add('localities', `“${unknown[0]}” is not one of the partnership’s localities`);
    else if (unknown.length > 1)
      add('localities', `${unknown.map((u) => `“${u}”`).join(', ')} are not the partnership’s localities`);

    const contact = source.leadContactEmail.trim();
    if (contact && (contact.length > 254 || !email.safeParse(contact).success))
      add('leadContactEmail', 'Enter the email address in the correct format, like name@example.org');

    const codes = parseCodes(
      {
        odsCode: source.odsCode ?? '',
        urn: source.urn ?? '',
        companyNumber: source.companyNumber ?? '',
        charityNumber: source.charityNumber ?? '',
      },
      add,
    );

    const values: AgencyValues | null =
      problems.length === 0 && sector && basis
        ? {
            name,
            sector,
            basis,
            localityIds,
            leadContactEmail: contact ? contact.toLowerCase() : null,
            codes,
          }
        : null;
    return { source, problems, values, localityNames };
  });
}
