/** A partnership's settings (details, localities, branding), for its admins only; and its branding files. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptFileUploads } from '../../lib/file-uploads.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { handleForm, textField } from '../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../web/form-version.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { recordConflictPage } from '../../web/record-conflict.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { normaliseHexColour } from './contrast.ts';
import { LOGO_MAX_BYTES } from './logo-image.ts';
import { type PartnershipAccess, partnershipAccess } from './partnership-access.ts';
import {
  colourSchema,
  type DetailsState,
  detailsSchema,
  detailsState,
  localitySchema,
  logoSchema,
} from './partnership-form.ts';
import {
  BRANDING_RECORD,
  DETAILS_LABELS,
  DETAILS_RECORD,
  detailsRecord,
  LOCALITY_RECORD,
  localityRecord,
  type SaveDetailsOutcome,
  saveHeaderColour,
  saveLocalityName,
  savePartnershipDetails,
} from './partnership-settings.service.ts';
import {
  addLocality,
  belongsToPartnership,
  findPartnership,
  isUniqueViolation,
  listLocalities,
  loadLogo,
  localityNameTaken,
  removeLogo,
  saveLogo,
  setLocalityRetired,
} from './partnerships.repository.ts';
import { BrandingPage, DetailsPage, LocalityPage, SettingsPage, settingsPath } from './settings.view.tsx';

type Params = {
  Params: { partnershipId: string; localityId?: string };
  Querystring: { done?: string };
};

const NOTICES: Record<string, string> = {
  details: 'Details saved',
  added: 'Locality added',
  renamed: 'Locality renamed',
  retired: 'Locality retired',
  restored: 'Locality brought back',
  logo: 'Logo uploaded',
  'logo-removed': 'Logo removed',
  colour: 'Header colour saved',
};

/** A year: branding files are addressed by a hash of what they hold, so they never go stale. */
const LONG_CACHE = 'private, max-age=31536000, immutable';

export async function partnershipSettingsRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can change its settings.');

  async function details(partnership: PartnershipAccess) {
    const found = await findPartnership(db, partnership.id);
    if (!found) throw notFound('Partnership');
    return found;
  }

  async function localityIn(partnershipId: string, localityId: string | undefined) {
    if (!isUuid(localityId)) throw notFound('Locality');
    const found = (await listLocalities(db, partnershipId)).find((l) => l.id === localityId);
    if (!found) throw notFound('Locality');
    return found;
  }

  app.get<Params>('/partnerships/:partnershipId/settings', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      SettingsPage({
        chrome: await request.chrome(reply),
        partnership: await details(partnership),
        localities: await listLocalities(db, partnership.id),
        notice: NOTICES[request.query.done ?? ''],
      }),
    );
  });

  // Details
  async function detailsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    state: DetailsState,
    shown: string,
    errors?: FormErrors,
  ) {
    return DetailsPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      state,
      shown,
      errors,
    });
  }

  app.get<Params>('/partnerships/:partnershipId/settings/details', async (request, reply) => {
    const partnership = admin(request);
    // A form kept when the session ended keeps what it was shown: the conflict rule compares with that.
    const pending = await takePendingForm(app, request, reply);
    const found = await details(partnership);
    const saved: DetailsState = {
      name: found.name,
      shortName: found.shortName,
      contactEmail: found.contactEmail,
      introduction: found.introduction,
    };
    const shown = pending ? shownOf(pending.body) : encodeShown({ [DETAILS_RECORD]: shownRecord(saved) });
    return reply.html(
      await detailsPage(request, reply, found, pending ? detailsState(pending.body) : saved, shown),
    );
  });

  const shortNameTakenErrors = () =>
    oneError('shortName', 'Another partnership already uses this short name. Choose another.');

  app.post<Params>('/partnerships/:partnershipId/settings/details', async (request, reply) => {
    const partnership = admin(request);
    const found = await details(partnership);
    return handleForm(request, reply, {
      state: detailsState,
      schema: detailsSchema,
      invalid: (state, errors, body) => detailsPage(request, reply, found, state, shownOf(body), errors),
      save: async (values, body) => {
        let outcome: SaveDetailsOutcome;
        try {
          outcome = await savePartnershipDetails(
            db,
            partnership.id,
            values,
            request.user!.id,
            clock.now(),
            formVersion(body),
          );
        } catch (error) {
          // Taken by another partnership at the same moment.
          if (!isUniqueViolation(error)) throw error;
          return { errors: shortNameTakenErrors() };
        }
        if ('shortNameTaken' in outcome) return { errors: shortNameTakenErrors() };
        if ('conflicts' in outcome)
          return recordConflictPage(request, reply, {
            record: detailsRecord(partnership.id),
            recordName: 'The partnership’s details',
            action: `${settingsPath(partnership.id)}/details`,
            body,
            conflicts: outcome.conflicts,
            label: (field) => DETAILS_LABELS[field as keyof typeof DETAILS_LABELS] ?? field,
          });
        return `${settingsPath(partnership.id)}?done=details`;
      },
    });
  });

  // Localities
  async function localityPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    locality: Awaited<ReturnType<typeof localityIn>> | null,
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

  const nameTaken = () => oneError('name', 'The partnership already has a locality with this name');

  /** Adds a locality, or renames `locality`: one form, its one schema, the name checked for this partnership. */
  function localityForm(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    locality: Awaited<ReturnType<typeof localityIn>> | null,
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

  app.get<Params>('/partnerships/:partnershipId/settings/localities/new', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(await localityPage(request, reply, partnership, null, ''));
  });

  app.post<Params>('/partnerships/:partnershipId/settings/localities', async (request, reply) =>
    localityForm(request, reply, admin(request), null),
  );

  app.get<Params>('/partnerships/:partnershipId/settings/localities/:localityId', async (request, reply) => {
    const partnership = admin(request);
    const locality = await localityIn(partnership.id, request.params.localityId);
    return reply.html(await localityPage(request, reply, partnership, locality, locality.name));
  });

  app.post<Params>('/partnerships/:partnershipId/settings/localities/:localityId', async (request, reply) => {
    const partnership = admin(request);
    const locality = await localityIn(partnership.id, request.params.localityId);
    return localityForm(request, reply, partnership, locality);
  });

  for (const action of ['retire', 'restore'] as const) {
    app.post<Params>(
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

  // Branding
  async function brandingPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    colour?: string,
    errors?: FormErrors,
    shown?: string,
  ) {
    const found = await details(partnership);
    return BrandingPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership: found,
      colour: colour ?? found.headerColour ?? '',
      // What the colour form shows, for the conflict rule (a refused form keeps what it first showed).
      shown: shown ?? encodeShown({ [BRANDING_RECORD]: shownRecord({ headerColour: found.headerColour }) }),
      errors,
      notice: NOTICES[request.query.done ?? ''],
    });
  }
  const brandingPath = (id: string) => `${settingsPath(id)}/branding`;

  app.get<Params>('/partnerships/:partnershipId/settings/branding', async (request, reply) =>
    reply.html(await brandingPage(request, reply, admin(request))),
  );

  app.post<Params>('/partnerships/:partnershipId/settings/branding/colour', async (request, reply) => {
    const partnership = admin(request);
    return handleForm(request, reply, {
      state: (body) => ({ headerColour: textField(body, 'headerColour') }),
      schema: colourSchema,
      fieldId: () => 'headerColour',
      invalid: (state, errors, body) =>
        brandingPage(request, reply, partnership, state.headerColour, errors, shownOf(body) || undefined),
      save: async ({ headerColour }, body) => {
        const outcome = await saveHeaderColour(
          db,
          partnership.id,
          headerColour,
          request.user!.id,
          clock.now(),
          formVersion(body),
        );
        if ('conflicts' in outcome)
          return recordConflictPage(request, reply, {
            record: detailsRecord(partnership.id),
            recordName: 'The partnership’s header colour',
            action: `${brandingPath(partnership.id)}/colour`,
            // The colour form posts to an address of its own: back goes to the branding page.
            backHref: brandingPath(partnership.id),
            body,
            conflicts: outcome.conflicts,
            label: () => 'Header colour',
            show: (_field, value) => (value ? String(value) : 'The service’s default (black)'),
          });
        return `${brandingPath(partnership.id)}?done=colour`;
      },
    });
  });

  app.post<Params>('/partnerships/:partnershipId/settings/branding/logo/remove', async (request, reply) => {
    const partnership = admin(request);
    await removeLogo(db, partnership.id);
    return reply.redirect(`${brandingPath(partnership.id)}?done=logo-removed`, 303);
  });

  // The logo upload is the only multipart form here: the parser is registered for it alone. Its
  // fields reach the body before the CSRF check; the file is cut off past the size limit.
  await app.register(async (upload) => {
    await acceptFileUploads(upload, LOGO_MAX_BYTES);
    upload.post<Params>('/partnerships/:partnershipId/settings/branding/logo', async (request, reply) => {
      const partnership = admin(request);
      return handleForm(request, reply, {
        state: (body) => ({ logo: body.logo }),
        schema: logoSchema,
        invalid: (_state, errors) => brandingPage(request, reply, partnership, undefined, errors),
        save: async (logo) => {
          await saveLogo(db, partnership.id, logo, clock.now());
          return `${brandingPath(partnership.id)}?done=logo`;
        },
      });
    });
  });

  // Branding files, for people who belong to the partnership (a role in it, or in one of its agencies).
  async function assetPartnership(request: FastifyRequest, partnershipId: string | undefined) {
    const user = requireUser(request);
    if (!isUuid(partnershipId) || !(await belongsToPartnership(db, user.id, partnershipId)))
      throw notFound('File');
    return partnershipId;
  }

  app.get<{ Params: { file: string } }>('/branding/:file', async (request, reply) => {
    const match = /^([0-9a-f-]{36})\.css$/i.exec(request.params.file);
    const partnershipId = await assetPartnership(request, match?.[1]);
    const found = await findPartnership(db, partnershipId);
    // Checked when saved; checked again here, as it is written into a stylesheet.
    const colour = normaliseHexColour(found?.headerColour ?? '');
    const css = colour
      ? `.govuk-generic-header{background:${colour};border-bottom-color:${colour}}\n`
      : '/* The service’s default header. */\n';
    return reply.type('text/css; charset=utf-8').header('cache-control', LONG_CACHE).send(css);
  });

  app.get<{ Params: { partnershipId: string; file: string } }>(
    '/branding/:partnershipId/:file',
    async (request, reply) => {
      const partnershipId = await assetPartnership(request, request.params.partnershipId);
      const hash = /^logo-([0-9a-f]{16})$/.exec(request.params.file)?.[1];
      if (!hash) throw notFound('File');
      const logo = await loadLogo(db, partnershipId);
      if (logo?.sha256.startsWith(hash) !== true) throw notFound('File');
      return reply
        .type(logo.contentType)
        .header('cache-control', LONG_CACHE)
        .header('content-disposition', 'inline')
        .send(logo.bytes);
    },
  );
}
