/** Small helpers for posting forms and reading pages in route tests. */
import assert from 'node:assert/strict';
import type { TestApp, TestClient } from './test-app.ts';

const DAY = 86_400_000;

/** The day, month and year fields of a GOV.UK date input called `prefix`, for `date` in UK time. */
export function dateFields(prefix: string, date: Date): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(date)
    .split('-');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
}

/** A page's text with the HTML escapes of quotes and ampersands undone, to compare with typed text. */
export const decoded = (s: string) =>
  s.replaceAll('&#34;', '"').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/**
 * Sets up an audit through the form, as `admin` (a partnership admin): opened yesterday at 9am and
 * closing in 60 days, for the chosen sectors' agencies in Northshire. Returns its id and page.
 */
export async function createOpenAudit(
  t: TestApp,
  admin: TestClient,
  audit: { name: string; templateVersionId: string; sectors: string[]; carryForward: 'yes' | 'no' },
): Promise<{ cycleId: string; location: string }> {
  const now = t.clock.now();
  await admin.get(`/partnerships/${t.ids.partnershipId}/cycles/new`);
  const res = await admin.post(`/partnerships/${t.ids.partnershipId}/cycles`, {
    name: audit.name,
    kind: 'annual',
    templateVersionId: audit.templateVersionId,
    ...dateFields('opens', new Date(now.getTime() - DAY)),
    opensTime: '9am',
    ...dateFields('closes', new Date(now.getTime() + 60 * DAY)),
    closesTime: '5pm',
    localities: [t.ids.localityIds.northshire],
    invite: 'sectors',
    sectors: audit.sectors,
    carryForward: audit.carryForward,
  });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  return { cycleId: /\/cycles\/([0-9a-f-]+)\?/.exec(res.location!)![1]!, location: res.location! };
}
