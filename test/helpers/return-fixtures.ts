/** Form data for theme pages, built from the real template structure. */
import assert from 'node:assert/strict';

import { applicableThemes } from '../../src/features/returns/return-rules.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import type { TestApp, TestClient } from './test-app.ts';

export async function themesFor(t: TestApp, agencyKey: string): Promise<ThemeInfo[]> {
  const structure = await loadReturnStructure(t.database.db, t.ids.partnershipId, t.ids.templateVersionId);
  const localities: Record<string, string[]> = {
    council: [t.ids.localityIds.northshire],
    police: [t.ids.localityIds.northshire, t.ids.localityIds.riverside],
    nhs: [t.ids.localityIds.northshire, t.ids.localityIds.riverside],
    yjs: [t.ids.localityIds.riverside],
    charity: [t.ids.localityIds.riverside],
  };
  // The built-in template limits no theme to a sector.
  return applicableThemes(structure.themes, localities[agencyKey] ?? [], 'any');
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

/** Gives a return's details and its senior officer's sign-off, as its agency lead; both must be accepted. */
export async function giveDetailsAndSignOff(
  lead: TestClient,
  returnId: string,
  email: string,
): Promise<void> {
  const details = await lead.post(`/returns/${returnId}/details`, {
    completerName: 'Helen Ward',
    completerRole: 'Head of Safeguarding',
    completerEmail: email,
    completerPhone: '',
  });
  assert.equal(details.status, 303, details.body.slice(0, 300));
  const signoff = await lead.post(`/returns/${returnId}/sign-off`, {
    signoffName: 'Jane Morgan',
    signoffJobTitle: 'Director of Children’s Services',
    'signoffDate-day': '20',
    'signoffDate-month': '11',
    'signoffDate-year': '2026',
    confirm: 'yes',
  });
  assert.equal(signoff.status, 303, signoff.body.slice(0, 300));
}
