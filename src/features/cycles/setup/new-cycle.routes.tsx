/**
 * Setting up a new audit, for partnership admins: its name, template, opening and closing times,
 * localities, agencies invited and joint partners, checked against what the partnership may choose.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../../db/client.ts';
import { FormErrorBuilder, type FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { activeLocalities } from '../../agencies/agencies.repository.ts';
import { partnershipAccess } from '../../partnerships/partnership-access.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import {
  type CycleChoices,
  type CycleFormState,
  cycleFieldId,
  cycleFormSchema,
  cycleFormState,
  emptyCycleForm,
} from '../cycle-form.ts';
import { setUpCycle } from '../cycle-setup.service.ts';
import { jointPartnershipChoices, publishedVersions } from '../cycles.repository.ts';
import { NewCyclePage } from '../cycles.view.tsx';
import { NAME_TAKEN, type SetupRoutes } from './setup-context.ts';

type Params = { Params: { partnershipId: string } };

/** What the new-audit form offers: published templates (with their questions), localities, partners. */
async function offered(db: DbOrTx, partnershipId: string) {
  const [versions, localities, jointChoices] = await Promise.all([
    publishedVersions(db, partnershipId),
    activeLocalities(db, partnershipId),
    jointPartnershipChoices(db, partnershipId),
  ]);
  const structures = await Promise.all(versions.map((v) => loadReturnStructure(db, partnershipId, v.id)));
  return { versions, localities, jointChoices, structures };
}

type Offered = Awaited<ReturnType<typeof offered>>;

/** What the form's schema may accept of what is offered. */
const allowedOf = ({ versions, localities, jointChoices, structures }: Offered): CycleChoices => ({
  templateVersionIds: new Set(versions.map((v) => v.id)),
  localityIds: new Set(localities.map((l) => l.id)),
  questionIdsByVersion: new Map(
    structures.map((st) => [
      st.templateVersionId,
      new Set(st.themes.flatMap((t) => t.questions.map((q) => q.id))),
    ]),
  ),
  jointPartnershipIds: new Set(jointChoices.map((p) => p.id)),
});

export function newCycleRoutes({ app, db, clock, eventDeps }: SetupRoutes): void {
  const adminPartnership = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can set up an audit.');

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    { versions, localities, jointChoices, structures }: Offered,
    state: CycleFormState | null,
    errors?: FormErrors,
  ) {
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
    const state = pending ? cycleFormState(pending.body) : null;
    return reply.html(await page(request, reply, partnership, await offered(db, partnership.id), state));
  });

  app.post<Params>('/partnerships/:partnershipId/cycles', async (request, reply) => {
    const partnership = adminPartnership(request);
    const now = clock.now();
    const choices = await offered(db, partnership.id);
    return handleForm(request, reply, {
      state: cycleFormState,
      schema: cycleFormSchema(allowedOf(choices), now),
      fieldId: cycleFieldId,
      invalid: (state, errors) => page(request, reply, partnership, choices, state, errors),
      save: async (values) => {
        const outcome = await setUpCycle(eventDeps, partnership.id, values, request.user!.id, now);
        if ('refused' in outcome) {
          const errors = new FormErrorBuilder();
          if (outcome.refused.nameTaken) errors.add('name', NAME_TAKEN);
          if (outcome.refused.noAgencies)
            errors.add('invite', 'No agencies serving these localities are in the chosen sectors');
          return { errors: errors.build() };
        }
        return `/cycles/${outcome.cycleId}?done=created&n=${outcome.carriedForward}`;
      },
    });
  });
}
