/**
 * What the API's routes share: the bearer token check that names the partnership, the database's
 * scope of that partnership, and the cycle a route names. Each group of routes registers itself
 * with it; `api.routes.ts` is the table of them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actFor } from '../../db/acting-partnership.ts';
import type { DbOrTx } from '../../db/client.ts';
import { inPartnershipScope } from '../../db/partnership-scope.ts';
import { findCycleForPartnerships } from '../../domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { isUuid } from '../../lib/tokens.ts';
import { ApiError } from './api-errors.ts';
import { checkApiToken } from './api-tokens.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The partnership whose API token the request carries. */
    apiPartnershipId?: string;
  }
}

/** Where the API's routes are mounted, for the links it gives. */
export const API_BASE = '/api/v1';

export type CycleRoute = { Params: { cycleId: string }; Querystring: Record<string, unknown> };
export type CycleRequest = FastifyRequest<CycleRoute>;

export function apiRoutesContext(app: FastifyInstance) {
  const { database, clock } = app.deps;
  const db = database.db;

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
    // The rest of the request acts for the token's partnership (the database's wall).
    actFor(check.partnershipId);
  }

  /**
   * The token's partnership's work, in the database's scope of that partnership (row-level
   * security, see `partnership-scope.ts`): what the API reads is bound to it by the database too.
   */
  function forPartnership<T>(request: FastifyRequest, fn: (db: DbOrTx) => Promise<T>): Promise<T> {
    return inPartnershipScope(db, request.apiPartnershipId!, fn);
  }

  /** The cycle named, if the token's partnership runs it or takes part in it (404 otherwise). */
  async function cycleFor(scoped: DbOrTx, request: CycleRequest): Promise<CycleInfo> {
    const cycleId = request.params.cycleId;
    const cycle = isUuid(cycleId)
      ? await findCycleForPartnerships(
          scoped,
          [{ partnershipId: request.apiPartnershipId!, role: 'reviewer' }],
          cycleId,
        )
      : null;
    if (!cycle) throw new ApiError(404, 'not_found', 'There is no such audit cycle for your partnership.');
    return cycle;
  }

  /** Every data route's options: the token is checked before anything else. */
  const authenticated = { onRequest: authenticate };

  return { app, clock, authenticated, forPartnership, cycleFor };
}

export type ApiRoutes = ReturnType<typeof apiRoutesContext>;
