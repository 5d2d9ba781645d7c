/** Setting up an audit cycle: partnership admins only. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { activeLocalities } from '../agencies/agencies.repository.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { takePendingForm } from '../returns/return-route-helpers.ts';
import { runDueCycleEvents } from './cycle-events.service.ts';
import { type CycleFormState, cycleFormState, emptyCycleForm, parseCycleForm } from './cycle-form.ts';
import { agenciesToInvite, createCycle, cycleExists, publishedVersions } from './cycles.repository.ts';
import { NewCyclePage } from './cycles.view.tsx';

type Params = { Params: { partnershipId: string } };

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
    const [versions, localities] = await Promise.all([
      publishedVersions(db, partnership.id),
      activeLocalities(db, partnership.id),
    ]);
    return reply.html(
      NewCyclePage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        versions,
        localities,
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
    const state = cycleFormState((request.body ?? {}) as Record<string, unknown>);
    const [versions, localities] = await Promise.all([
      publishedVersions(db, partnership.id),
      activeLocalities(db, partnership.id),
    ]);
    const parsed = parseCycleForm(
      state,
      {
        templateVersionIds: new Set(versions.map((v) => v.id)),
        localityIds: new Set(localities.map((l) => l.id)),
      },
      now,
    );
    if (!parsed.values) return page(request, reply, partnership, state, parsed.errors);
    const values = parsed.values;
    const extra = new FormErrorBuilder();
    if (await cycleExists(db, partnership.id, values.name))
      extra.add('name', 'There is already an audit with this name. Choose another name.');
    const agencyIds = await agenciesToInvite(db, partnership.id, values.localityIds, values.sectors);
    if (agencyIds.length === 0)
      extra.add('invite', 'No agencies serving these localities are in the chosen sectors', 'invite');
    if (extra.hasErrors) return page(request, reply, partnership, state, extra.build());

    const cycleId = await createCycle(db, partnership.id, values, agencyIds, now);
    // An audit that is already open invites its agencies now; one opening later is invited by the
    // scheduler when it opens. The same claim on each invitation makes sure nobody is invited twice.
    if (values.opensAt <= now)
      await runDueCycleEvents({ db, mailer, baseUrl: config.baseUrl }, now, {
        partnershipId: partnership.id,
        cycleId,
      });
    return reply.redirect(`/cycles/${cycleId}?done=created`, 303);
  });
}
