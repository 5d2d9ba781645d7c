/**
 * A cycle's review work across agencies: its overdue evidence requests, and its challenge events
 * (listed, and scheduled with one agency or a group). For the admins and reviewers of the
 * partnership running the cycle, or of a joint partner (who see, and schedule with, only their own
 * member agencies); anyone else gets a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../../lib/dates.ts';
import { compareEnglish } from '../../../lib/words.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { listCycleEvents } from '../challenge-events.repository.ts';
import { scheduleEvent } from '../challenge-events.service.ts';
import { listOverdueEvidence } from '../review.repository.ts';
import { reviewKit } from '../review-kit.ts';
import { type CycleParams, cycleLoader, type LoadedCycle } from './cycle-access.ts';
import { EventListPage, OverdueEvidencePage } from './cycle-lists.view.tsx';
import { eventFieldId, eventSchema, eventState } from './event.form.ts';
import { EventFormPage } from './event-form.view.tsx';

export async function cycleEventRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, deps, formChrome } = reviewKit(app);
  const loadCycle = cycleLoader(app);

  app.get<CycleParams>('/cycles/:cycleId/evidence-requests', async (request, reply) => {
    const { cycle, rows } = await loadCycle(request);
    const overdue = await listOverdueEvidence(
      db,
      cycle.partnershipId,
      rows.map((r) => r.returnId),
      londonDate(clock.now()),
    );
    return reply.html(OverdueEvidencePage({ chrome: await request.chrome(reply), cycle, overdue }));
  });

  app.get<CycleParams>('/cycles/:cycleId/challenge-events', async (request, reply) => {
    const { cycle } = await loadCycle(request);
    return reply.html(
      EventListPage({
        chrome: await request.chrome(reply),
        cycle,
        events: await listCycleEvents(db, cycle.viewerPartnershipId, cycle.id),
        now: clock.now(),
      }),
    );
  });

  async function eventFormPage(
    request: FastifyRequest<CycleParams>,
    reply: FastifyReply,
    loaded: LoadedCycle,
    state: ReturnType<typeof eventState>,
    errors?: FormErrors,
  ) {
    return EventFormPage({
      ...(await formChrome(request, reply, errors)),
      cycle: loaded.cycle,
      agencies: loaded.rows
        .map((r) => ({ returnId: r.returnId, agencyName: r.agencyName }))
        .sort((a, b) => compareEnglish(a.agencyName, b.agencyName)),
      state,
    });
  }

  app.get<CycleParams>('/cycles/:cycleId/challenge-events/new', async (request, reply) => {
    const loaded = await loadCycle(request);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(await eventFormPage(request, reply, loaded, eventState(pending?.body ?? {})));
  });

  app.post<CycleParams>('/cycles/:cycleId/challenge-events/new', async (request, reply) => {
    const loaded = await loadCycle(request);
    const { cycle, rows } = loaded;
    const now = clock.now();
    return handleForm(request, reply, {
      state: eventState,
      schema: eventSchema(
        rows.map((r) => r.returnId),
        londonDate(now),
      ),
      fieldId: eventFieldId,
      invalid: (state, errors) => eventFormPage(request, reply, loaded, state, errors),
      save: async (values) => {
        const chosen = rows.filter((r) => values.returnIds.includes(r.returnId));
        const eventId = await scheduleEvent(deps, cycle, chosen, values, request.user!.id, now);
        return `/cycles/${cycle.id}/challenge-events/${eventId}?done=scheduled`;
      },
    });
  });
}
