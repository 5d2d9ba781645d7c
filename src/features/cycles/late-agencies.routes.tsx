/**
 * Adding the partnership's agencies to an audit already set up: partnership admins of the
 * partnership running it only (its reviewers and joint partners get 403, others 404).
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle, type CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { runDueCycleEvents } from './cycle-events.service.ts';
import { addAgenciesToCycle, agenciesNotInCycle } from './cycles.repository.ts';
import { deadlineFieldId } from './deadlines.ts';
import {
  emptyLateAgencies,
  type LateAgenciesState,
  lateAgenciesSchema,
  lateAgenciesState,
} from './late-agencies.ts';
import { LateAgenciesPage } from './late-agencies.view.tsx';

type CycleParams = { Params: { cycleId: string } };

export async function lateAgencyRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  async function adminCycle(request: FastifyRequest<CycleParams>): Promise<CycleInfo> {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    assertManagesCycle(cycle, 'Only a partnership admin can add agencies to an audit.');
    return cycle;
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleInfo,
    state: LateAgenciesState,
    errors?: FormErrors,
  ) {
    return LateAgenciesPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      cycle,
      agencies: await agenciesNotInCycle(db, cycle.partnershipId, cycle.id),
      now: clock.now(),
      state,
      errors,
    });
  }

  app.get<CycleParams>('/cycles/:cycleId/agencies', async (request, reply) => {
    const cycle = await adminCycle(request);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await page(request, reply, cycle, pending ? lateAgenciesState(pending.body) : emptyLateAgencies()),
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/agencies', async (request, reply) => {
    const cycle = await adminCycle(request);
    const now = clock.now();
    const offered = new Set((await agenciesNotInCycle(db, cycle.partnershipId, cycle.id)).map((a) => a.id));
    return handleForm(request, reply, {
      state: lateAgenciesState,
      schema: lateAgenciesSchema(offered, cycle, now),
      fieldId: deadlineFieldId,
      invalid: (state, errors) => page(request, reply, cycle, state, errors),
      save: async ({ ownDeadline, agencyIds }) => {
        const { added } = await addAgenciesToCycle(
          db,
          cycle.partnershipId,
          cycle,
          agencyIds,
          ownDeadline ? { until: ownDeadline, label: formatDateTime(ownDeadline) } : null,
          request.user!.id,
          now,
        );
        // Invited at once when the audit is open (the scheduler would, within a minute); the same
        // claim on each invitation makes sure nobody is invited twice.
        if (cycle.opensAt <= now)
          await runDueCycleEvents({ db, mailer, baseUrl: config.baseUrl }, now, {
            partnershipId: cycle.partnershipId,
            cycleId: cycle.id,
          });
        return `/cycles/${cycle.id}?done=added&n=${added}`;
      },
    });
  });
}
