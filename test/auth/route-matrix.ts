/**
 * The authorisation matrix: for every route the app registers, what each kind of caller gets.
 * `route-matrix.test.ts` fails for a route missing here, and calls every route as every role.
 *
 * To add a route: add its `METHOD /path` (as registered, with its `:params`) with `by({...})`,
 * naming the roles let in (`ok`) and what the others get. Its `:params` are filled with the
 * fixture of the same meaning (`PARAM_FIXTURES`); give `url` with `{fixture}` names where they differ.
 * Posts carry no fields (the roles let in meet the form's validation, 422); mark `last` a post
 * that acts without any field, and point it at a spare row.
 */

export const ROLES = [
  'anonymous',
  'platformAdmin',
  'adminX',
  'reviewerX',
  'adminY',
  'jointAdmin',
  'leadA',
  'contributorA',
  'contributorANoTheme',
  'leadB',
  'removed',
  'tokenX',
  'tokenY',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * `ok`: let in (any answer but those below: a page, a download, a redirect, or a 400, 409 or 422
 * from the form or the state of the row); `sign-in`: redirected to sign in; `forged`: a post
 * refused for coming with no session of ours (API tokens have none); 401, 403, 404: refused so.
 */
export type Outcome = 'ok' | 'sign-in' | 'forged' | 401 | 403 | 404;

export const FIXTURES = [
  'partnershipX',
  'partnershipY',
  'shortNameX',
  'cycle',
  'agencyA',
  'returnA',
  'themeA',
  'action',
  'challenge',
  'evidenceRequest',
  'evidenceFile',
  'questionDocument',
  'challengeEvent',
  'export',
  'agencyImport',
  'shareRequest',
  'shareAccept',
  'shareWithdraw',
  'signInLink',
  'agencyY',
  'joinRequest',
  'inviteAccept',
  'inviteDecline',
  'spareColleague',
  'spareAgencyPerson',
  'sparePartner',
  'spareAgency',
  'locality',
  'enquiry',
  'version',
  'publishedTheme',
  'draftVersion',
  'draftTheme',
  'draftQuestion',
  'spareVersion',
  'sharedVersion',
  'builtin',
  'spareToken',
  'surveyToken',
  'brandingCss',
  'logo',
  'mail',
] as const;
export type FixtureKey = (typeof FIXTURES)[number];

export interface MatrixRow {
  /** The address called, with `{fixture}` names; by default the route's, its params filled. */
  url?: string;
  expect: Record<Role, Outcome>;
  /** Fields posted beside the CSRF token (with `{fixture}` names), when none would not reach the check. */
  fields?: Record<string, string>;
  /** Why no role is let in (the route refuses everyone, or lets no one stay). */
  noneAllowed?: string;
  /** A hidden field of the form's own (beside `_csrf`), read from the page at the same address. */
  formToken?: string;
  /** Outside production only (the development mailbox shows every email sent, to anyone). */
  devOnly?: boolean;
  /** The form takes a file: posted as multipart. */
  multipart?: boolean;
  /** Acts without any field: run after every other row, in this file's order. */
  last?: boolean;
}

/** The fixture a route parameter stands for, unless the row says otherwise. */
const PARAM_FIXTURES: Record<string, FixtureKey> = {
  partnershipId: 'partnershipX',
  shortName: 'shortNameX',
  cycleId: 'cycle',
  agencyId: 'agencyA',
  returnId: 'returnA',
  themeId: 'themeA',
  actionId: 'action',
  challengeId: 'challenge',
  fileId: 'evidenceFile',
  documentId: 'questionDocument',
  eventId: 'challengeEvent',
  exportId: 'export',
  importId: 'agencyImport',
  localityId: 'locality',
  enquiryId: 'enquiry',
  versionId: 'version',
  questionId: 'draftQuestion',
  tokenId: 'spareToken',
  token: 'surveyToken',
  key: 'builtin',
  id: 'mail',
};

function fill(template: string, ids: Record<FixtureKey, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = ids[key as FixtureKey];
    if (value === undefined) throw new Error(`no fixture named ${key}`);
    return value;
  });
}

export function fieldsFor(row: MatrixRow, ids: Record<FixtureKey, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(row.fields ?? {}).map(([k, v]) => [k, fill(v, ids)]));
}

export function urlFor(path: string, row: MatrixRow, ids: Record<FixtureKey, string>): string {
  return fill(row.url ?? path, ids).replace(/:(\w+)/g, (_, param: string) => {
    const key = PARAM_FIXTURES[param];
    if (!key) throw new Error(`${path}: say in its url which fixture :${param} is`);
    return ids[key];
  });
}

/** The outcome of every role: those named, and `others` for the rest. */
export function by(
  groups: Partial<Record<Outcome, readonly Role[]>> & { others?: Outcome },
): Record<Role, Outcome> {
  const result = {} as Record<Role, Outcome>;
  for (const [outcome, roles] of Object.entries(groups)) {
    if (outcome === 'others') continue;
    for (const role of roles as Role[]) {
      if (role in result) throw new Error(`${role} is given two outcomes`);
      result[role] = /^\d+$/.test(outcome) ? (Number(outcome) as Outcome) : (outcome as Outcome);
    }
  }
  for (const role of ROLES) {
    if (role in result) continue;
    if (!groups.others) throw new Error(`no outcome for ${role}`);
    result[role] = groups.others;
  }
  return result;
}

/** Open to anyone, signed in or not. */
const EVERYONE = by({ others: 'ok' });

/** X's admins only; its reviewers are told they cannot (403); everyone else finds nothing (404). */
const X_ADMIN = by({
  ok: ['adminX'],
  403: ['reviewerX'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 404,
});

/** X's admins and reviewers. */
const X_PARTNERSHIP = by({
  ok: ['adminX', 'reviewerX'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 404,
});

/** X's admins and reviewers, and the joint partner of the audit (its own member agencies only). */
const AUDIT_READERS = by({
  ok: ['adminX', 'reviewerX', 'jointAdmin'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 404,
});

/** X's admins run the audit; its reviewers and the joint partner read it but may not (403). */
const AUDIT_ADMIN = by({
  ok: ['adminX'],
  403: ['reviewerX', 'jointAdmin'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 404,
});

/** The admins of each partnership of the audit write their own findings report; reviewers read it (403). */
const REPORT_WRITERS = by({
  ok: ['adminX', 'jointAdmin'],
  403: ['reviewerX'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 404,
});

/** A's agency lead only; the partnerships that read the return and A's contributors may not (403). */
const RETURN_LEAD = by({
  ok: ['leadA'],
  404: ['platformAdmin', 'adminY', 'leadB', 'removed'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 403,
});

/** Everyone who may read A's return: its partnerships and A's people (a contributor sees its own themes only). */
const RETURN_READ = by({
  404: ['platformAdmin', 'adminY', 'leadB', 'removed'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 'ok',
});

/** A's return's partnerships and its lead; A's contributors may not (403). */
const RETURN_READ_NOT_CONTRIBUTOR = by({
  ok: ['adminX', 'reviewerX', 'jointAdmin', 'leadA'],
  403: ['contributorA', 'contributorANoTheme'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 404,
});

/** The partnerships reviewing A's return; A's people may not (403). */
const RETURN_REVIEW = by({
  ok: ['adminX', 'reviewerX', 'jointAdmin'],
  403: ['leadA', 'contributorA', 'contributorANoTheme'],
  'sign-in': ['anonymous', 'tokenX', 'tokenY'],
  others: 404,
});

/** X's API token; any other is 401, Y's finds nothing (404). */
const API_X = by({ ok: ['tokenX'], 404: ['tokenY'], others: 401 });

/** The same for a form: API tokens carry no session, so their posts are refused as forged. */
/** Changing a document on a theme's question: as saving the theme. */
const THEME_DOCUMENT_CHANGE = by({
  ok: ['leadA', 'contributorA'],
  403: ['adminX', 'reviewerX', 'jointAdmin', 'contributorANoTheme'],
  'sign-in': ['anonymous'],
  forged: ['tokenX', 'tokenY'],
  others: 404,
});

const form = (expect: Record<Role, Outcome>): Record<Role, Outcome> => ({
  ...expect,
  tokenX: 'forged',
  tokenY: 'forged',
});

/**
 * The routes that work across partnerships in the system's context (their `config.systemContext`
 * says why). Every other route is closed until it establishes the partnership it acts for
 * (`src/db/acting-partnership.ts`), so a new route that forgets to can reach no partnership's rows.
 * A new route in this list is a reviewed decision: the test fails until it is named here.
 */
export const ACROSS_PARTNERSHIPS: readonly string[] = [
  // A person's own pages, found from their own roles, invitations and agencies.
  'GET /',
  'GET /returns',
  'GET /enquiries',
  'POST /invitations/:invitationId/accept',
  'POST /invitations/:invitationId/decline',
  // An agency lead's own agency, which works with several partnerships.
  'GET /agencies/:agencyId/colleagues',
  'POST /agencies/:agencyId/colleagues',
  'POST /agencies/:agencyId/colleagues/:userId/remove',
  // The platform admin's pages, and the platform's own sign-in provider.
  'GET /platform/partnerships',
  'GET /platform/partnerships/new',
  'POST /platform/partnerships',
  'GET /platform/sign-in',
  'POST /platform/sign-in',
  'POST /platform/sign-in/remove',
  // Signing in through an organisation's provider: its roles in every partnership decide.
  'GET /sign-in/oidc/callback',
  // The development mailbox (outside production): every mail the service sent.
  'GET /dev/mail',
  'GET /dev/mail/:id',
];

export const MATRIX: Record<string, MatrixRow> = {
  'GET /readyz': { expect: EVERYONE },
  'GET /assets/*': { url: '/assets/govuk-frontend.min.js', expect: EVERYONE },
  'GET /static/*': { url: '/static/app.js', expect: EVERYONE },
  'GET /favicon.ico': { expect: EVERYONE },
  'GET /build/*': { url: '/build/app.css', expect: EVERYONE },
  'GET /healthz': { expect: EVERYONE },
  'GET /sign-in': { expect: EVERYONE },
  'POST /sign-in': { expect: by({ forged: ['tokenX', 'tokenY'], others: 'ok' }) },
  'GET /sign-in/check-email': { expect: EVERYONE },
  'GET /sign-in/link/:token': { url: '/sign-in/link/{signInLink}', expect: EVERYONE },
  'POST /sign-in/link': {
    noneAllowed:
      'a sign-in link is one person’s, used once (test/auth/sign-in.test.ts); without one, every caller finds nothing',
    expect: by({ forged: ['tokenX', 'tokenY'], others: 404 }),
  },
  'GET /': { expect: by({ 'sign-in': ['anonymous', 'tokenX', 'tokenY'], others: 'ok' }) },
  'GET /accessibility': { expect: EVERYONE },
  'GET /privacy': { expect: EVERYONE },
  'GET /display-settings': { expect: EVERYONE },
  'POST /display-settings': { expect: by({ forged: ['tokenX', 'tokenY'], others: 'ok' }) },
  'GET /returns': { expect: by({ 'sign-in': ['anonymous', 'tokenX', 'tokenY'], others: 'ok' }) },
  'GET /returns/:returnId': { expect: RETURN_READ },
  'GET /returns/:returnId/details': { expect: RETURN_READ_NOT_CONTRIBUTOR },
  'POST /returns/:returnId/details': { expect: form(RETURN_LEAD) },
  'GET /returns/:returnId/themes/:themeId': {
    expect: by({
      403: ['contributorANoTheme'],
      404: ['platformAdmin', 'adminY', 'leadB', 'removed'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 'ok',
    }),
  },
  'POST /returns/:returnId/themes/:themeId': {
    expect: by({
      ok: ['leadA', 'contributorA'],
      403: ['adminX', 'reviewerX', 'jointAdmin', 'contributorANoTheme'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /returns/:returnId/themes/:themeId/autosave': {
    expect: by({
      ok: ['leadA', 'contributorA'],
      403: ['adminX', 'reviewerX', 'jointAdmin', 'contributorANoTheme'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /returns/:returnId/themes/:themeId/documents': {
    multipart: true,
    expect: by({
      ok: ['leadA', 'contributorA'],
      403: ['adminX', 'reviewerX', 'jointAdmin', 'contributorANoTheme'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  // Kept and put back: neither changes a document that is not offered, nor one not removed.
  'POST /returns/:returnId/themes/:themeId/documents/:documentId/keep': { expect: THEME_DOCUMENT_CHANGE },
  'POST /returns/:returnId/themes/:themeId/documents/:documentId/restore': { expect: THEME_DOCUMENT_CHANGE },
  'GET /returns/:returnId/documents/:documentId': {
    expect: by({
      ok: ['adminX', 'reviewerX', 'jointAdmin', 'leadA', 'contributorA'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  // Removes the document (leadA's call; the others meet one already removed), after its download.
  'POST /returns/:returnId/themes/:themeId/documents/:documentId/remove': { expect: THEME_DOCUMENT_CHANGE },
  'GET /returns/:returnId/saved': { expect: RETURN_READ },
  'GET /returns/:returnId/sign-off': { expect: RETURN_READ_NOT_CONTRIBUTOR },
  'POST /returns/:returnId/sign-off': { expect: form(RETURN_LEAD) },
  'GET /returns/:returnId/check': { expect: RETURN_READ },
  'GET /returns/:returnId/confirmation': { expect: RETURN_READ },
  'GET /returns/:returnId/copy': { expect: RETURN_READ_NOT_CONTRIBUTOR },
  'GET /returns/:returnId/copy.pdf': { expect: RETURN_READ_NOT_CONTRIBUTOR },
  'GET /returns/:returnId/scores': { expect: RETURN_READ_NOT_CONTRIBUTOR },
  'GET /returns/:returnId/actions': { expect: RETURN_READ },
  'GET /returns/:returnId/actions.xlsx': { expect: RETURN_READ },
  'GET /returns/:returnId/actions/:actionId': { expect: RETURN_LEAD },
  'POST /returns/:returnId/actions/:actionId': { expect: form(RETURN_LEAD) },
  'GET /returns/:returnId/history': { expect: RETURN_READ_NOT_CONTRIBUTOR },
  'GET /returns/:returnId/review': { expect: RETURN_REVIEW },
  'GET /returns/:returnId/review/challenges/new': { expect: RETURN_REVIEW },
  'POST /returns/:returnId/review/challenges/new': { expect: form(RETURN_REVIEW) },
  'GET /returns/:returnId/challenges': { expect: RETURN_READ },
  'GET /returns/:returnId/challenges/:challengeId': {
    expect: by({
      ok: ['adminX', 'reviewerX', 'jointAdmin', 'leadA', 'contributorA'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /returns/:returnId/challenges/:challengeId': {
    expect: by({
      ok: ['adminX', 'reviewerX', 'jointAdmin', 'leadA', 'contributorA'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /returns/:returnId/review/grades/:themeId': { expect: RETURN_REVIEW },
  'POST /returns/:returnId/review/grades/:themeId': { expect: form(RETURN_REVIEW) },
  'GET /returns/:returnId/review/evidence/new': { expect: RETURN_REVIEW },
  'POST /returns/:returnId/review/evidence/new': { expect: form(RETURN_REVIEW) },
  'GET /returns/:returnId/evidence': { expect: RETURN_READ },
  'GET /returns/:returnId/evidence/:requestId': {
    url: '/returns/:returnId/evidence/{evidenceRequest}',
    expect: by({
      ok: ['adminX', 'reviewerX', 'jointAdmin', 'leadA', 'contributorA'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /returns/:returnId/evidence/:requestId': {
    url: '/returns/:returnId/evidence/{evidenceRequest}',
    multipart: true,
    expect: by({
      ok: ['leadA', 'contributorA'],
      403: ['adminX', 'reviewerX', 'jointAdmin'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /returns/:returnId/evidence/:requestId/files/:fileId': {
    url: '/returns/:returnId/evidence/{evidenceRequest}/files/:fileId',
    expect: by({
      ok: ['adminX', 'reviewerX', 'jointAdmin', 'leadA', 'contributorA'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /returns/:returnId/review/outcome': {
    expect: by({
      ok: ['adminX', 'reviewerX'],
      403: ['jointAdmin', 'leadA', 'contributorA', 'contributorANoTheme'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /returns/:returnId/review/outcome': {
    expect: by({
      ok: ['adminX', 'reviewerX'],
      403: ['jointAdmin', 'leadA', 'contributorA', 'contributorANoTheme'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /cycles/:cycleId/evidence-requests': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/challenge-events': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/challenge-events/new': { expect: AUDIT_READERS },
  'POST /cycles/:cycleId/challenge-events/new': { expect: form(AUDIT_READERS) },
  'GET /cycles/:cycleId/challenge-events/:eventId': { expect: X_PARTNERSHIP },
  'POST /cycles/:cycleId/challenge-events/:eventId/notes': { expect: form(X_PARTNERSHIP) },
  'POST /cycles/:cycleId/challenge-events/:eventId/actions': { expect: form(X_PARTNERSHIP) },
  'GET /cycles/:cycleId': { expect: AUDIT_READERS },
  'POST /cycles/:cycleId/reminders': { expect: form(AUDIT_ADMIN) },
  'GET /cycles/:cycleId/returns.csv': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/returns.xlsx': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/exports': { expect: AUDIT_READERS },
  'POST /cycles/:cycleId/exports': { expect: form(AUDIT_READERS) },
  'GET /cycles/:cycleId/exports/:exportId': { expect: X_PARTNERSHIP },
  'GET /cycles/:cycleId/exports/:exportId/status.json': { expect: X_PARTNERSHIP },
  'GET /cycles/:cycleId/exports/:exportId/download': { expect: X_PARTNERSHIP },
  'GET /cycles/:cycleId/results': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/results.xlsx': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/results/progress.json': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/report': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/report/edit': { expect: REPORT_WRITERS },
  'POST /cycles/:cycleId/report/edit': { expect: form(REPORT_WRITERS) },
  'GET /cycles/:cycleId/report/good-practice': { expect: REPORT_WRITERS },
  'POST /cycles/:cycleId/report/good-practice': {
    fields: { theme: 'safer-recruitment' },
    expect: form(REPORT_WRITERS),
  },
  'GET /cycles/:cycleId/report/finalise': { expect: REPORT_WRITERS },
  'GET /cycles/:cycleId/report.pdf': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/report.xlsx': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/deadline': { expect: AUDIT_ADMIN },
  'POST /cycles/:cycleId/deadline': { expect: form(AUDIT_ADMIN) },
  'GET /cycles/:cycleId/returns/:returnId/extension': { expect: AUDIT_ADMIN },
  'POST /cycles/:cycleId/returns/:returnId/extension': { expect: form(AUDIT_ADMIN) },
  'GET /cycles/:cycleId/agencies': { expect: AUDIT_ADMIN },
  'POST /cycles/:cycleId/agencies': { expect: form(AUDIT_ADMIN) },
  'GET /cycles/:cycleId/reminder-schedule': { expect: AUDIT_ADMIN },
  'POST /cycles/:cycleId/reminder-schedule': { expect: form(AUDIT_ADMIN) },
  'GET /partnerships/:partnershipId/action-reminders': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/action-reminders': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/agencies': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/agencies/new': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/agencies': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/agencies/:agencyId': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/agencies/:agencyId': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/agencies/import': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/agencies/import/template.csv': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/agencies/import/template.xlsx': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/agencies/import': { multipart: true, expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/agencies/import/:importId': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/agencies/import/:importId': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/agencies/find': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/agency-shares/new': {
    url: '/partnerships/{partnershipX}/agency-shares/new?agency={agencyY}&asked={partnershipY}',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/agency-shares': {
    fields: { agencyId: '{agencyY}', askedPartnershipId: '{partnershipY}' },
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/agency-shares': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/agency-shares/:requestId': {
    url: '/partnerships/:partnershipId/agency-shares/{shareRequest}',
    expect: X_ADMIN,
  },
  'GET /join': { expect: EVERYONE },
  'GET /join/:partnershipId': { expect: EVERYONE },
  'POST /join/:partnershipId': { expect: by({ forged: ['tokenX', 'tokenY'], others: 'ok' }) },
  'GET /join/:partnershipId/sent': { expect: EVERYONE },
  'GET /partnerships/:partnershipId/join-requests': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/join-requests/:requestId': {
    url: '/partnerships/:partnershipId/join-requests/{joinRequest}',
    expect: X_ADMIN,
  },
  'GET /partnerships/:partnershipId/cycles/new': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/cycles': { expect: form(X_ADMIN) },
  'GET /cycles/:cycleId/change': { expect: AUDIT_ADMIN },
  'POST /cycles/:cycleId/change': { expect: form(AUDIT_ADMIN) },
  'GET /partnerships/:partnershipId/people': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/people/new': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/people': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/people/:userId': {
    url: '/partnerships/:partnershipId/people/{sparePartner}',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/people/:userId': {
    url: '/partnerships/:partnershipId/people/{sparePartner}',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/people/:userId/anonymise': {
    url: '/partnerships/:partnershipId/people/{sparePartner}/anonymise',
    expect: X_ADMIN,
  },
  // Without the confirming tick: refused with the form's error (422), nobody is changed.
  'POST /partnerships/:partnershipId/people/:userId/anonymise': {
    url: '/partnerships/:partnershipId/people/{sparePartner}/anonymise',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/agencies/:agencyId/people/:userId/anonymise': {
    url: '/partnerships/:partnershipId/agencies/:agencyId/people/{spareAgencyPerson}/anonymise',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/agencies/:agencyId/people/:userId/anonymise': {
    url: '/partnerships/:partnershipId/agencies/:agencyId/people/{spareAgencyPerson}/anonymise',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/privacy': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/privacy/retention': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/privacy/retention': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/privacy/subject-access': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/privacy/subject-access': { expect: form(X_ADMIN) },
  'GET /agencies/:agencyId/colleagues': {
    expect: by({
      ok: ['leadA'],
      403: ['contributorA', 'contributorANoTheme'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /agencies/:agencyId/colleagues': {
    expect: by({
      ok: ['leadA'],
      403: ['contributorA', 'contributorANoTheme'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /partnerships/:partnershipId/agencies/:agencyId/people': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/agencies/:agencyId/people': { expect: form(X_ADMIN) },
  'GET /returns/:returnId/assignments': { expect: RETURN_LEAD },
  'GET /returns/:returnId/assignments/:themeId': { expect: RETURN_LEAD },
  'POST /returns/:returnId/assignments/:themeId': { expect: form(RETURN_LEAD) },
  'GET /partnerships/:partnershipId/settings': { expect: X_ADMIN },
  'GET /partnerships/:partnershipId/settings/details': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/settings/details': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/settings/localities/new': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/settings/localities': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/settings/localities/:localityId': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/settings/localities/:localityId': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/settings/branding': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/settings/branding/colour': { expect: form(X_ADMIN) },
  'POST /partnerships/:partnershipId/settings/branding/logo': { multipart: true, expect: form(X_ADMIN) },
  'GET /branding/:file': {
    url: '/branding/{brandingCss}',
    expect: by({
      404: ['platformAdmin', 'adminY', 'jointAdmin', 'removed'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 'ok',
    }),
  },
  'GET /branding/:partnershipId/:file': {
    url: '/branding/{partnershipX}/{logo}',
    expect: by({
      404: ['platformAdmin', 'adminY', 'jointAdmin', 'removed'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 'ok',
    }),
  },
  // Sign-in through an organisation's identity provider: the steps need the browser's own
  // sign-in cookie (without one, a 400 page), so every caller is answered alike.
  'GET /sign-in/organisation': { expect: EVERYONE },
  'GET /sign-in/oidc/start': { expect: EVERYONE },
  'GET /sign-in/oidc/callback': { expect: EVERYONE },
  'GET /partnerships/:partnershipId/settings/sign-in': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/settings/sign-in': { expect: form(X_ADMIN) },
  'POST /partnerships/:partnershipId/settings/sign-in/remove': { expect: form(X_ADMIN), last: true },
  'GET /platform/sign-in': {
    expect: by({ ok: ['platformAdmin'], 'sign-in': ['anonymous', 'tokenX', 'tokenY'], others: 404 }),
  },
  'POST /platform/sign-in': {
    expect: by({
      ok: ['platformAdmin'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /platform/sign-in/remove': {
    expect: by({
      ok: ['platformAdmin'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
    last: true,
  },
  'GET /platform/partnerships': {
    expect: by({ ok: ['platformAdmin'], 'sign-in': ['anonymous', 'tokenX', 'tokenY'], others: 404 }),
  },
  'GET /platform/partnerships/new': {
    expect: by({ ok: ['platformAdmin'], 'sign-in': ['anonymous', 'tokenX', 'tokenY'], others: 404 }),
  },
  'POST /platform/partnerships': {
    expect: by({
      ok: ['platformAdmin'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /guidance': { expect: by({ 'sign-in': ['anonymous', 'tokenX', 'tokenY'], others: 'ok' }) },
  'GET /p/:shortName/guidance': { expect: EVERYONE },
  'GET /p/:shortName/accessibility': { expect: EVERYONE },
  'GET /partnerships/:partnershipId/guidance': {
    expect: by({
      404: ['platformAdmin', 'adminY', 'jointAdmin', 'removed'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 'ok',
    }),
  },
  'GET /partnerships/:partnershipId/guidance/edit': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/guidance/edit': { expect: form(X_ADMIN) },
  'GET /p/:shortName/faq': { expect: EVERYONE },
  'GET /partnerships/:partnershipId/faq': {
    expect: by({
      404: ['platformAdmin', 'adminY', 'jointAdmin', 'removed'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 'ok',
    }),
  },
  'GET /partnerships/:partnershipId/faq/edit': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/faq/edit': { expect: form(X_ADMIN) },
  'GET /enquiries': {
    expect: by({
      ok: ['leadA', 'contributorA', 'contributorANoTheme', 'leadB', 'removed'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /enquiries/new': {
    expect: by({
      ok: ['leadA', 'contributorA', 'contributorANoTheme', 'leadB', 'removed'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /enquiries/new': {
    expect: by({
      ok: ['leadA', 'contributorA', 'contributorANoTheme', 'leadB', 'removed'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /enquiries/:enquiryId': {
    expect: by({
      ok: ['leadA', 'contributorA', 'contributorANoTheme'],
      'sign-in': ['anonymous', 'tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /enquiries/:enquiryId': {
    expect: by({
      ok: ['leadA', 'contributorA', 'contributorANoTheme'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'GET /partnerships/:partnershipId/enquiries': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/enquiries/:enquiryId': { expect: X_PARTNERSHIP },
  'POST /partnerships/:partnershipId/enquiries/:enquiryId': { expect: form(X_ADMIN) },
  'GET /p/:shortName/enquiries/new': { expect: EVERYONE },
  'POST /p/:shortName/enquiries/new': { expect: by({ forged: ['tokenX', 'tokenY'], others: 'ok' }) },
  'GET /p/:shortName/enquiries/sent': { expect: EVERYONE },
  'GET /partnerships/:partnershipId/templates': { expect: X_PARTNERSHIP },
  'POST /partnerships/:partnershipId/templates/import': { multipart: true, expect: form(X_ADMIN) },
  'POST /partnerships/:partnershipId/templates/import-workbook': { multipart: true, expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/templates/workbook.xlsx': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/export.xlsx': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/templates/versions/:versionId': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/compare': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/export.yaml': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/export.json': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/api-tokens': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/api-tokens': { expect: form(X_ADMIN) },
  'GET /api': { expect: EVERYONE },
  'GET /api/v1/openapi.json': { expect: EVERYONE },
  'POST /api/v1/*': {
    url: '/api/v1/cycles',
    noneAllowed: 'the API is read-only, whoever asks',
    expect: by({ others: 403 }),
  },
  'PUT /api/v1/*': {
    url: '/api/v1/cycles',
    noneAllowed: 'the API is read-only, whoever asks',
    expect: by({ others: 403 }),
  },
  'PATCH /api/v1/*': {
    url: '/api/v1/cycles',
    noneAllowed: 'the API is read-only, whoever asks',
    expect: by({ others: 403 }),
  },
  'DELETE /api/v1/*': {
    url: '/api/v1/cycles',
    noneAllowed: 'the API is read-only, whoever asks',
    expect: by({ others: 403 }),
  },
  'GET /api/v1/cycles': { expect: by({ ok: ['tokenX', 'tokenY'], others: 401 }) },
  'GET /api/v1/cycles/:cycleId': { expect: API_X },
  'GET /api/v1/cycles/:cycleId/returns': { expect: API_X },
  'GET /api/v1/cycles/:cycleId/answers': { expect: API_X },
  'GET /api/v1/cycles/:cycleId/theme-ratings': { expect: API_X },
  'GET /api/v1/cycles/:cycleId/actions': { expect: API_X },
  'GET /partnerships/:partnershipId/templates/new': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/templates/new': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/edit': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/edit',
    expect: X_ADMIN,
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/details': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/details',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/details': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/details',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/new': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/new',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/new': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/new',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}',
    expect: X_ADMIN,
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/edit': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/edit',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/edit': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/edit',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/delete': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/delete',
    expect: X_ADMIN,
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/preview': {
    url: '/partnerships/:partnershipId/templates/versions/{version}/themes/{publishedTheme}/preview',
    expect: X_PARTNERSHIP,
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/new': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/questions/new',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/new': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/questions/new',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/:questionId': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/questions/:questionId',
    expect: X_ADMIN,
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/:questionId': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/questions/:questionId',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/:questionId/delete':
    {
      url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/questions/:questionId/delete',
      expect: X_ADMIN,
    },
  'GET /survey/:token': { expect: EVERYONE },
  'POST /survey/:token': { formToken: '_form', expect: EVERYONE },
  'GET /survey/:token/sent': { expect: EVERYONE },
  'GET /cycles/:cycleId/survey': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/survey/settings': { expect: AUDIT_ADMIN },
  'POST /cycles/:cycleId/survey/settings': { expect: form(AUDIT_ADMIN) },
  'GET /cycles/:cycleId/survey/returns/:returnId': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/survey/results.csv': { expect: AUDIT_READERS },
  'GET /cycles/:cycleId/survey/results.xlsx': { expect: AUDIT_READERS },
  'GET /returns/:returnId/survey': { expect: RETURN_LEAD },
  'GET /partnerships/:partnershipId/templates/library': { expect: X_PARTNERSHIP },
  'GET /partnerships/:partnershipId/templates/library/builtin/:key': { expect: X_PARTNERSHIP },
  'POST /partnerships/:partnershipId/templates/library/builtin/:key': { expect: form(X_ADMIN) },
  'GET /partnerships/:partnershipId/templates/library/shared/:versionId': {
    url: '/partnerships/:partnershipId/templates/library/shared/{sharedVersion}',
    expect: X_PARTNERSHIP,
  },
  'POST /partnerships/:partnershipId/templates/library/shared/:versionId': {
    url: '/partnerships/:partnershipId/templates/library/shared/{sharedVersion}',
    expect: form(X_ADMIN),
  },
  'GET /partnerships/:partnershipId/templates/versions/:versionId/sharing': { expect: X_ADMIN },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/sharing': { expect: form(X_ADMIN) },
  'GET /dev/mail': { devOnly: true, expect: EVERYONE },
  'GET /dev/mail/:id': { devOnly: true, expect: EVERYONE },
  'POST /returns/:returnId/challenges/:challengeId/close': {
    last: true,
    expect: by({
      ok: ['adminX', 'reviewerX', 'jointAdmin'],
      403: ['leadA'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /returns/:returnId/evidence/:requestId/satisfied': {
    url: '/returns/:returnId/evidence/{evidenceRequest}/satisfied',
    last: true,
    expect: by({
      ok: ['adminX', 'reviewerX', 'jointAdmin'],
      403: ['leadA'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /cycles/:cycleId/report/finalise': { last: true, expect: form(REPORT_WRITERS) },
  'POST /partnerships/:partnershipId/agencies/:agencyId/archive': {
    url: '/partnerships/:partnershipId/agencies/{spareAgency}/archive',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/agencies/:agencyId/restore': {
    url: '/partnerships/:partnershipId/agencies/{spareAgency}/restore',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/agency-shares/:requestId/decline': {
    url: '/partnerships/:partnershipId/agency-shares/{shareRequest}/decline',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/agency-shares/:requestId/withdraw': {
    url: '/partnerships/{partnershipY}/agency-shares/{shareWithdraw}/withdraw',
    last: true,
    expect: by({ ok: ['adminY'], 'sign-in': ['anonymous'], forged: ['tokenX', 'tokenY'], others: 404 }),
  },
  'POST /partnerships/:partnershipId/agency-shares/:requestId/accept': {
    url: '/partnerships/:partnershipId/agency-shares/{shareAccept}/accept',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/join-requests/:requestId/approve': {
    url: '/partnerships/:partnershipId/join-requests/{joinRequest}/approve',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/join-requests/:requestId/decline': {
    url: '/partnerships/:partnershipId/join-requests/{joinRequest}/decline',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/people/:userId/remove': {
    url: '/partnerships/:partnershipId/people/{sparePartner}/remove',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /agencies/:agencyId/colleagues/:userId/remove': {
    url: '/agencies/:agencyId/colleagues/{spareColleague}/remove',
    last: true,
    expect: by({
      ok: ['leadA'],
      403: ['contributorA', 'contributorANoTheme'],
      'sign-in': ['anonymous'],
      forged: ['tokenX', 'tokenY'],
      others: 404,
    }),
  },
  'POST /partnerships/:partnershipId/agencies/:agencyId/people/:userId/reinvite': {
    url: '/partnerships/:partnershipId/agencies/:agencyId/people/{spareAgencyPerson}/reinvite',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/agencies/:agencyId/people/:userId/remove': {
    url: '/partnerships/:partnershipId/agencies/:agencyId/people/{spareAgencyPerson}/remove',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/settings/localities/:localityId/retire': {
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/settings/localities/:localityId/restore': {
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/settings/branding/logo/remove': { last: true, expect: form(X_ADMIN) },
  'POST /partnerships/:partnershipId/public-pages': { last: true, expect: form(X_ADMIN) },
  'POST /partnerships/:partnershipId/enquiries/:enquiryId/close': { last: true, expect: form(X_ADMIN) },
  'POST /partnerships/:partnershipId/enquiries/:enquiryId/reopen': { last: true, expect: form(X_ADMIN) },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/new-draft': {
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/sharing/stop': {
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/move': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/move',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/:questionId/move':
    {
      url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/questions/:questionId/move',
      last: true,
      expect: form(X_ADMIN),
    },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/:questionId/delete':
    {
      url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/questions/:questionId/delete',
      last: true,
      expect: form(X_ADMIN),
    },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/delete': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/themes/{draftTheme}/delete',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/publish': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/publish',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/retire': {
    url: '/partnerships/:partnershipId/templates/versions/{spareVersion}/retire',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/templates/versions/:versionId/delete': {
    url: '/partnerships/:partnershipId/templates/versions/{draftVersion}/delete',
    last: true,
    expect: form(X_ADMIN),
  },
  'POST /partnerships/:partnershipId/api-tokens/:tokenId/revoke': { last: true, expect: form(X_ADMIN) },
  'POST /cycles/:cycleId/survey/returns/:returnId/new-link': { last: true, expect: form(AUDIT_ADMIN) },
  'POST /returns/:returnId/survey/new-link': { last: true, expect: form(RETURN_LEAD) },
  'POST /returns/:returnId/submit': { last: true, expect: form(RETURN_LEAD) },
  'POST /invitations/:invitationId/decline': {
    url: '/invitations/{inviteDecline}/decline',
    last: true,
    expect: by({ ok: ['leadB'], 'sign-in': ['anonymous'], forged: ['tokenX', 'tokenY'], others: 404 }),
  },
  'POST /invitations/:invitationId/accept': {
    url: '/invitations/{inviteAccept}/accept',
    last: true,
    expect: by({ ok: ['leadB'], 'sign-in': ['anonymous'], forged: ['tokenX', 'tokenY'], others: 404 }),
  },
  'POST /session/extend': {
    expect: by({ 'sign-in': ['anonymous'], forged: ['tokenX', 'tokenY'], others: 'ok' }),
  },
  'POST /sign-out': {
    last: true,
    noneAllowed: 'signing out ends at the sign-in page, for everyone with a session',
    expect: by({ forged: ['tokenX', 'tokenY'], others: 'sign-in' }),
  },
};
