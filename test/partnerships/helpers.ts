/** Test support for the partnership tests: multipart uploads, and a second partnership set up through the platform pages. */
import type { TestApp, TestClient, TestResponse } from '../helpers/test-app.ts';

export const PLATFORM_ADMIN = 'service.desk@section11-hosting.example';
export const ADMIN = 'business.manager@nrscp.example';
export const REVIEWER = 'scrutineer@nrscp.example';
export const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Posts a multipart form with one file, with the client's cookies and (unless given) CSRF token. */
export const postFile = (
  _t: TestApp,
  client: TestClient,
  url: string,
  file: { field: string; filename: string; contentType: string; bytes: Buffer } | null,
  fields: Record<string, string> = {},
): Promise<TestResponse> =>
  client.postFile(
    url,
    file && { field: file.field, name: file.filename, data: file.bytes, type: file.contentType },
    fields,
  );

export const WEST = {
  name: 'Westshire Safeguarding Children Partnership',
  shortName: 'westshire',
  contactEmail: 'section11@westshire.example',
  localities: 'Westshire\nWest Vale',
  adminName: 'Sam Lee',
  adminEmail: 'sam.lee@westshire.example',
};

/** Creates a second partnership through the platform admin's form; signs its admin in with the invitation. */
export async function createSecondPartnership(
  t: TestApp,
  platform: TestClient,
  form: Record<string, string> = WEST,
): Promise<{ partnershipId: string; admin: TestClient }> {
  await platform.get('/platform/partnerships/new');
  const created = await platform.post('/platform/partnerships', form);
  if (created.status !== 303) throw new Error(`partnership not created: ${created.status}`);
  const [mail] = await t.mailTo(form.adminEmail!);
  const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '')?.[1];
  if (!token) throw new Error('no invitation sent');
  const admin = t.client();
  await admin.get(`/sign-in/link/${token}`);
  const signedIn = await admin.post('/sign-in/link', { token });
  if (signedIn.status !== 303) throw new Error(`invitation sign-in failed: ${signedIn.status}`);
  const home = await admin.get('/');
  const partnershipId = /\/partnerships\/([0-9a-f-]{36})\/settings/.exec(home.body)?.[1];
  if (!partnershipId) throw new Error('the new admin has no settings link');
  return { partnershipId, admin };
}
