/** Setting up an audit cycle: partnership admins only. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle } from '../../domain/cycle-access.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../web/form-version.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { recordConflictPage } from '../../web/record-conflict.ts';
import { activeLocalities } from '../agencies/agencies.repository.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';
import { runDueCycleEvents } from './cycle-events.service.ts';
import {
  CYCLE_KIND_LABELS,
  type CycleDetailsState,
  type CycleFormState,
  cycleDetailsSchema,
  cycleDetailsState,
  cycleFieldId,
  cycleFormSchema,
  cycleFormState,
  emptyCycleForm,
} from './cycle-form.ts';
import {
  CYCLE_DETAILS_LABELS,
  CYCLE_DETAILS_RECORD,
  type CycleDetailsRecord,
  cycleDetailsRecord,
  cycleRecord,
  saveCycleDetails,
} from './cycle-settings.service.ts';
import {
  agenciesToInvite,
  type CycleSettings,
  createCycle,
  cycleExists,
  jointPartnershipChoices,
  loadCycleSettings,
  partnerLocalities,
  publishedVersions,
} from './cycles.repository.ts';
import { ChangeCyclePage, NewCyclePage } from './cycles.view.tsx';

type Params = { Params: { partnershipId: string } };
type CycleParams = { Params: { cycleId: string } };

export async function cycleRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  const adminPartnership = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can set up an audit.');

  /** What the new-audit form offers: published templates (with their questions), localities, partners. */
  async function choices(partnershipId: string) {
    const [versions, localities, jointChoices] = await Promise.all([
      publishedVersions(db, partnershipId),
      activeLocalities(db, partnershipId),
      jointPartnershipChoices(db, partnershipId),
    ]);
    const structures = await Promise.all(versions.map((v) => loadReturnStructure(db, partnershipId, v.id)));
    return { versions, localities, jointChoices, structures };
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    offered: Awaited<ReturnType<typeof choices>>,
    state: CycleFormState | null,
    errors?: FormErrors,
  ) {
    const { versions, localities, jointChoices, structures } = offered;
    return NewCyclePage({
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
    });
  }

  app.get<Params>('/partnerships/:partnershipId/cycles/new', async (request, reply) => {
    const partnership = adminPartnership(request);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await page(
        request,
        reply,
        partnership,
        await choices(partnership.id),
        pending ? cycleFormState(pending.body) : null,
      ),
    );
  });

  app.post<Params>('/partnerships/:partnershipId/cycles', async (request, reply) => {
    const partnership = adminPartnership(request);
    const now = clock.now();
    const offered = await choices(partnership.id);
    const { versions, localities, jointChoices, structures } = offered;
    return handleForm(request, reply, {
      state: cycleFormState,
      schema: cycleFormSchema(
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
      ),
      fieldId: cycleFieldId,
      invalid: (state, errors) => page(request, reply, partnership, offered, state, errors),
      save: async (values) => {
        const errors: FormErrors = { list: [], byField: {} };
        const refuse = (field: string, text: string) => {
          errors.byField[field] = text;
          errors.list.push({ text, href: `#${field}` });
        };
        if (await cycleExists(db, partnership.id, values.name))
          refuse('name', 'There is already an audit with this name. Choose another name.');
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
          refuse('invite', 'No agencies serving these localities are in the chosen sectors');
        if (errors.list.length > 0) return { errors };

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
        return `/cycles/${cycleId}?done=created&n=${carriedForward}`;
      },
    });
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
    structure: ReturnStructure,
    state: CycleDetailsState,
    shown: string,
    errors?: FormErrors,
  ) {
    return ChangeCyclePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      cycle,
      structure,
      state,
      shown,
      errors,
    });
  }

  const structureOf = (cycle: CycleSettings) =>
    loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);

  app.get<CycleParams>('/cycles/:cycleId/change', async (request, reply) => {
    const cycle = await adminCycle(request);
    // A form kept when the session ended keeps what it was shown: the conflict rule compares with that.
    const pending = await takePendingForm(app, request, reply);
    const saved: CycleDetailsRecord = {
      name: cycle.name,
      kind: cycle.kind ?? '',
      introduction: cycle.introduction,
      focusQuestionIds: cycle.focusQuestionIds,
    };
    return reply.html(
      await changePage(
        request,
        reply,
        cycle,
        await structureOf(cycle),
        pending ? cycleDetailsState(pending.body) : saved,
        pending
          ? shownOf(pending.body)
          : encodeShown({ [CYCLE_DETAILS_RECORD]: shownRecord(cycleDetailsRecord(saved)) }),
      ),
    );
  });

  const nameTaken = (): FormErrors => {
    const text = 'There is already an audit with this name. Choose another name.';
    return { list: [{ text, href: '#name' }], byField: { name: text } };
  };

  app.post<CycleParams>('/cycles/:cycleId/change', async (request, reply) => {
    const cycle = await adminCycle(request);
    const structure = await structureOf(cycle);
    // Each question as the conflict page names it: its theme's number and its own.
    const questions = structure.themes.flatMap((t) =>
      t.questions.map((q) => ({ id: q.id, label: `${t.number}.${q.number} ${q.text}` })),
    );
    return handleForm(request, reply, {
      state: cycleDetailsState,
      schema: cycleDetailsSchema(new Set(questions.map((q) => q.id))),
      invalid: (state, errors, body) =>
        changePage(request, reply, cycle, structure, state, shownOf(body), errors),
      save: async (values, body) => {
        const outcome = await saveCycleDetails(
          db,
          cycle.partnershipId,
          cycle.id,
          values,
          request.user!.id,
          clock.now(),
          formVersion(body),
        );
        if ('nameTaken' in outcome) return { errors: nameTaken() };
        if ('conflicts' in outcome)
          return recordConflictPage(request, reply, {
            record: cycleRecord(cycle.partnershipId, cycle.id),
            recordName: 'The audit’s details',
            action: `/cycles/${cycle.id}/change`,
            body,
            conflicts: outcome.conflicts,
            label: (field) => CYCLE_DETAILS_LABELS[field as keyof CycleDetailsRecord] ?? field,
            show: (field, value) => {
              if (field === 'kind') return CYCLE_KIND_LABELS[value as keyof typeof CYCLE_KIND_LABELS] ?? '';
              if (field === 'focusQuestionIds') {
                const ids = Array.isArray(value) ? value : [];
                const chosen = questions.filter((q) => ids.includes(q.id));
                return chosen.length > 0 ? chosen.map((q) => q.label).join('; ') : 'None';
              }
              return typeof value === 'string' ? value : '';
            },
          });
        return `/cycles/${cycle.id}?done=changed`;
      },
    });
  });
}
