/**
 * The read-only JSON API for a partnership's analysts, under /api/v1. A bearer token (no session,
 * no CSRF) names the partnership; everything read is that partnership's: its own cycles and the joint
 * cycles it takes part in (with its own member agencies only). Errors are JSON with 401, 403 or 404.
 * Every route is described in docs/api/openapi.json, served at /api/v1/openapi.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { inPartnershipScope } from '../../db/partnership-scope.ts';
import type { CycleKind } from '../../db/schema.ts';
import { findCycleForPartnerships } from '../../domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { loggedError } from '../../lib/error-log.ts';
import { answerIfUnavailable } from '../../lib/service-availability.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { MonitoringRow } from '../cycles/monitoring.ts';
import type { ActionExportRow, AnswerRow, ReturnColumns, ThemeGradeRow } from '../exports/cycle-data.ts';
import { checkApiToken } from './api-tokens.repository.ts';
import {
  countListRows,
  type ListKind,
  type ListRow,
  type PagePosition,
  positionOfOffset,
  readListPage,
} from './cycle-pages.repository.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The OpenAPI 3.1 document, kept in the repository beside the other docs. */
export const OPENAPI_PATH = join(root, 'docs/api/openapi.json');
export function loadOpenApi(): { paths: Record<string, Record<string, { summary?: string }>> } & Record<
  string,
  unknown
> {
  return JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The partnership whose API token the request carries. */
    apiPartnershipId?: string;
  }
}

type CycleRoute = { Params: { cycleId: string }; Querystring: Record<string, unknown> };
type CycleParams = FastifyRequest<CycleRoute>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `page` and `pageSize` from the query: whole numbers, the size at most MAX_PAGE_SIZE. */
export function parsePaging(query: Record<string, unknown>): { page: number; pageSize: number } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const text = String(raw);
    const n = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new ApiError(400, 'invalid_parameter', `${name} must be a whole number from 1 to ${max}`);
    return n;
  };
  return { page: read('page', 1, 1_000_000), pageSize: read('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
}

/** Where a page starts, as `links.next` carries it: the position in the list and the page's number. */
export interface Cursor extends PagePosition {
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor as text for an address: opaque to clients, base64url of its fields. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sortName, c.returnId, c.skip, c.page]), 'utf8').toString('base64url');
}

/** The cursor of `links.next`; 400 for anything this API did not give. */
export function decodeCursor(text: string): Cursor {
  const refuse = () => new ApiError(400, 'invalid_parameter', 'cursor must be one given in links.next');
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (
    !Array.isArray(v) ||
    v.length !== 4 ||
    typeof v[0] !== 'string' ||
    v[0].length > 1000 ||
    typeof v[1] !== 'string' ||
    !UUID.test(v[1]) ||
    !Number.isSafeInteger(v[2]) ||
    v[2] < 0 ||
    !Number.isSafeInteger(v[3]) ||
    v[3] < 1
  )
    throw refuse();
  return { sortName: v[0], returnId: v[1], skip: v[2], page: v[3] };
}

/** The `cursor` parameter, if given. */
export function parseCursor(query: Record<string, unknown>): Cursor | null {
  const raw = query.cursor;
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || raw.length > 4000) throw decodeCursorError();
  return decodeCursor(raw);
}
const decodeCursorError = () =>
  new ApiError(400, 'invalid_parameter', 'cursor must be one given in links.next');

/** One page of `items`, with its position and the links to the pages beside it. */
export function paginate<T>(items: T[], query: Record<string, unknown>, path: string) {
  const { page, pageSize } = parsePaging(query);
  const totalItems = items.length;
  const totalPages = Math.max(1, Math.ceil(totalItems / pageSize));
  const link = (n: number) => `${path}?page=${n}&pageSize=${pageSize}`;
  return {
    data: items.slice((page - 1) * pageSize, page * pageSize),
    meta: { page, pageSize, totalItems, totalPages },
    links: {
      self: link(page),
      next: page < totalPages ? link(page + 1) : null,
      prev: page > 1 ? link(Math.min(page - 1, totalPages)) : null,
    },
  };
}

function returnJson(
  r: Pick<
    ReturnColumns,
    | 'returnId'
    | 'agencyId'
    | 'agencyName'
    | 'sector'
    | 'statutory'
    | 'localityNames'
    | 'returnStatus'
    | 'reference'
  >,
) {
  return {
    returnId: r.returnId,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    sector: r.sector,
    basis: r.statutory ? 'statutory' : 'voluntary',
    localities: r.localityNames,
    status: r.returnStatus,
    reference: r.reference,
  };
}

function returnsJson(r: MonitoringRow) {
  return {
    ...returnJson(r),
    monitoringStatus: r.status,
    themesCompleted: r.completedThemes,
    themesTotal: r.totalThemes,
    submittedAt: iso(r.submittedAt),
    lastActivityAt: iso(r.lastActivityAt),
    deadline: iso(r.deadline),
  };
}

function answerJson(a: AnswerRow) {
  return {
    ...returnJson(a),
    themeId: a.themeId,
    themeNumber: a.themeNumber,
    themeKey: a.themeKey,
    themeTitle: a.themeTitle,
    questionId: a.questionId,
    questionKey: a.questionKey,
    questionText: a.questionText,
    scale: a.scale,
    response: a.response,
    choices: a.choices,
    value: a.value,
    answerText: a.answerText,
    awaitingConfirmation: a.awaitingConfirmation,
    naReason: a.naReason,
    evidenceDocument: a.evidenceDocument,
    evidenceLocation: a.evidenceLocation,
    comment: a.comment,
    impact: a.impact,
    actionDescription: a.actionDescription,
    actionTargetDate: a.actionTargetDate,
    actionStatus: a.actionStatus,
    actionLead: a.actionLead,
    themeRating: a.themeRating,
    themeJustification: a.themeJustification,
    moderatedGrade: a.moderatedGrade,
    moderationReason: a.moderationReason,
    challenges: a.challengeThread,
  };
}

function themeGradeJson(g: ThemeGradeRow) {
  return {
    ...returnJson(g),
    themeId: g.themeId,
    themeNumber: g.themeNumber,
    themeKey: g.themeKey,
    themeTitle: g.themeTitle,
    rating: g.themeRating,
    justification: g.themeJustification,
    completed: g.themeCompleted,
    moderatedGrade: g.moderatedGrade,
    moderationReason: g.moderationReason,
    moderatedBy: g.moderatedBy,
    moderatedAt: iso(g.moderatedAt),
  };
}

function actionJson(a: ActionExportRow) {
  return {
    ...returnJson(a),
    actionId: a.actionId,
    themeId: a.themeId,
    themeNumber: a.themeNumber,
    themeTitle: a.themeTitle,
    questionKey: a.questionKey,
    description: a.description,
    targetDate: a.targetDate,
    leadPerson: a.leadPerson,
    successCriteria: a.successCriteria,
    status: a.status,
    updatedAt: iso(a.updatedAt),
  };
}

function cycleJson(c: CycleInfo) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    opensAt: iso(c.opensAt),
    closesAt: iso(c.closesAt),
    runBy: { id: c.partnershipId, name: c.partnershipName },
    joint: c.jointPartnerships.length > 0,
  };
}

export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;
  const openApi = loadOpenApi();
  // The app takes only form bodies; the API (read-only today) keeps JSON for what it may take.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    if (await answerIfUnavailable(error, request, reply)) return reply;
    if (error instanceof ApiError)
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500)
      request.log.error(
        { error: loggedError(error), route: request.routeOptions.url ?? null },
        'unexpected error: answered 500',
      );
    const code = status === 403 ? 'forbidden' : status === 500 ? 'server_error' : 'bad_request';
    return reply.code(status).send({
      error: {
        code,
        message:
          status === 403
            ? 'The API is read-only: only GET requests are accepted.'
            : status === 500
              ? 'Something went wrong. Try again later.'
              : 'The request could not be read.',
      },
    });
  });
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'There is no such resource.' } }),
  );
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // The document is public: it describes the API, not any partnership's data.
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json').send(openApi));

  // Anything but reading is refused, whatever it carries.
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async () => {
      throw new ApiError(403, 'read_only', 'The API is read-only: only GET requests are accepted.');
    },
  });

  async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const refuse = (message: string) => {
      reply.header('www-authenticate', 'Bearer realm="section11-api"');
      throw new ApiError(401, 'unauthorized', message);
    };
    if (!match) return refuse('Send an API token in the Authorization header: Bearer <token>.');
    const check = await checkApiToken(db, match[1]!, clock.now());
    if (!check.ok)
      return refuse(
        check.reason === 'revoked'
          ? 'This API token has been revoked.'
          : check.reason === 'expired'
            ? 'This API token has expired.'
            : 'This API token is not recognised.',
      );
    request.apiPartnershipId = check.partnershipId;
  }

  /**
   * The token's partnership's work, in the database's scope of that partnership (row-level
   * security, see `partnership-scope.ts`): what the API reads is bound to it by the database too.
   */
  function forPartnership<T>(request: FastifyRequest, fn: (db: DbOrTx) => Promise<T>): Promise<T> {
    return inPartnershipScope(database.db, request.apiPartnershipId!, fn);
  }

  async function cycleFor(db: DbOrTx, request: CycleParams): Promise<CycleInfo> {
    const cycleId = request.params.cycleId;
    const cycle = isUuid(cycleId)
      ? await findCycleForPartnerships(
          db,
          [{ partnershipId: request.apiPartnershipId!, role: 'reviewer' }],
          cycleId,
        )
      : null;
    if (!cycle) throw new ApiError(404, 'not_found', 'There is no such audit cycle for your partnership.');
    return cycle;
  }

  /**
   * A page of one of the cycle's lists, read in the database: from `cursor` (as `links.next` gives
   * it, a keyset position: the cost of a page does not grow with the audit) or from `page` (kept for
   * clients that count pages; it finds its position through the order of every return, so it costs a
   * little more on a large audit). `links.next` always carries a cursor.
   */
  async function listPage<K extends ListKind>(
    db: DbOrTx,
    request: CycleParams,
    kind: K,
    toJson: (row: ListRow<K>) => unknown,
  ) {
    const query = request.query ?? {};
    const { page, pageSize } = parsePaging(query);
    const cursor = parseCursor(query);
    const cycle = await cycleFor(db, request);
    const path = `${base}/cycles/${cycle.id}/${kind}`;
    const pageNumber = cursor ? cursor.page : page;
    const totalItems = await countListRows(db, cycle, kind);
    const totalPages = Math.max(1, Math.ceil(totalItems / pageSize));
    const from =
      cursor ?? (page === 1 ? null : await positionOfOffset(db, cycle, kind, (page - 1) * pageSize));
    const result =
      !cursor && page > 1 && !from
        ? { rows: [], next: null }
        : await readListPage(db, cycle, kind, from, pageSize, clock.now());
    const pageLink = (n: number) => `${path}?page=${n}&pageSize=${pageSize}`;
    return {
      data: result.rows.map(toJson),
      meta: { page: pageNumber, pageSize, totalItems, totalPages },
      links: {
        self: cursor ? `${path}?pageSize=${pageSize}&cursor=${encodeCursor(cursor)}` : pageLink(page),
        next: result.next
          ? `${path}?pageSize=${pageSize}&cursor=${encodeCursor({ ...result.next, page: pageNumber + 1 })}`
          : null,
        prev: pageNumber > 1 ? pageLink(Math.min(pageNumber - 1, totalPages)) : null,
      },
    };
  }

  const base = '/api/v1';
  const opts = { onRequest: authenticate };

  app.get<{ Querystring: Record<string, unknown> }>('/cycles', opts, (request) =>
    forPartnership(request, async (db) => {
      const partnershipId = request.apiPartnershipId!;
      const ids = await queryRows<{ id: string; kind: CycleKind | null }>(
        db,
        sql`select c.id, c.kind from cycles c
          where c.partnership_id = ${partnershipId}
             or exists (select 1 from cycle_partnerships cp where cp.cycle_id = c.id and cp.partnership_id = ${partnershipId})
          order by c.opens_at desc, c.id`,
      );
      const page = paginate(ids, request.query ?? {}, `${base}/cycles`);
      const cycles = [];
      for (const { id } of page.data) {
        const cycle = await findCycleForPartnerships(db, [{ partnershipId, role: 'reviewer' }], id);
        if (cycle) cycles.push(cycleJson(cycle));
      }
      return { ...page, data: cycles };
    }),
  );

  app.get<CycleRoute>('/cycles/:cycleId', opts, (request) =>
    forPartnership(request, async (db) => ({ data: cycleJson(await cycleFor(db, request)) })),
  );

  app.get<CycleRoute>('/cycles/:cycleId/returns', opts, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'returns', returnsJson)),
  );

  app.get<CycleRoute>('/cycles/:cycleId/answers', opts, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'answers', answerJson)),
  );

  app.get<CycleRoute>('/cycles/:cycleId/theme-ratings', opts, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'theme-ratings', themeGradeJson)),
  );

  app.get<CycleRoute>('/cycles/:cycleId/actions', opts, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'actions', actionJson)),
  );
}
