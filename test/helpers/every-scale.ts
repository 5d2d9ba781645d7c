/**
 * An audit on the template of test/fixtures/every-scale.yaml (every response scale, optional and
 * weighted questions, conditional questions, a sector-only theme), set up as a partnership admin
 * would: imported, published, and run for children's services and NHS trusts in Northshire.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { cycles, returns } from '../../src/db/schema.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import type { TestApp } from './test-app.ts';

export const EVERY_SCALE_FILE = readFileSync(
  new URL('../fixtures/every-scale.yaml', import.meta.url),
  'utf8',
);
const ADMIN = 'business.manager@nrscp.example';
const DAY = 86_400_000;

function dateFields(prefix: string, date: Date): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(date)
    .split('-');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
}

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

  const now = t.clock.now();
  await admin.get(`/partnerships/${t.ids.partnershipId}/cycles/new`);
  const created = await admin.post(`/partnerships/${t.ids.partnershipId}/cycles`, {
    name: 'Every scale audit',
    kind: 'annual',
    templateVersionId: versionId,
    ...dateFields('opens', new Date(now.getTime() + 10 * DAY)),
    opensTime: '9am',
    ...dateFields('closes', new Date(now.getTime() + 60 * DAY)),
    closesTime: '5pm',
    localities: [t.ids.localityIds.northshire],
    invite: 'sectors',
    sectors: ['la-childrens-services', 'nhs-trust'],
    introduction: '',
    carryForward: 'no',
  });
  assert.equal(created.status, 303, created.body.slice(0, 2000));
  const cycleId = /\/cycles\/([0-9a-f-]+)\?/.exec(created.location!)![1]!;
  // Open it now (the form only takes future times).
  await t.database.db
    .update(cycles)
    .set({ opensAt: new Date(now.getTime() - DAY) })
    .where(eq(cycles.id, cycleId));
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
