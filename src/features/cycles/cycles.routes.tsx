/** Setting up an audit cycle: partnership admins only. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle } from '../../domain/cycle-access.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { formBody } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { activeLocalities } from '../agencies/agencies.repository.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { runDueCycleEvents } from './cycle-events.service.ts';
import {
  type CycleDetailsState,
  type CycleFormState,
  cycleDetailsState,
  cycleFormState,
  emptyCycleForm,
  parseCycleDetails,
  parseCycleForm,
} from './cycle-form.ts';
import {
  agenciesToInvite,
  type CycleSettings,
  createCycle,
  cycleExists,
  jointPartnershipChoices,
  loadCycleSettings,
  partnerLocalities,
  publishedVersions,
  updateCycleDetails,
} from './cycles.repository.ts';
import { ChangeCyclePage, NewCyclePage } from './cycles.view.tsx';

type Params = { Params: { partnershipId: string } };
type CycleParams = { Params: { cycleId: string } };

export async function cycleRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  const adminPartnership = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can set up an audit.');

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    state: CycleFormState | null,
    errors?: FormErrors,
  ) {
    const [versions, localities, jointChoices] = await Promise.all([
      publishedVersions(db, partnership.id),
      activeLocalities(db, partnership.id),
      jointPartnershipChoices(db, partnership.id),
    ]);
    const structures = await Promise.all(versions.map((v) => loadReturnStructure(db, partnership.id, v.id)));
    return reply.html(
      NewCyclePage({
        structures,
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        versions,
        localities,
        jointChoices,
        state:
          state ??
          emptyCycleForm(
            localities.map((l) => l.id),
            versions[0]?.id ?? '',
          ),
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<Params>('/partnerships/:partnershipId/cycles/new', async (request, reply) => {
    const partnership = adminPartnership(request);
    const pending = await takePendingForm(app, request, reply);
    return page(request, reply, partnership, pending ? cycleFormState(pending.body) : null);
  });

  app.post<Params>('/partnerships/:partnershipId/cycles', async (request, reply) => {
    const partnership = adminPartnership(request);
    const now = clock.now();
    const state = cycleFormState(formBody(request));
    const [versions, localities, jointChoices] = await Promise.all([
      publishedVersions(db, partnership.id),
      activeLocalities(db, partnership.id),
      jointPartnershipChoices(db, partnership.id),
    ]);
    const structures = await Promise.all(versions.map((v) => loadReturnStructure(db, partnership.id, v.id)));
    const parsed = parseCycleForm(
      state,
      {
        templateVersionIds: new Set(versions.map((v) => v.id)),
        localityIds: new Set(localities.map((l) => l.id)),
        questionIdsByVersion: new Map(
          structures.map((st) => [
            st.templateVersionId,
            new Set(st.themes.flatMap((t) => t.questions.map((q) => q.id))),
          ]),
        ),
        jointPartnershipIds: new Set(jointChoices.map((p) => p.id)),
      },
      now,
    );
    if (!parsed.values) return page(request, reply, partnership, state, parsed.errors);
    const values = parsed.values;
    const extra = new FormErrorBuilder();
    if (await cycleExists(db, partnership.id, values.name))
      extra.add('name', 'There is already an audit with this name. Choose another name.');
    // A joint audit also invites each partner's agencies serving its localities (all of them); an
    // agency belonging to several of the partnerships gets one return.
    const partnerRows = await partnerLocalities(db, values.jointPartnershipIds);
    const partners = values.jointPartnershipIds.map((partnershipId) => ({
      partnershipId,
      localityIds: partnerRows.filter((l) => l.partnershipId === partnershipId).map((l) => l.localityId),
    }));
    const invited = await Promise.all([
      agenciesToInvite(db, partnership.id, values.localityIds, values.sectors),
      ...partners.map((p) => agenciesToInvite(db, p.partnershipId, p.localityIds, values.sectors)),
    ]);
    const agencyIds = [...new Set(invited.flat())];
    if (agencyIds.length === 0)
      extra.add('invite', 'No agencies serving these localities are in the chosen sectors', 'invite');
    if (extra.hasErrors) return page(request, reply, partnership, state, extra.build());

    const { cycleId, carriedForward } = await createCycle(
      db,
      partnership.id,
      values,
      agencyIds,
      request.user!.id,
      now,
      partners,
    );
    // An audit that is already open invites its agencies now; one opening later is invited by the
    // scheduler when it opens. The same claim on each invitation makes sure nobody is invited twice.
    if (values.opensAt <= now)
      await runDueCycleEvents({ db, mailer, baseUrl: config.baseUrl }, now, {
        partnershipId: partnership.id,
        cycleId,
      });
    return reply.redirect(`/cycles/${cycleId}?done=created&n=${carriedForward}`, 303);
  });

  /** The cycle named in the URL, for a partnership admin of the partnership that runs it. */
  async function adminCycle(request: FastifyRequest<CycleParams>): Promise<CycleSettings> {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    assertManagesCycle(cycle, 'Only a partnership admin can change an audit.');
    const settings = await loadCycleSettings(db, cycle.partnershipId, cycle.id);
    if (!settings) throw notFound('Audit cycle');
    return settings;
  }

  async function changePage(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleSettings,
    state: CycleDetailsState,
    errors?: FormErrors,
  ) {
    return reply.html(
      ChangeCyclePage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        cycle,
        structure: await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId),
        state,
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<CycleParams>('/cycles/:cycleId/change', async (request, reply) => {
    const cycle = await adminCycle(request);
    const pending = await takePendingForm(app, request, reply);
    return changePage(
      request,
      reply,
      cycle,
      pending
        ? cycleDetailsState(pending.body)
        : {
            name: cycle.name,
            kind: cycle.kind ?? '',
            introduction: cycle.introduction,
            focusQuestionIds: cycle.focusQuestionIds,
          },
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/change', async (request, reply) => {
    const cycle = await adminCycle(request);
    const state = cycleDetailsState(formBody(request));
    const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
    const parsed = parseCycleDetails(
      state,
      new Set(structure.themes.flatMap((t) => t.questions.map((q) => q.id))),
    );
    if (!parsed.values) return changePage(request, reply, cycle, state, parsed.errors);
    if (await cycleExists(db, cycle.partnershipId, parsed.values.name, cycle.id))
      return changePage(
        request,
        reply,
        cycle,
        state,
        new FormErrorBuilder()
          .add('name', 'There is already an audit with this name. Choose another name.')
          .build(),
      );
    await updateCycleDetails(db, cycle.partnershipId, cycle.id, parsed.values);
    return reply.redirect(`/cycles/${cycle.id}?done=changed`, 303);
  });
}
