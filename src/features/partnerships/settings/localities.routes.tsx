/** The partnership's localities: add one, rename one, retire one or bring it back. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { handleForm, textField } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { recordConflictPage } from '../../../web/record-conflict.ts';
import type { PartnershipAccess } from '../partnership-access.ts';
import { localitySchema } from '../partnership-form.ts';
import { LOCALITY_RECORD, localityRecord, saveLocalityName } from '../partnership-settings.service.ts';
import {
  addLocality,
  isUniqueViolation,
  localityNameTaken,
  setLocalityRetired,
} from '../partnerships.repository.ts';
import { LocalityPage, settingsPath } from '../settings.view.tsx';
import type { Locality, SettingsParams, SettingsRoutes } from './settings-context.ts';

const nameTaken = () => oneError('name', 'The partnership already has a locality with this name');

export function localityRoutes({ app, db, clock, admin, localityIn }: SettingsRoutes): void {
  async function localityPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    locality: Locality | null,
    name: string,
    errors?: FormErrors,
    shown?: string,
  ) {
    return LocalityPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      locality,
      name,
      // A rename form carries what it showed (a refused one keeps what it first showed).
      shown: locality
        ? (shown ?? encodeShown({ [LOCALITY_RECORD]: shownRecord({ name: locality.name }) }))
        : undefined,
      errors,
    });
  }

  /** Adds a locality, or renames `locality`: one form, its one schema, the name checked for this partnership. */
  function localityForm(
    request: FastifyRequest<SettingsParams>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    locality: Locality | null,
  ) {
    return handleForm(request, reply, {
      state: (body) => ({ name: textField(body, 'name') }),
      schema: localitySchema,
      invalid: (state, errors, body) =>
        localityPage(request, reply, partnership, locality, state.name, errors, shownOf(body) || undefined),
      save: async ({ name }, body) => {
        if (await localityNameTaken(db, partnership.id, name, locality?.id)) return { errors: nameTaken() };
        try {
          if (locality) {
            const outcome = await saveLocalityName(
              db,
              partnership.id,
              locality.id,
              name,
              request.user!.id,
              clock.now(),
              formVersion(body),
            );
            if ('conflicts' in outcome)
              return recordConflictPage(request, reply, {
                record: localityRecord(partnership.id, locality.id),
                recordName: 'The locality’s name',
                action: `${settingsPath(partnership.id)}/localities/${locality.id}`,
                body,
                conflicts: outcome.conflicts,
                label: () => 'Name of the locality',
              });
          } else await addLocality(db, partnership.id, name, clock.now());
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          return { errors: nameTaken() };
        }
        return `${settingsPath(partnership.id)}?done=${locality ? 'renamed' : 'added'}`;
      },
    });
  }

  app.get<SettingsParams>('/partnerships/:partnershipId/settings/localities/new', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(await localityPage(request, reply, partnership, null, ''));
  });

  app.post<SettingsParams>('/partnerships/:partnershipId/settings/localities', async (request, reply) =>
    localityForm(request, reply, admin(request), null),
  );

  app.get<SettingsParams>(
    '/partnerships/:partnershipId/settings/localities/:localityId',
    async (request, reply) => {
      const partnership = admin(request);
      const locality = await localityIn(partnership.id, request.params.localityId);
      return reply.html(await localityPage(request, reply, partnership, locality, locality.name));
    },
  );

  app.post<SettingsParams>(
    '/partnerships/:partnershipId/settings/localities/:localityId',
    async (request, reply) => {
      const partnership = admin(request);
      const locality = await localityIn(partnership.id, request.params.localityId);
      return localityForm(request, reply, partnership, locality);
    },
  );

  for (const action of ['retire', 'restore'] as const) {
    app.post<SettingsParams>(
      `/partnerships/:partnershipId/settings/localities/:localityId/${action}`,
      async (request, reply) => {
        const partnership = admin(request);
        const locality = await localityIn(partnership.id, request.params.localityId);
        await setLocalityRetired(db, partnership.id, locality.id, action === 'retire' ? clock.now() : null);
        return reply.redirect(
          `${settingsPath(partnership.id)}?done=${action === 'retire' ? 'retired' : 'restored'}`,
          303,
        );
      },
    );
  }
}
