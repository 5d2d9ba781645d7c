/**
 * The authorisation matrix, enforced (issue 11, part 1): every route the app registers, with every
 * method, must have an entry in `route-matrix.ts` saying what each kind of caller gets; each is then
 * called by each of them, with real ids of one seeded world (partnership X and its agency A, the
 * outsiders Y and B) and the caller's own CSRF token on posts, and the answer compared.
 *
 * One seeded database for the whole file. Posts are sent with no fields, so a caller who is let in
 * meets the form's validation (422) and changes nothing; the few posts that act without fields run
 * last, in the matrix's order, on spare rows made for them.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse as LightResponse } from 'fastify';
import {
  actions,
  agencies,
  agencyImports,
  agencyMemberships,
  agencyShareRequests,
  agencyUsers,
  challengeEvents,
  challenges,
  cyclePartnerships,
  enquiries,
  evidenceFiles,
  evidenceRequests,
  invitations,
  joinRequests,
  localities,
  outgoingMail,
  partnershipLogos,
  partnershipRoles,
  partnerships,
  questionDocuments,
  sessions,
  surveyLinks,
  templateQuestions,
  templateShares,
  templateThemes,
  themeAssignments,
  users,
} from '../../src/db/schema.ts';
import { createApiToken } from '../../src/features/api/api-tokens.repository.ts';
import { section11Template } from '../../src/features/templates/builtin/section-11.ts';
import { insertTemplateVersion } from '../../src/features/templates/templates.repository.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { completeThemeFields, giveDetailsAndSignOff, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import {
  ACROSS_PARTNERSHIPS,
  type FixtureKey,
  fieldsFor,
  MATRIX,
  type MatrixRow,
  type Outcome,
  ROLES,
  type Role,
  urlFor,
} from './route-matrix.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
/**
 * Text only some may read: a response to anyone else must not hold it (HTML, CSV and JSON bodies;
 * XLSX and PDF are compressed, so their rows are covered by the status alone).
 */
const CANARY = {
  enquiry: 'Can our deputy director sign off canary?', // the subject of A's enquiry
  signatory: 'Jane Morgan', // A's signatory (giveDetailsAndSignOff)
  otherThemeAction: 'Refresh the induction policy canary',
  themeAction: 'Renew the lapsed DBS checks canary',
  challenge: 'How many DBS checks were renewed on time canary?',
  evidenceRequest: 'The single central record canary',
  evidenceReference: 'HR file 22 canary',
};
const OF_A = Object.values(CANARY);
const OF_THEME = [CANARY.themeAction, CANARY.challenge, CANARY.evidenceRequest, CANARY.evidenceReference];
/** What each role may not read anywhere. */
const UNSEEN: Partial<Record<Role, string[]>> = {
  anonymous: OF_A,
  platformAdmin: OF_A,
  adminY: OF_A,
  leadB: OF_A,
  removed: OF_A,
  tokenY: OF_A,
  contributorA: [CANARY.signatory, CANARY.otherThemeAction],
  contributorANoTheme: [CANARY.signatory, CANARY.otherThemeAction, ...OF_THEME],
};

const idFrom = (location: string | undefined, kind: string) =>
  new RegExp(`/${kind}/([0-9a-f-]{36})`).exec(location ?? '')?.[1] ?? '';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Caller {
  /** A browser session (or a visitor's cookie), or none. */
  client: TestClient | null;
  /** An API token, sent as `Authorization: Bearer`. */
  token?: string;
}

/** What a response means for the matrix. */
function outcomeOf(res: {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}): Outcome | string {
  const location = typeof res.headers.location === 'string' ? res.headers.location : '';
  if (res.status >= 300 && res.status < 400 && location.startsWith('/sign-in')) return 'sign-in';
  if (res.status === 403 && res.body.includes('This form could not be accepted')) return 'forged';
  if (res.status === 401 || res.status === 403 || res.status === 404) return res.status;
  if (res.status >= 500) return `error ${res.status}`;
  return 'ok';
}

describe('the route × role authorisation matrix', () => {
  let t: TestApp;
  const registered: Array<{ method: string; url: string; config: () => { systemContext?: string } }> = [];
  const callers = {} as Record<Role, Caller>;
  const ids = {} as Record<FixtureKey, string>;

  before(async () => {
    t = await startTestApp({
      onRoute: (route) => {
        // Read once the app is ready: a plugin's own onRoute hook may add to it after this one.
        for (const method of [route.method].flat())
          registered.push({ method, url: route.url, config: () => route.config ?? {} });
      },
    });
    const db = t.database.db;
    const now = t.clock.now();
    const X = t.ids.partnershipId;
    const A = t.ids.agencyIds.council!;
    const returnA = t.ids.returnIds.council!;

    // Y: another partnership, with an agency of its own. J: a joint partner of X's audit, sharing A.
    const Y = await addOtherPartnership(t);
    const [yAgency] = await db
      .insert(agencies)
      .values({
        name: 'Westvale Youth Trust',
        sector: 'voluntary-community-faith',
        section11Basis: 'voluntary',
      })
      .returning();
    await db
      .insert(agencyMemberships)
      .values({ partnershipId: Y.partnershipId, agencyId: yAgency!.id, createdAt: now });
    const J = await addOtherPartnership(t, { slug: 'jointfen', shareAgencies: [A] });
    await db
      .insert(cyclePartnerships)
      .values({ cycleId: t.ids.cycleId, partnershipId: J.partnershipId, createdAt: now });

    const person = async (email: string, name: string) =>
      (await db.insert(users).values({ email, name, createdAt: now }).returning())[0]!.id;
    // A contributor of A with no theme; spare people to be removed by the routes that remove people.
    const unassigned = await person('payroll@northshire-council.example', 'Sam Hill');
    await db
      .insert(agencyUsers)
      .values({ agencyId: A, userId: unassigned, role: 'contributor', createdAt: now });
    const spareColleague = await person('spare.colleague@northshire-council.example', 'Kim Lowe');
    const spareAgencyPerson = await person('spare.person@northshire-council.example', 'Lee Moss');
    for (const userId of [spareColleague, spareAgencyPerson])
      await db.insert(agencyUsers).values({ agencyId: A, userId, role: 'contributor', createdAt: now });
    const sparePartner = await person('spare.reviewer@nrscp.example', 'Ash Pike');
    await db
      .insert(partnershipRoles)
      .values({ partnershipId: X, userId: sparePartner, role: 'reviewer', createdAt: now });

    // Someone who was an admin of X and a contributor of A with a theme, removed from both a minute
    // ago; still a contributor at Y's agency, so their session lives on.
    const removedId = await person('moved.on@nrscp.example', 'Chris Dale');
    await db
      .insert(partnershipRoles)
      .values({ partnershipId: X, userId: removedId, role: 'partnership_admin', createdAt: now });
    await db.insert(agencyUsers).values([
      { agencyId: A, userId: removedId, role: 'contributor', createdAt: now },
      { agencyId: yAgency!.id, userId: removedId, role: 'contributor', createdAt: now },
    ]);

    // Signed in, holding their own session's form token (each person here has one session).
    const session = async (email: string) => {
      const client = await t.signIn(email);
      const [row] = await db
        .select({ csrf: sessions.csrfToken })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(users.email, email));
      client.csrf = row!.csrf;
      return client;
    };
    const adminX = await session('business.manager@nrscp.example');
    const leadA = await session(COUNCIL_LEAD);
    const reviewerX = await session('scrutineer@nrscp.example');
    const removed = await session('moved.on@nrscp.example');

    // A's return: two themes answered (one question Not met, so it has an action), signed off, submitted.
    const themes = await themesFor(t, 'council');
    const saferRecruitment = themes.find((th) => th.key === 'safer-recruitment')!;
    await db.insert(themeAssignments).values({
      partnershipId: X,
      returnId: returnA,
      themeId: saferRecruitment.id,
      userId: removedId,
      assignedBy: t.ids.userIds.councilLead!,
      createdAt: now,
    });
    for (const [theme, action] of [
      [themes[0]!, CANARY.otherThemeAction],
      [saferRecruitment, CANARY.themeAction],
    ] as const) {
      const q1 = theme.questions[0]!;
      const saved = await leadA.post(
        `/returns/${returnA}/themes/${theme.id}`,
        completeThemeFields(theme, {
          'q1-response': q1.scale === 'graded' ? 'not_met' : 'no',
          'q1-action': action,
          'q1-target-date-day': '31',
          'q1-target-date-month': '3',
          'q1-target-date-year': '2027',
          rating: 'amber',
          'rating-action': 'Complete the policy refresh',
          'rating-target-date-day': '30',
          'rating-target-date-month': '4',
          'rating-target-date-year': '2027',
        }),
      );
      assert.equal(saved.status, 303, saved.body.slice(0, 300));
    }
    await giveDetailsAndSignOff(leadA, returnA, COUNCIL_LEAD);
    assert.equal((await leadA.post(`/returns/${returnA}/submit`)).status, 303);

    // The partnership's review: a challenge, an evidence request answered with a file, an event.
    const challenge = await reviewerX.post(`/returns/${returnA}/review/challenges/new`, {
      themeId: saferRecruitment.id,
      body: CANARY.challenge,
    });
    assert.equal(challenge.status, 303, challenge.body.slice(0, 300));
    const evidence = await reviewerX.post(`/returns/${returnA}/review/evidence/new`, {
      themeId: saferRecruitment.id,
      description: CANARY.evidenceRequest,
      'dueDate-day': '30',
      'dueDate-month': '11',
      'dueDate-year': '2026',
    });
    assert.equal(evidence.status, 303, evidence.body.slice(0, 300));
    const [request] = await db.select().from(evidenceRequests).where(eq(evidenceRequests.returnId, returnA));
    const upload = await leadA.postFile(
      `/returns/${returnA}/evidence/${request!.id}`,
      { name: 'record.png', data: PNG, type: 'image/png' },
      { reference: CANARY.evidenceReference },
    );
    assert.equal(upload.status, 303, upload.body.slice(0, 300));
    const event = await adminX.post(`/cycles/${t.ids.cycleId}/challenge-events/new`, {
      title: 'Council challenge panel',
      returnIds: [returnA],
      'date-day': '10',
      'date-month': '12',
      'date-year': '2026',
      time: '2pm',
      location: 'Room 4, County Hall',
      chair: 'Independent scrutineer',
      attendees: 'Chair',
    });
    assert.equal(event.status, 303, event.body.slice(0, 300));
    // Returned for changes to Safer recruitment: the agency may change that theme again.
    const returned = await reviewerX.post(`/returns/${returnA}/review/outcome`, {
      decision: 'returned',
      reasons: 'Add the renewal figures.',
      themeIds: [saferRecruitment.id],
    });
    assert.equal(returned.status, 303, returned.body.slice(0, 300));

    // The person moved on: removed from X by its admin, and from A by its lead.
    assert.equal((await adminX.post(`/partnerships/${X}/people/${removedId}/remove`)).status, 303);
    assert.equal((await leadA.post(`/agencies/${A}/colleagues/${removedId}/remove`)).status, 303);

    // Survey, export, import, requests and invitations waiting, a spare locality, versions, tokens.
    const survey = await adminX.post(`/cycles/${t.ids.cycleId}/survey/settings`, {
      enabled: 'yes',
      [`statements-${themes[0]!.id}`]: 'I know who to ask for safeguarding advice.',
    });
    assert.equal(survey.status, 303, survey.body.slice(0, 300));
    await adminX.get(`/cycles/${t.ids.cycleId}/survey/returns/${returnA}`);
    const [link] = await db.select().from(surveyLinks).where(eq(surveyLinks.returnId, returnA));
    const exported = await adminX.post(`/cycles/${t.ids.cycleId}/exports`, { format: 'csv' });
    assert.equal(exported.status, 303, exported.body.slice(0, 300));
    const [agencyImport] = await db
      .insert(agencyImports)
      .values({
        partnershipId: X,
        userId: t.ids.userIds.admin!,
        fileName: 'agencies.csv',
        rows: [],
        expiresAt: new Date(now.getTime() + 3_600_000),
        createdAt: now,
      })
      .returning();
    // Y asks X to share three of its agencies: one to be declined, one accepted, one withdrawn.
    const shareOf = async (agencyId: string) =>
      (
        await db
          .insert(agencyShareRequests)
          .values({ partnershipId: Y.partnershipId, askedPartnershipId: X, agencyId, createdAt: now })
          .returning()
      )[0]!.id;
    const share = await shareOf(A);
    const shareAccept = await shareOf(t.ids.agencyIds.nhs!);
    const shareWithdraw = await shareOf(t.ids.agencyIds.probation!);
    // A sign-in link of someone else's, as an email holds it.
    const visitor = t.client();
    await visitor.get('/sign-in');
    assert.equal((await visitor.post('/sign-in', { email: 'spare.reviewer@nrscp.example' })).status, 303);
    const [linkMail] = await t.mailTo('spare.reviewer@nrscp.example');
    const signInLink = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(linkMail?.bodyText ?? '')?.[1] ?? '';
    const [join] = await db
      .insert(joinRequests)
      .values({
        partnershipId: X,
        organisationName: 'Riverside Scouts',
        sector: 'voluntary-community-faith',
        contactName: 'Pat Green',
        contactEmail: 'pat@riverside-scouts.example',
        reason: 'We run youth groups.',
        createdAt: now,
      })
      .returning();
    const leadB = t.ids.userIds.policeLead!;
    const [inviteAccept] = await db
      .insert(invitations)
      .values({
        userId: leadB,
        partnershipId: X,
        role: 'reviewer',
        invitedName: 'Sarah Collins',
        createdAt: now,
      })
      .returning();
    const [inviteDecline] = await db
      .insert(invitations)
      .values({
        userId: leadB,
        agencyId: A,
        role: 'contributor',
        invitedName: 'Sarah Collins',
        createdAt: now,
      })
      .returning();
    const [spareLocality] = await db
      .insert(localities)
      .values({ partnershipId: X, name: 'Eastmoor', createdAt: now })
      .returning();
    const draft = await insertTemplateVersion(
      db,
      X,
      {
        ...section11Template,
        key: 'matrix-draft',
        name: 'Draft for the matrix',
        themes: section11Template.themes.slice(0, 1),
      },
      'draft',
      now,
    );
    const [draftTheme] = await db
      .select()
      .from(templateThemes)
      .where(eq(templateThemes.templateVersionId, draft));
    const [draftQuestion] = await db
      .select()
      .from(templateQuestions)
      .where(eq(templateQuestions.themeId, draftTheme!.id));
    const spareVersion = await insertTemplateVersion(
      db,
      X,
      { ...section11Template, key: 'matrix-spare', name: 'Spare for the matrix' },
      'published',
      now,
    );
    const yVersion = await insertTemplateVersion(db, Y.partnershipId, section11Template, 'published', now);
    await db.insert(templateShares).values({
      partnershipId: Y.partnershipId,
      templateVersionId: yVersion,
      allPartnerships: true,
      sharedAt: now,
    });
    const [publishedTheme] = await db
      .select()
      .from(templateThemes)
      .where(eq(templateThemes.templateVersionId, t.ids.templateVersionId));
    await db
      .update(partnerships)
      .set({ publicPages: true, headerColour: '#1d70b8' })
      .where(eq(partnerships.id, X));
    const sha = createHash('sha256').update(PNG).digest('hex');
    await db
      .insert(partnershipLogos)
      .values({ partnershipId: X, contentType: 'image/png', bytes: PNG, sha256: sha });
    const tokenX = await createApiToken(db, {
      partnershipId: X,
      name: 'Power BI',
      expiresAt: null,
      createdBy: t.ids.userIds.admin!,
      now,
    });
    const tokenY = await createApiToken(db, {
      partnershipId: Y.partnershipId,
      name: 'Power BI',
      expiresAt: null,
      createdBy: Y.adminId,
      now,
    });
    const spareToken = await createApiToken(db, {
      partnershipId: X,
      name: 'Spare',
      expiresAt: null,
      createdBy: t.ids.userIds.admin!,
      now,
    });
    const [mail] = await db.select().from(outgoingMail).limit(1);

    const [action] = await db.select().from(actions).where(eq(actions.returnId, returnA)).limit(1);
    const [challengeRow] = await db.select().from(challenges).where(eq(challenges.returnId, returnA));
    const [file] = await db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.evidenceRequestId, request!.id));
    // A document on the theme's first question, as "Attach" leaves it (documents.test.ts attaches
    // through the page).
    const [questionDocument] = await db
      .insert(questionDocuments)
      .values({
        partnershipId: X,
        returnId: returnA,
        questionId: saferRecruitment.questions[0]!.id,
        fileName: 'record.png',
        contentType: 'image/png',
        size: PNG.length,
        data: PNG,
        uploadedBy: t.ids.userIds.councilLead!,
        createdAt: now,
      })
      .returning();
    const [eventRow] = await db
      .select()
      .from(challengeEvents)
      .where(eq(challengeEvents.cycleId, t.ids.cycleId));
    const [enquiry] = await db
      .update(enquiries)
      .set({ subject: CANARY.enquiry })
      .where(eq(enquiries.partnershipId, X))
      .returning();

    Object.assign(ids, {
      partnershipX: X,
      partnershipY: Y.partnershipId,
      shortNameX: 'nrscp',
      cycle: t.ids.cycleId,
      agencyA: A,
      returnA,
      themeA: saferRecruitment.id,
      action: action!.id,
      challenge: challengeRow!.id,
      evidenceRequest: request!.id,
      evidenceFile: file!.id,
      questionDocument: questionDocument!.id,
      challengeEvent: eventRow!.id,
      export: idFrom(exported.location, 'exports'),
      agencyImport: agencyImport!.id,
      shareRequest: share,
      shareAccept,
      shareWithdraw,
      signInLink,
      agencyY: yAgency!.id,
      joinRequest: join!.id,
      inviteAccept: inviteAccept!.id,
      inviteDecline: inviteDecline!.id,
      spareColleague,
      spareAgencyPerson,
      sparePartner,
      spareAgency: t.ids.agencyIds.district!,
      locality: spareLocality!.id,
      enquiry: enquiry!.id,
      version: t.ids.templateVersionId,
      publishedTheme: publishedTheme!.id,
      draftVersion: draft,
      draftTheme: draftTheme!.id,
      draftQuestion: draftQuestion!.id,
      spareVersion,
      sharedVersion: yVersion,
      builtin: 'adult-safeguarding',
      spareToken: spareToken.id,
      surveyToken: link?.token ?? 'no-survey-link',
      brandingCss: `${X}.css`,
      logo: `logo-${sha.slice(0, 16)}`,
      mail: String(mail!.id),
    } satisfies Record<FixtureKey, string>);

    t.clock.advance(60_000);
    const anonymous = t.client();
    await anonymous.get('/sign-in'); // a visitor's form token, in its signed cookie
    Object.assign(callers, {
      anonymous: { client: anonymous },
      platformAdmin: { client: await session('service.desk@section11-hosting.example') },
      adminX: { client: adminX },
      reviewerX: { client: reviewerX },
      adminY: { client: await session(Y.adminEmail) },
      jointAdmin: { client: await session(J.adminEmail) },
      leadA: { client: leadA },
      contributorA: { client: await session('hr.adviser@northshire-council.example') },
      contributorANoTheme: { client: await session('payroll@northshire-council.example') },
      leadB: { client: await session('public.protection@northshire-police.example') },
      removed: { client: removed },
      tokenX: { client: null, token: tokenX.token },
      tokenY: { client: null, token: tokenY.token },
    } satisfies Record<Role, Caller>);
  });
  after(async () => t?.close());

  async function call(row: MatrixRow, method: Method, url: string, caller: Caller): Promise<LightResponse> {
    const headers: Record<string, string> = {};
    if (caller.client) headers.cookie = caller.client.cookieHeader();
    if (caller.token) headers.authorization = `Bearer ${caller.token}`;
    if (
      method === 'GET' ||
      method === 'HEAD' ||
      method === 'DELETE' ||
      method === 'PUT' ||
      method === 'PATCH'
    )
      return t.app.inject({ method, url, headers });
    const csrf = caller.client?.csrf ?? '';
    // Browsers say a form was posted from the same site (the staff survey checks it).
    headers['sec-fetch-site'] = 'same-origin';
    const fields: Record<string, string> = { _csrf: csrf, ...fieldsFor(row, ids) };
    if (row.formToken) {
      // A form with a token of its own in the page (the staff survey's): read from the page, as sent.
      const page = await t.app.inject({ method: 'GET', url, headers: { cookie: headers.cookie ?? '' } });
      const value = new RegExp(`name="${row.formToken}" value="([^"]+)"`).exec(page.body)?.[1];
      assert.ok(value, `${url} has no ${row.formToken} field`);
      fields[row.formToken] = value;
    }
    if (row.multipart) {
      const boundary = '----matrix-boundary';
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      const payload = `${Object.entries(fields)
        .map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        )
        .join('')}--${boundary}--\r\n`;
      return t.app.inject({ method, url, headers, payload });
    }
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return t.app.inject({ method, url, headers, payload: new URLSearchParams(fields).toString() });
  }

  it('has an entry for every route the app registers, and none for a route it does not', () => {
    const keys = new Set(registered.map((r) => `${r.method} ${r.url}`));
    const missing = [...keys].filter((k) => !k.startsWith('HEAD ') && !(k in MATRIX));
    assert.deepEqual(
      missing,
      [],
      `These routes have no entry in test/auth/route-matrix.ts. Add one for each, with the outcome for every role: ${missing.join(', ')}`,
    );
    // HEAD is answered by the GET route's handler, and so follows the GET route's entry.
    const headless = [...keys].filter((k) => k.startsWith('HEAD ') && !keys.has(`GET ${k.slice(5)}`));
    assert.deepEqual(headless, [], 'a HEAD route of its own needs an entry');
    const stale = Object.keys(MATRIX).filter((k) => !keys.has(k));
    assert.deepEqual(stale, [], `These entries name no route the app registers: ${stale.join(', ')}`);
  });

  it("lists every route that works across partnerships in the system's context, with its reason", () => {
    const across = registered.filter((r) => r.config().systemContext !== undefined && r.method !== 'HEAD');
    assert.ok(
      across.every((r) => r.config().systemContext!.length > 20),
      'each says why',
    );
    assert.deepEqual(
      across.map((r) => `${r.method} ${r.url}`).sort(),
      [...ACROSS_PARTNERSHIPS].sort(),
      'a route in the system context must be listed in ACROSS_PARTNERSHIPS (test/auth/route-matrix.ts)',
    );
  });

  it('seeds text that those who may read it see, so its absence elsewhere means something', async () => {
    const lead = callers.leadA.client!;
    const seen = [
      ...[`/returns/${ids.returnA}/actions`, `/returns/${ids.returnA}/sign-off`, '/enquiries'].map((url) =>
        lead.get(url),
      ),
      lead.get(`/returns/${ids.returnA}/challenges/${ids.challenge}`),
      lead.get(`/returns/${ids.returnA}/evidence/${ids.evidenceRequest}`),
    ];
    const bodies = (await Promise.all(seen)).map((res) => res.body).join('\n');
    for (const text of OF_A) assert.ok(bodies.includes(text), `agency A's lead sees “${text}”`);
  });

  it('gives every role what the matrix says, on every route', async () => {
    const failures: string[] = [];
    const observed: Record<string, Record<string, Outcome | string>> = {};
    const rows = Object.entries(MATRIX);
    // Routes that act without any field run last, in the matrix's order; within a route, the
    // roles refused go first, so the one allowed acts on the row as seeded.
    const ordered = [...rows.filter(([, r]) => !r.last), ...rows.filter(([, r]) => r.last)];
    for (const [key, row] of ordered) {
      const [method, path] = key.split(' ') as [Method, string];
      const url = urlFor(path, row, ids);
      const roles = [...ROLES].sort(
        (a, b) => Number(row.expect[a] === 'ok') - Number(row.expect[b] === 'ok'),
      );
      observed[key] = {};
      for (const role of roles) {
        const res = await call(row, method, url, callers[role]);
        const got = outcomeOf({ status: res.statusCode, headers: res.headers, body: res.body });
        observed[key][role] = got;
        if (!row.devOnly)
          for (const text of UNSEEN[role] ?? [])
            if (res.body.includes(text)) failures.push(`${key} (${url}) as ${role} shows “${text}”`);
        if (got !== row.expect[role])
          failures.push(
            `${key} (${url}) as ${role}: expected ${row.expect[role]}, got ${got} (${res.statusCode})`,
          );
        if (method === 'GET' && !row.last) {
          const head = await call(row, 'HEAD', url, callers[role]);
          const headGot = outcomeOf({ status: head.statusCode, headers: head.headers, body: '' });
          // A HEAD answer has no body to tell a refused form from a refusal; GETs never meet that.
          if (headGot !== got && !(got === 'forged' && headGot === 403))
            failures.push(`HEAD ${path} as ${role}: ${headGot}, but GET gave ${got}`);
        }
      }
      if (!row.noneAllowed && !ROLES.some((role) => row.expect[role] === 'ok'))
        failures.push(`${key}: no role is let in, so its ids do not reach the route (fix the fixture)`);
    }
    if (process.env.ROUTE_MATRIX_RECORD) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.ROUTE_MATRIX_RECORD, JSON.stringify(observed, null, 1));
    }
    assert.deepEqual(failures, [], `${failures.length} differences from the matrix:\n${failures.join('\n')}`);
  });
});
