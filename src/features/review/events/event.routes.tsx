/**
 * One challenge event: its page, its notes, and the actions agreed at it (each joins the agency's
 * action plan, on a theme that applies to the agency). For those who see the cycle's events.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../../lib/dates.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm, validate } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { recordConflictPage } from '../../../web/record-conflict.ts';
import { applicableThemes } from '../../returns/return-rules.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import { findEvent, listAgreedActions } from '../challenge-events.repository.ts';
import { agreeAction, eventRecord, NOTES_RECORD, saveNotes } from '../challenge-events.service.ts';
import { reviewKit } from '../review-kit.ts';
import {
  type AgreedActionState,
  agreedActionFieldId,
  agreedActionSchema,
  agreedActionState,
  EMPTY_ACTION,
} from './agreed-action.form.ts';
import { cycleFinder, type EventParams } from './cycle-access.ts';
import { EventPage } from './event.view.tsx';
import { notesSchema, notesState } from './notes.form.ts';

const NOTICES: Record<string, string> = {
  scheduled: 'Challenge event scheduled: we are emailing the agencies’ leads',
  notes: 'Notes saved',
  action: 'Agreed action added to the agency’s action plan',
};

export async function eventRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, formChrome } = reviewKit(app);
  // One event's page needs the cycle only, not the returns of the cycle's monitoring page.
  const loadCycle = cycleFinder(app);

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
    form: { notes?: string; shown?: string; action?: AgreedActionState; errors?: FormErrors } = {},
  ) {
    const { cycle, event, themes } = loaded;
    // The notes form carries what it showed (shown again after a 422: what it first showed).
    const shown = form.shown ?? encodeShown({ [NOTES_RECORD]: shownRecord({ notes: event.notes }) });
    return EventPage({
      ...(await formChrome(request, reply, form.errors)),
      cycle,
      event,
      themes,
      actions: await listAgreedActions(db, cycle.partnershipId, event.id),
      notes: form.notes ?? event.notes,
      shown,
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
      invalid: (state, errors, body) =>
        eventPage(request, reply, loaded, { notes: state.notes, shown: shownOf(body), errors }),
      save: async (values, body) => {
        const outcome = await saveNotes(
          db,
          cycle.viewerPartnershipId,
          event.id,
          values.notes,
          request.user!.id,
          clock.now(),
          formVersion(body),
        );
        if ('conflicts' in outcome)
          return recordConflictPage(request, reply, {
            record: eventRecord(cycle.viewerPartnershipId, event.id),
            recordName: `The notes of ${event.title}`,
            action: `/cycles/${cycle.id}/challenge-events/${event.id}/notes`,
            backHref: `/cycles/${cycle.id}/challenge-events/${event.id}#event-notes`,
            body,
            conflicts: outcome.conflicts,
            label: () => 'Notes',
          });
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
