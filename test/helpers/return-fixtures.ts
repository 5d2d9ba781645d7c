/** Form data for theme pages, built from the real template structure. */

import { applicableThemes } from '../../src/features/returns/return-rules.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import type { TestApp } from './test-app.ts';

export async function themesFor(t: TestApp, agencyKey: string): Promise<ThemeInfo[]> {
  const structure = await loadReturnStructure(t.database.db, t.ids.partnershipId, t.ids.templateVersionId);
  const localities: Record<string, string[]> = {
    council: [t.ids.localityIds.northshire],
    police: [t.ids.localityIds.northshire, t.ids.localityIds.riverside],
    nhs: [t.ids.localityIds.northshire, t.ids.localityIds.riverside],
    yjs: [t.ids.localityIds.riverside],
    charity: [t.ids.localityIds.riverside],
  };
  return applicableThemes(structure.themes, localities[agencyKey] ?? []);
}

/** Every question met (Fully met / Yes), rated Green with a reason, marked complete. */
export function completeThemeFields(
  theme: ThemeInfo,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const q of theme.questions) {
    fields[`q${q.number}-response`] = q.scale === 'graded' ? 'fully_met' : 'yes';
    fields[`q${q.number}-evidence-document`] = `Policy document ${q.number}`;
    fields[`q${q.number}-evidence-location`] = 'Safeguarding shared drive';
  }
  return {
    ...fields,
    rating: 'green',
    justification: 'Everything is in place and evidenced.',
    completed: 'yes',
    intent: 'continue',
    ...overrides,
  };
}
