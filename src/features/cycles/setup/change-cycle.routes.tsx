/**
 * Changing an audit's details after it is set up (name, kind, introduction, focus questions), for a
 * partnership admin of the partnership running it, under the conflict rule.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../../domain/cycle-access.repository.ts';
import { assertManagesCycle } from '../../../domain/cycle-access.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { recordConflictPage } from '../../../web/record-conflict.ts';
import { requireUser } from '../../auth/auth.plugin.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import type { ReturnStructure } from '../../returns/return-structure.ts';
import {
  CYCLE_KIND_LABELS,
  type CycleDetailsState,
  cycleDetailsSchema,
  cycleDetailsState,
} from '../cycle-form.ts';
import {
  CYCLE_DETAILS_LABELS,
  CYCLE_DETAILS_RECORD,
  type CycleDetailsRecord,
  cycleDetailsRecord,
  cycleRecord,
  saveCycleDetails,
} from '../cycle-settings.service.ts';
import { type CycleSettings, loadCycleSettings } from '../cycles.repository.ts';
import { ChangeCyclePage } from '../cycles.view.tsx';
import { nameTakenErrors, type SetupRoutes } from './setup-context.ts';

type CycleParams = { Params: { cycleId: string } };

/** Each question as the conflict page names it: its theme's number and its own. */
const questionLabels = (structure: ReturnStructure) =>
  structure.themes.flatMap((t) =>
    t.questions.map((q) => ({ id: q.id, label: `${t.number}.${q.number} ${q.text}` })),
  );

export function changeCycleRoutes({ app, db, clock }: SetupRoutes): void {
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
    const state = pending ? cycleDetailsState(pending.body) : saved;
    const shown = pending
      ? shownOf(pending.body)
      : encodeShown({ [CYCLE_DETAILS_RECORD]: shownRecord(cycleDetailsRecord(saved)) });
    return reply.html(await changePage(request, reply, cycle, await structureOf(cycle), state, shown));
  });

  app.post<CycleParams>('/cycles/:cycleId/change', async (request, reply) => {
    const cycle = await adminCycle(request);
    const structure = await structureOf(cycle);
    const questions = questionLabels(structure);
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
        if ('nameTaken' in outcome) return { errors: nameTakenErrors() };
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
