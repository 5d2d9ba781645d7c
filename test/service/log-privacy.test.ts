/**
 * Issue 12.3: the JSON log of a whole journey (sign in by email link, the return's details, a theme,
 * sign-off, submit) and of a database error forced on a save carries a request id on every line and
 * never the email address, the sign-in token or anything typed into the return.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const LEAD = 'safeguarding.lead@northshire-council.example';
// Typed into the return: each is unique, so finding it in the log can only mean it was logged.
const TYPED = {
  completerName: 'Zebedee Quarrington',
  completerPhone: '01632 960 417',
  evidence: 'Quokka safeguarding audit binder',
  justification: 'Marmalade-tinted justification text',
  failingEvidence: 'Forced-Failure evidence Wombat',
};

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  error?: { type?: string; code?: string; constraint?: string; stack?: string };
  route?: string;
}

describe('the log of a whole journey and of a database error', () => {
  let t: TestApp;
  let lead: TestClient;
  let token = '';
  const lines: string[] = [];
  let returnId: string;
  let failed: { status: number; requestId: unknown };

  before(async () => {
    t = await startTestApp({ logStream: { write: (line) => void lines.push(line) } });
    returnId = t.ids.returnIds.council!;
    const themes = await themesFor(t, 'council');

    // Sign in by the emailed link, as a person does.
    lead = t.client();
    await lead.get('/sign-in');
    assert.equal((await lead.post('/sign-in', { email: LEAD })).status, 303);
    const [mail] = await t.mailTo(LEAD);
    token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '')?.[1] ?? '';
    assert.ok(token, 'a sign-in link was sent');
    await lead.get(`/sign-in/link/${token}`);
    assert.equal((await lead.post('/sign-in/link', { token })).status, 303);

    await lead.get(`/returns/${returnId}/details`);
    const details = await lead.post(`/returns/${returnId}/details`, {
      completerName: TYPED.completerName,
      completerRole: 'Head of Safeguarding',
      completerEmail: LEAD,
      completerPhone: TYPED.completerPhone,
    });
    assert.equal(details.status, 303, 'the details are saved');

    const first = themes[0]!;
    await lead.get(`/returns/${returnId}/themes/${first.id}`);
    const saved = await lead.post(
      `/returns/${returnId}/themes/${first.id}`,
      completeThemeFields(first, {
        [`q${first.questions[0]!.number}-evidence-document`]: TYPED.evidence,
        justification: TYPED.justification,
      }),
    );
    assert.equal(saved.status, 303, 'the theme is saved');

    // A database error on a save: the database refuses the typed evidence (a constraint added for
    // the test), so the query that fails carries the typed text among its parameters.
    await t.database.executeSql(
      `alter table answers add constraint log_test_refuses_evidence check (evidence_document not like 'Forced-Failure%')`,
    );
    try {
      const second = themes[1]!;
      await lead.get(`/returns/${returnId}/themes/${second.id}`);
      const res = await lead.post(
        `/returns/${returnId}/themes/${second.id}`,
        completeThemeFields(second, {
          [`q${second.questions[0]!.number}-evidence-document`]: TYPED.failingEvidence,
        }),
      );
      failed = { status: res.status, requestId: res.headers['x-request-id'] };
    } finally {
      await t.database.executeSql('alter table answers drop constraint log_test_refuses_evidence');
    }

    await lead.get(`/returns/${returnId}/sign-off`);
    const signOff = await lead.post(`/returns/${returnId}/sign-off`, {
      signoffName: 'Jane Morgan',
      signoffJobTitle: 'Director of Children’s Services',
      'signoffDate-day': '20',
      'signoffDate-month': '11',
      'signoffDate-year': '2026',
      confirm: 'yes',
    });
    assert.equal(signOff.status, 303, 'the sign-off is saved');
    await lead.get(`/returns/${returnId}/check`);
    const submitted = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(submitted.status, 303, 'the return is submitted');
  });
  after(async () => t.close());

  const parsed = () => lines.map((line) => JSON.parse(line) as LogLine);

  it('logged the journey, one JSON line each with its request id', () => {
    const all = parsed();
    assert.ok(all.length > 20, `${all.length} lines logged`);
    for (const line of all) assert.match(String(line.reqId), /^[0-9a-f-]{36}$/, JSON.stringify(line));
    const completed = all.filter((l) => l.msg === 'request completed');
    assert.ok(completed.length > 10, 'each request is logged');
    assert.equal(new Set(completed.map((l) => l.reqId)).size, completed.length, 'ids are unique');
  });

  it('logs the database error by its code, constraint and route, under the id the response gives', () => {
    assert.equal(failed.status, 500);
    const errors = parsed().filter((l) => l.level >= 50);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    const [error] = errors;
    assert.equal(error!.msg, 'unexpected error: answered 500');
    assert.equal(error!.reqId, failed.requestId);
    assert.equal(error!.route, '/returns/:returnId/themes/:themeId');
    assert.equal(error!.error?.code, '23514', 'the SQLSTATE of a check violation');
    assert.equal(error!.error?.constraint, 'log_test_refuses_evidence');
    assert.match(error!.error?.stack ?? '', /^at /, 'where it was thrown');
  });

  it('never holds the email address, the sign-in token or anything typed into the return', () => {
    const log = lines.join('\n');
    const encoded = (s: string) => [s, encodeURIComponent(s), s.replace(/ /g, '+')];
    const secrets: Array<[string, string]> = [
      ...encoded(LEAD).map((s): [string, string] => ['the email address', s]),
      ['the email address’s name part', LEAD.split('@')[0]!],
      ['the sign-in token', token],
      ...Object.entries(TYPED).flatMap(([what, typed]) =>
        encoded(typed).map((s): [string, string] => [what, s]),
      ),
    ];
    for (const [what, secret] of secrets)
      assert.ok(!log.toLowerCase().includes(secret.toLowerCase()), `${what} is in the log`);
    // The database's own words would carry them: no query text and no "Failed query" either.
    assert.doesNotMatch(log, /Failed query|insert into|params:/i);
  });
});
