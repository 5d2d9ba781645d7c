/** A partnership's agencies: listed for its admins and reviewers, managed by its admins. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { pendingJoinRequestCount } from '../join-requests/join-requests.repository.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { inviteLeadContact } from '../people/agency-people.service.ts';
import {
  type AgencyListItem,
  type AgencyValues,
  activeLocalities,
  createAgency,
  findAgency,
  listAgencies,
  setArchived,
  updateAgency,
} from './agencies.repository.ts';
import { AgenciesPage, AgencyFormPage, type PartnershipRef } from './agencies.view.tsx';
import { type AgencyFormState, agencyFormState, checkAgency, stateFromAgency } from './agency-form.ts';
import { waitingShareRequestCount } from './agency-shares.repository.ts';

type Params = {
  Params: { partnershipId: string; agencyId?: string };
  Querystring: { done?: string; count?: string };
};

const NOTICES: Record<string, string> = {
  added: 'Agency added',
  saved: 'Changes saved',
  archived: 'Agency archived',
  restored: 'Agency restored',
};

export async function agencyRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const inviteDeps = { db, clock, mailer, baseUrl: config.baseUrl };

  const partnershipFor = (request: FastifyRequest<Params>, manage: boolean) =>
    partnershipAccess(request, manage, 'Only a partnership admin can change agencies.');

  async function agencyIn(partnershipId: string, agencyId: string | undefined): Promise<AgencyListItem> {
    if (!isUuid(agencyId)) throw notFound('Agency');
    const agency = await findAgency(db, partnershipId, agencyId);
    if (!agency) throw notFound('Agency');
    return agency;
  }

  async function formView(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRef,
    agency: AgencyListItem | null,
    state: AgencyFormState,
    errors?: FormErrors,
  ) {
    return AgencyFormPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      agency,
      localities: await offeredLocalities(partnership.id, agency),
      state,
      errors,
    });
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRef,
    agency: AgencyListItem | null,
    state: AgencyFormState,
  ) {
    return reply.html(await formView(request, reply, partnership, agency, state));
  }

  const base = (partnershipId: string) => `/partnerships/${partnershipId}/agencies`;

  /** Localities in use, and any retired one the agency already serves (kept unless unticked). */
  async function offeredLocalities(partnershipId: string, agency: AgencyListItem | null) {
    const active = await activeLocalities(db, partnershipId);
    const activeIds = new Set(active.map((l) => l.id));
    const retired = (agency?.localityIds ?? [])
      .map((id, i) => ({ id, name: `${agency!.localityNames[i] ?? ''} (retired)` }))
      .filter((l) => !activeIds.has(l.id));
    return [...active, ...retired];
  }

  app.get<Params>('/partnerships/:partnershipId/agencies', async (request, reply) => {
    const partnership = partnershipFor(request, false);
    return reply.html(
      AgenciesPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        agencies: await listAgencies(db, partnership.id),
        canManage: partnership.canManage,
        pendingJoinRequests: partnership.canManage ? await pendingJoinRequestCount(db, partnership.id) : 0,
        waitingShareRequests: partnership.canManage ? await waitingShareRequestCount(db, partnership.id) : 0,
        notice:
          request.query.done === 'imported' && /^\d{1,5}$/.test(request.query.count ?? '')
            ? `${Number(request.query.count)} agenc${request.query.count === '1' ? 'y' : 'ies'} imported`
            : NOTICES[request.query.done ?? ''],
      }),
    );
  });

  app.get<Params>('/partnerships/:partnershipId/agencies/new', async (request, reply) => {
    const partnership = partnershipFor(request, true);
    const pending = await takePendingForm(app, request, reply);
    return formPage(
      request,
      reply,
      partnership,
      null,
      pending ? agencyFormState(pending.body) : stateFromAgency(null),
    );
  });

  /** The agency form's post, checked against the localities offered: saved, or shown again. */
  async function agencyForm(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRef,
    agency: AgencyListItem | null,
    save: (values: AgencyValues) => Promise<string>,
  ) {
    const localityIds = new Set((await offeredLocalities(partnership.id, agency)).map((l) => l.id));
    return handleForm(request, reply, {
      state: agencyFormState,
      schema: checkAgency(localityIds),
      invalid: (state, errors) => formView(request, reply, partnership, agency, state, errors),
      save,
    });
  }

  app.post<Params>('/partnerships/:partnershipId/agencies', async (request, reply) => {
    const partnership = partnershipFor(request, true);
    return agencyForm(request, reply, partnership, null, async (values) => {
      const agencyId = await createAgency(db, partnership.id, values, clock.now());
      // Its lead contact becomes its first agency lead, invited at once.
      await inviteLeadContact(inviteDeps, partnership, { id: agencyId, ...values }, request.user!.id);
      return `${base(partnership.id)}?done=added`;
    });
  });

  app.get<Params>('/partnerships/:partnershipId/agencies/:agencyId', async (request, reply) => {
    const partnership = partnershipFor(request, true);
    const agency = await agencyIn(partnership.id, request.params.agencyId);
    const pending = await takePendingForm(app, request, reply);
    return formPage(
      request,
      reply,
      partnership,
      agency,
      pending ? agencyFormState(pending.body) : stateFromAgency(agency),
    );
  });

  app.post<Params>('/partnerships/:partnershipId/agencies/:agencyId', async (request, reply) => {
    const partnership = partnershipFor(request, true);
    const agency = await agencyIn(partnership.id, request.params.agencyId);
    return agencyForm(request, reply, partnership, agency, async (values) => {
      await updateAgency(db, partnership.id, agency, values);
      // A new lead contact: the agency's people page offers to invite them.
      if (values.leadContactEmail && values.leadContactEmail !== agency.leadContactEmail)
        return `${base(partnership.id)}/${agency.id}/people?done=contact-changed`;
      return `${base(partnership.id)}?done=saved`;
    });
  });

  for (const action of ['archive', 'restore'] as const) {
    app.post<Params>(`/partnerships/:partnershipId/agencies/:agencyId/${action}`, async (request, reply) => {
      const partnership = partnershipFor(request, true);
      const agency = await agencyIn(partnership.id, request.params.agencyId);
      await setArchived(db, partnership.id, agency.id, action === 'archive' ? clock.now() : null);
      return reply.redirect(
        `${base(partnership.id)}?done=${action === 'archive' ? 'archived' : 'restored'}`,
        303,
      );
    });
  }
}
