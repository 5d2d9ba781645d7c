/**
 * Adding an agency and changing one, for partnership admins: one form, checked against the
 * localities it offers. A new agency's lead contact is invited as its first agency lead at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { inviteLeadContact } from '../../people/agency-people.service.ts';
import {
  type AgencyListItem,
  type AgencyValues,
  createAgency,
  updateAgency,
} from '../agencies.repository.ts';
import { AgencyFormPage, type PartnershipRef } from '../agencies.view.tsx';
import { type AgencyParams, type AgencyRoutes, agenciesPath } from '../agencies-context.ts';
import { type AgencyFormState, agencyFormState, checkAgency, stateFromAgency } from '../agency-form.ts';

export function agencyFormRoutes({
  app,
  db,
  clock,
  inviteDeps,
  partnershipFor,
  agencyIn,
  offeredLocalities,
}: AgencyRoutes): void {
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

  /** The form, refilled from a form kept when the session ended, or from the agency. */
  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRef,
    agency: AgencyListItem | null,
  ) {
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? agencyFormState(pending.body) : stateFromAgency(agency);
    return reply.html(await formView(request, reply, partnership, agency, state));
  }

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

  app.get<AgencyParams>('/partnerships/:partnershipId/agencies/new', async (request, reply) =>
    formPage(request, reply, partnershipFor(request, true), null),
  );

  app.post<AgencyParams>('/partnerships/:partnershipId/agencies', async (request, reply) => {
    const partnership = partnershipFor(request, true);
    return agencyForm(request, reply, partnership, null, async (values) => {
      const agencyId = await createAgency(db, partnership.id, values, clock.now());
      // Its lead contact becomes its first agency lead, invited at once.
      await inviteLeadContact(inviteDeps, partnership, { id: agencyId, ...values }, request.user!.id);
      return `${agenciesPath(partnership.id)}?done=added`;
    });
  });

  app.get<AgencyParams>('/partnerships/:partnershipId/agencies/:agencyId', async (request, reply) => {
    const partnership = partnershipFor(request, true);
    return formPage(request, reply, partnership, await agencyIn(partnership.id, request.params.agencyId));
  });

  app.post<AgencyParams>('/partnerships/:partnershipId/agencies/:agencyId', async (request, reply) => {
    const partnership = partnershipFor(request, true);
    const agency = await agencyIn(partnership.id, request.params.agencyId);
    return agencyForm(request, reply, partnership, agency, async (values) => {
      await updateAgency(db, partnership.id, agency, values);
      // A new lead contact: the agency's people page offers to invite them.
      if (values.leadContactEmail && values.leadContactEmail !== agency.leadContactEmail)
        return `${agenciesPath(partnership.id)}/${agency.id}/people?done=contact-changed`;
      return `${agenciesPath(partnership.id)}?done=saved`;
    });
  });
}
