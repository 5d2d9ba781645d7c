/** The request log keeps no survey link and no staff member's network address. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { surveyLinks } from '../../src/db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const STAFF_IP = '192.0.2.44';

describe('the request log and the staff survey', () => {
  let t: TestApp;
  const lines: string[] = [];

  before(async () => {
    t = await startTestApp({ logStream: { write: (line) => lines.push(line) } });
    const admin = await t.signIn(ADMIN);
    await admin.get(`/cycles/${t.ids.cycleId}/survey/settings`);
    const saved = await admin.post(`/cycles/${t.ids.cycleId}/survey/settings`, {
      enabled: 'yes',
      [`statements-${await firstThemeId()}`]: 'I know who to ask for safeguarding advice.',
    });
    assert.equal(saved.status, 303);
  });
  after(async () => t.close());

  async function firstThemeId(): Promise<string> {
    const { rows } = await t.database.executeSql(
      `select th.id from template_themes th join cycles c on c.template_version_id = th.template_version_id
       where c.id = $1 order by th.position limit 1`,
      [t.ids.cycleId],
    );
    return String(rows[0]!.id);
  }

  it('logs other requests with their address and caller, so logging is on', async () => {
    lines.length = 0;
    await t.app.inject({ method: 'GET', url: '/sign-in?from=log-test', remoteAddress: STAFF_IP });
    const logged = lines.join('');
    assert.match(logged, /\/sign-in\?from=log-test/);
    assert.match(logged, new RegExp(STAFF_IP.replace(/\./g, '\\.')));
  });

  it('logs nothing of a survey link or its caller: the form, a response, a forged link', async () => {
    const [link] = await t.database.db
      .select({ token: surveyLinks.token })
      .from(surveyLinks)
      .where(eq(surveyLinks.returnId, t.ids.returnIds.council!));
    const token = link!.token;
    lines.length = 0;
    const page = await t.app.inject({ method: 'GET', url: `/survey/${token}`, remoteAddress: STAFF_IP });
    assert.equal(page.statusCode, 200);
    const form = /name="_form" value="([^"]+)"/.exec(page.body)![1]!;
    const field = /name="(s-[0-9a-f-]{36})"/.exec(page.body)![1]!;
    const sent = await t.app.inject({
      method: 'POST',
      url: `/survey/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _form: form, [field]: 'agree' }).toString(),
      remoteAddress: STAFF_IP,
    });
    assert.equal(sent.statusCode, 303);
    const forged = await t.app.inject({
      method: 'GET',
      url: `/survey/${'C'.repeat(43)}`,
      remoteAddress: STAFF_IP,
    });
    assert.equal(forged.statusCode, 404);
    const logged = lines.join('');
    assert.ok(!logged.includes(token), 'no survey token in the log');
    assert.ok(!logged.includes('C'.repeat(43)), 'no forged token in the log');
    assert.ok(!logged.includes(STAFF_IP), 'no caller address in the log');
  });
});
