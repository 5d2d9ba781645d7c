/**
 * A cycle's review work across agencies: overdue evidence requests, and challenge events (scheduled
 * with one agency or a group, then their notes and agreed actions, which join each agency's action
 * plan). For the admins and reviewers of the partnership running the cycle, or of a joint partner
 * (who see, and schedule with, only their own member agencies); anyone else gets a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { formatDate, formatDateTime, londonDate, londonTime } from '../../lib/dates.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { loadMonitoringRows } from '../cycles/monitoring.repository.ts';
import { loadAudiences } from '../notifications/agency-recipients.repository.ts';
import { greeting, whoIsTold } from '../notifications/agency-recipients.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { recordHistory } from '../returns/returns.repository.ts';
import {
  findEvent,
  insertAgreedAction,
  insertEvent,
  listAgreedActions,
  listCycleEvents,
  saveEventNotes,
} from './challenge-events.repository.ts';
import { EventFormPage, EventListPage, EventPage, OverdueEvidencePage } from './challenge-events.view.tsx';
import { listOverdueEvidence } from './review.repository.ts';
import {
  type AgreedActionState,
  type EventState,
  parseAgreedAction,
  parseEvent,
  parseNotes,
} from './review-forms.ts';

type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };
type EventParams = { Params: { cycleId: string; eventId: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = {
  scheduled: 'Challenge event scheduled: we are emailing the agencies’ leads',
  notes: 'Notes saved',
  action: 'Agreed action added to the agency’s action plan',
};

const EMPTY_ACTION: AgreedActionState = {
  returnId: '',
  themeId: '',
  description: '',
  leadPerson: '',
  targetDate: { day: '', month: '', year: '' },
};

export async function challengeEventRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

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
    const now = clock.now();
    const overdue = await listOverdueEvidence(
      db,
      cycle.partnershipId,
      rows.map((r) => r.returnId),
      londonDate(now),
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

  async function formPage(
    request: FastifyRequest<CycleParams>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadCycle>>,
    state: EventState,
    errors?: FormErrors,
  ) {
    return reply.html(
      EventFormPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        cycle: loaded.cycle,
        agencies: loaded.rows
          .map((r) => ({ returnId: r.returnId, agencyName: r.agencyName }))
          .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'en')),
        state,
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<CycleParams>('/cycles/:cycleId/challenge-events/new', async (request, reply) => {
    const loaded = await loadCycle(request);
    const pending = await takePendingForm(app, request, reply);
    const state = parseEvent(pending?.body ?? {}, [], londonDate(clock.now())).state;
    return formPage(request, reply, loaded, state);
  });

  app.post<CycleParams>('/cycles/:cycleId/challenge-events/new', async (request, reply) => {
    const loaded = await loadCycle(request);
    const { cycle, rows } = loaded;
    const now = clock.now();
    const parsed = parseEvent(
      (request.body ?? {}) as Record<string, unknown>,
      rows.map((r) => r.returnId),
      londonDate(now),
    );
    if (!parsed.values) return formPage(request, reply, loaded, parsed.state, parsed.errors);
    const v = parsed.values;
    const startsAt = londonTime(v.date, v.time);
    const user = request.user!;
    const eventId = await insertEvent(db, cycle.viewerPartnershipId, cycle.id, {
      title: v.title,
      startsAt,
      location: v.location,
      chair: v.chair,
      attendees: v.attendees,
      returnIds: v.returnIds,
      userId: user.id,
      now,
    });
    const audiences = await loadAudiences(db, cycle.partnershipId, v.returnIds);
    for (const row of rows.filter((r) => v.returnIds.includes(r.returnId))) {
      await recordHistory(db, cycle.partnershipId, row.returnId, user.id, now, [
        {
          event: 'challenge_event_scheduled',
          field: 'Challenge event',
          newValue: `${v.title}: ${formatDateTime(startsAt)}, ${v.location} (chair: ${v.chair})`,
        },
      ]);
      const audience = audiences.get(row.returnId);
      for (const r of audience ? whoIsTold('challenge_event', audience) : [])
        await mailer.send({
          partnershipId: cycle.partnershipId,
          to: r.email,
          subject: `Section 11 challenge event: ${v.title}`,
          text: [
            greeting(r),
            '',
            `${row.agencyName} is invited to a Section 11 challenge event on its return for ${cycle.name}.`,
            '',
            `When: ${formatDateTime(startsAt)}`,
            `Where: ${v.location}`,
            `Chair: ${v.chair}`,
            '',
            `Your return and the partnership's challenges (you will need to sign in): ${config.baseUrl}/returns/${row.returnId}/challenges`,
          ].join('\n'),
        });
    }
    return reply.redirect(`/cycles/${cycle.id}/challenge-events/${eventId}?done=scheduled`, 303);
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

  async function eventPage(
    request: FastifyRequest<EventParams>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadEvent>>,
    form: {
      notes?: string;
      action?: AgreedActionState;
      errors?: FormErrors;
      which?: 'notes' | 'action';
    } = {},
  ) {
    const { cycle, event, themes } = loaded;
    return reply.html(
      EventPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        cycle,
        event,
        themes,
        actions: await listAgreedActions(db, cycle.partnershipId, event.id),
        notes: form.notes ?? event.notes,
        action: form.action ?? EMPTY_ACTION,
        errors: form.errors,
        notice: NOTICES[request.query.done ?? ''],
      }),
      form.errors ? 422 : 200,
    );
  }

  app.get<EventParams>('/cycles/:cycleId/challenge-events/:eventId', async (request, reply) =>
    eventPage(request, reply, await loadEvent(request)),
  );

  app.post<EventParams>('/cycles/:cycleId/challenge-events/:eventId/notes', async (request, reply) => {
    const loaded = await loadEvent(request);
    const parsed = parseNotes((request.body ?? {}) as Record<string, unknown>);
    if (!parsed.values)
      return eventPage(request, reply, loaded, { notes: parsed.state.notes, errors: parsed.errors });
    await saveEventNotes(
      db,
      loaded.cycle.viewerPartnershipId,
      loaded.event.id,
      parsed.values.notes,
      request.user!.id,
      clock.now(),
    );
    return reply.redirect(
      `/cycles/${loaded.cycle.id}/challenge-events/${loaded.event.id}?done=notes#event-notes`,
      303,
    );
  });

  app.post<EventParams>('/cycles/:cycleId/challenge-events/:eventId/actions', async (request, reply) => {
    const loaded = await loadEvent(request);
    const { cycle, event, themes, themesByReturn } = loaded;
    const now = clock.now();
    const parsed = parseAgreedAction(
      (request.body ?? {}) as Record<string, unknown>,
      themesByReturn,
      londonDate(now),
    );
    if (!parsed.values)
      return eventPage(request, reply, loaded, { action: parsed.state, errors: parsed.errors });
    const v = parsed.values;
    const user = request.user!;
    await db.transaction(async (tx) => {
      await insertAgreedAction(tx, cycle.partnershipId, { eventId: event.id, ...v, now });
      const theme = themes.find((t) => t.id === v.themeId)!;
      await recordHistory(tx, cycle.partnershipId, v.returnId, user.id, now, [
        {
          event: 'action_agreed',
          field: `${theme.title}: action agreed at ${event.title}`,
          newValue: `${v.description} (lead: ${v.leadPerson}; by ${formatDate(v.targetDate)})`,
        },
      ]);
    });
    return reply.redirect(`/cycles/${cycle.id}/challenge-events/${event.id}?done=action#agreed-actions`, 303);
  });
}
