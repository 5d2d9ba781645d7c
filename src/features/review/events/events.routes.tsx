/**
 * A cycle's review work across agencies: overdue evidence requests, and challenge events (scheduled
 * with one agency or a group, then their notes and agreed actions, which join each agency's action
 * plan). For the admins and reviewers of the partnership running the cycle, or of a joint partner
 * (who see, and schedule with, only their own member agencies); anyone else gets a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../../domain/cycle-access.repository.ts';
import { londonDate } from '../../../lib/dates.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm, validate } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { requireUser } from '../../auth/auth.plugin.ts';
import { loadMonitoringRows } from '../../cycles/monitoring.repository.ts';
import { applicableThemes } from '../../returns/return-rules.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import {
  findEvent,
  listAgreedActions,
  listCycleEvents,
  saveEventNotes,
} from '../challenge-events.repository.ts';
import { agreeAction, scheduleEvent } from '../challenge-events.service.ts';
import { listOverdueEvidence } from '../review.repository.ts';
import { reviewKit } from '../review-kit.ts';
import {
  type AgreedActionState,
  agreedActionFieldId,
  agreedActionSchema,
  agreedActionState,
  EMPTY_ACTION,
} from './agreed-action.form.ts';
import { EventListPage, OverdueEvidencePage } from './cycle-lists.view.tsx';
import { eventFieldId, eventSchema, eventState } from './event.form.ts';
import { EventPage } from './event.view.tsx';
import { EventFormPage } from './event-form.view.tsx';
import { notesSchema, notesState } from './notes.form.ts';

type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };
type EventParams = { Params: { cycleId: string; eventId: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = {
  scheduled: 'Challenge event scheduled: we are emailing the agencies’ leads',
  notes: 'Notes saved',
  action: 'Agreed action added to the agency’s action plan',
};

export async function eventRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, deps, formChrome } = reviewKit(app);

  async function loadCycle(request: FastifyRequest<CycleParams>) {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    // The returns this person sees in the cycle: all for the lead, a partner's member agencies for a partner.
    const rows = await loadMonitoringRows(db, cycle, clock.now());
    return { cycle, rows };
  }

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
    loaded: Awaited<ReturnType<typeof loadCycle>>,
    state: ReturnType<typeof eventState>,
    errors?: FormErrors,
  ) {
    return EventFormPage({
      ...(await formChrome(request, reply, errors)),
      cycle: loaded.cycle,
      agencies: loaded.rows
        .map((r) => ({ returnId: r.returnId, agencyName: r.agencyName }))
        .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'en')),
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

  async function loadEvent(request: FastifyRequest<EventParams>) {
    const loaded = await loadCycle(request);
    if (!isUuid(request.params.eventId)) throw notFound('Challenge event');
    const event = await findEvent(
      db,
      loaded.cycle.viewerPartnershipId,
      loaded.cycle.id,
      request.params.eventId,
    );
    if (!event) throw notFound('Challenge event');
    const structure = await loadReturnStructure(
      db,
      loaded.cycle.partnershipId,
      loaded.cycle.templateVersionId,
    );
    const themesByReturn = new Map(
      event.returns.map((r) => [
        r.returnId,
        applicableThemes(structure.themes, r.localityIds, r.agencySector).map((t) => t.id),
      ]),
    );
    return { ...loaded, event, themes: structure.themes, themesByReturn };
  }

  /** The event's page; with errors, one of its two forms shown again with what was typed. */
  async function eventPage(
    request: FastifyRequest<EventParams>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadEvent>>,
    form: { notes?: string; action?: AgreedActionState; errors?: FormErrors } = {},
  ) {
    const { cycle, event, themes } = loaded;
    return EventPage({
      ...(await formChrome(request, reply, form.errors)),
      cycle,
      event,
      themes,
      actions: await listAgreedActions(db, cycle.partnershipId, event.id),
      notes: form.notes ?? event.notes,
      action: form.action ?? EMPTY_ACTION,
      notice: NOTICES[request.query.done ?? ''],
    });
  }

  app.get<EventParams>('/cycles/:cycleId/challenge-events/:eventId', async (request, reply) =>
    reply.html(await eventPage(request, reply, await loadEvent(request))),
  );

  app.post<EventParams>('/cycles/:cycleId/challenge-events/:eventId/notes', async (request, reply) => {
    const loaded = await loadEvent(request);
    const { cycle, event } = loaded;
    return handleForm(request, reply, {
      state: notesState,
      schema: notesSchema,
      invalid: (state, errors) => eventPage(request, reply, loaded, { notes: state.notes, errors }),
      save: async (values) => {
        await saveEventNotes(
          db,
          cycle.viewerPartnershipId,
          event.id,
          values.notes,
          request.user!.id,
          clock.now(),
        );
        return `/cycles/${cycle.id}/challenge-events/${event.id}?done=notes#event-notes`;
      },
    });
  });

  app.post<EventParams>('/cycles/:cycleId/challenge-events/:eventId/actions', async (request, reply) => {
    const loaded = await loadEvent(request);
    const { cycle, event, themes, themesByReturn } = loaded;
    const now = clock.now();
    return handleForm(request, reply, {
      state: agreedActionState,
      schema: (state) =>
        validate(
          agreedActionSchema(themesByReturn, state.returnId, londonDate(now)),
          state,
          agreedActionFieldId,
        ),
      invalid: (state, errors) => eventPage(request, reply, loaded, { action: state, errors }),
      save: async (values) => {
        const theme = themes.find((t) => t.id === values.themeId)!;
        await agreeAction(db, cycle, event, theme, values, request.user!.id, now);
        return `/cycles/${cycle.id}/challenge-events/${event.id}?done=action#agreed-actions`;
      },
    });
  });
}
