/**
 * An audit on the template of test/fixtures/every-scale.yaml (every response scale, optional and
 * weighted questions, conditional questions, a sector-only theme), set up as a partnership admin
 * would: imported, published, and run for children's services and NHS trusts in Northshire.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { returns } from '../../src/db/schema.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { createOpenAudit } from './form-fields.ts';
import type { TestApp } from './test-app.ts';

export const EVERY_SCALE_FILE = readFileSync(
  new URL('../fixtures/every-scale.yaml', import.meta.url),
  'utf8',
);
const ADMIN = 'business.manager@nrscp.example';

export interface EveryScaleAudit {
  versionId: string;
  cycleId: string;
  /** The council's return, and the NHS trust's. */
  returnIds: { council: string; nhs: string };
  /** Safeguarding arrangements (every scale), then Health services (NHS trusts and GPs only). */
  themes: ThemeInfo[];
}

export async function setUpEveryScaleAudit(t: TestApp): Promise<EveryScaleAudit> {
  const admin = await t.signIn(ADMIN);
  const base = `/partnerships/${t.ids.partnershipId}/templates`;
  await admin.get(base);
  const imported = await admin.postFile(`${base}/import`, {
    name: 'every-scale.yaml',
    data: EVERY_SCALE_FILE,
  });
  assert.equal(imported.status, 303, imported.body.slice(0, 2000));
  const versionId = /\/versions\/([0-9a-f-]{36})$/.exec(imported.location!)![1]!;
  await admin.get(imported.location!);
  const published = await admin.post(`${base}/versions/${versionId}/publish`, {});
  assert.equal(published.status, 303);

  const { cycleId } = await createOpenAudit(t, admin, {
    name: 'Every scale audit',
    templateVersionId: versionId,
    sectors: ['la-childrens-services', 'nhs-trust'],
    carryForward: 'no',
  });
  const returnOf = async (agencyId: string) => {
    const [row] = await t.database.db
      .select({ id: returns.id })
      .from(returns)
      .where(and(eq(returns.cycleId, cycleId), eq(returns.agencyId, agencyId)));
    return row!.id;
  };
  const structure = await loadReturnStructure(t.database.db, t.ids.partnershipId, versionId);
  return {
    versionId,
    cycleId,
    returnIds: {
      council: await returnOf(t.ids.agencyIds.council!),
      nhs: await returnOf(t.ids.agencyIds.nhs!),
    },
    themes: structure.themes,
  };
}
