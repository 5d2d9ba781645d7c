/** A partnership's settings (details, localities, branding), for its admins only; and its branding files. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptFileUploads, isUpload } from '../../lib/file-uploads.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { normaliseHexColour } from './contrast.ts';
import { LOGO_MAX_BYTES, sniffLogoType } from './logo-image.ts';
import { type PartnershipAccess, partnershipAccess } from './partnership-access.ts';
import {
  checkHeaderColour,
  checkLocalityName,
  type DetailsState,
  detailsState,
  parseDetails,
} from './partnership-form.ts';
import {
  addLocality,
  belongsToPartnership,
  findPartnership,
  isUniqueViolation,
  listLocalities,
  loadLogo,
  localityNameTaken,
  removeLogo,
  renameLocality,
  saveLogo,
  setHeaderColour,
  setLocalityRetired,
  shortNameTaken,
  updateDetails,
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
    errors?: FormErrors,
  ) {
    return reply.html(
      DetailsPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        state,
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<Params>('/partnerships/:partnershipId/settings/details', async (request, reply) => {
    const partnership = admin(request);
    const pending = await takePendingForm(app, request, reply);
    const found = await details(partnership);
    return detailsPage(request, reply, found, pending ? detailsState(pending.body) : found);
  });

  app.post<Params>('/partnerships/:partnershipId/settings/details', async (request, reply) => {
    const partnership = admin(request);
    const found = await details(partnership);
    const state = detailsState((request.body ?? {}) as Record<string, unknown>);
    const parsed = parseDetails(state);
    if (parsed.errors) return detailsPage(request, reply, found, state, parsed.errors);
    const taken = new FormErrorBuilder()
      .add('shortName', 'Another partnership already uses this short name. Choose another.')
      .build();
    if (await shortNameTaken(db, parsed.values.shortName, partnership.id))
      return detailsPage(request, reply, found, state, taken);
    try {
      await updateDetails(db, partnership.id, parsed.values);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return detailsPage(request, reply, found, state, taken);
    }
    return reply.redirect(`${settingsPath(partnership.id)}?done=details`, 303);
  });

  // Localities
  async function localityPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    locality: Awaited<ReturnType<typeof localityIn>> | null,
    name: string,
    error?: string,
  ) {
    return reply.html(
      LocalityPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        locality,
        name,
        errors: error ? new FormErrorBuilder().add('name', error).build() : undefined,
      }),
      error ? 422 : 200,
    );
  }

  /** The name typed, checked for this partnership; a message when it cannot be used. */
  async function checkName(partnershipId: string, raw: string, exceptId?: string) {
    const checked = checkLocalityName(raw);
    if ('error' in checked) return checked;
    if (await localityNameTaken(db, partnershipId, checked.name, exceptId))
      return { error: 'The partnership already has a locality with this name' };
    return checked;
  }

  const typedName = (request: FastifyRequest) => {
    const raw = (request.body as Record<string, unknown> | undefined)?.name;
    return typeof raw === 'string' ? raw : '';
  };

  app.get<Params>('/partnerships/:partnershipId/settings/localities/new', async (request, reply) => {
    const partnership = admin(request);
    return localityPage(request, reply, partnership, null, '');
  });

  app.post<Params>('/partnerships/:partnershipId/settings/localities', async (request, reply) => {
    const partnership = admin(request);
    const typed = typedName(request);
    const checked = await checkName(partnership.id, typed);
    if ('error' in checked) return localityPage(request, reply, partnership, null, typed, checked.error);
    try {
      await addLocality(db, partnership.id, checked.name, clock.now());
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return localityPage(
        request,
        reply,
        partnership,
        null,
        typed,
        'The partnership already has a locality with this name',
      );
    }
    return reply.redirect(`${settingsPath(partnership.id)}?done=added`, 303);
  });

  app.get<Params>('/partnerships/:partnershipId/settings/localities/:localityId', async (request, reply) => {
    const partnership = admin(request);
    const locality = await localityIn(partnership.id, request.params.localityId);
    return localityPage(request, reply, partnership, locality, locality.name);
  });

  app.post<Params>('/partnerships/:partnershipId/settings/localities/:localityId', async (request, reply) => {
    const partnership = admin(request);
    const locality = await localityIn(partnership.id, request.params.localityId);
    const typed = typedName(request);
    const checked = await checkName(partnership.id, typed, locality.id);
    if ('error' in checked) return localityPage(request, reply, partnership, locality, typed, checked.error);
    try {
      await renameLocality(db, partnership.id, locality.id, checked.name);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return localityPage(
        request,
        reply,
        partnership,
        locality,
        typed,
        'The partnership already has a locality with this name',
      );
    }
    return reply.redirect(`${settingsPath(partnership.id)}?done=renamed`, 303);
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
    error?: { field: string; message: string },
  ) {
    const found = await details(partnership);
    return reply.html(
      BrandingPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership: found,
        colour: colour ?? found.headerColour ?? '',
        errors: error ? new FormErrorBuilder().add(error.field, error.message).build() : undefined,
        notice: NOTICES[request.query.done ?? ''],
      }),
      error ? 422 : 200,
    );
  }
  const brandingPath = (id: string) => `${settingsPath(id)}/branding`;

  app.get<Params>('/partnerships/:partnershipId/settings/branding', async (request, reply) =>
    brandingPage(request, reply, admin(request)),
  );

  app.post<Params>('/partnerships/:partnershipId/settings/branding/colour', async (request, reply) => {
    const partnership = admin(request);
    const raw = (request.body as Record<string, unknown> | undefined)?.headerColour;
    const typed = typeof raw === 'string' ? raw : '';
    const checked = checkHeaderColour(typed);
    if ('error' in checked)
      return brandingPage(request, reply, partnership, typed, {
        field: 'headerColour',
        message: checked.error,
      });
    await setHeaderColour(db, partnership.id, checked.colour);
    return reply.redirect(`${brandingPath(partnership.id)}?done=colour`, 303);
  });

  app.post<Params>('/partnerships/:partnershipId/settings/branding/logo/remove', async (request, reply) => {
    const partnership = admin(request);
    await removeLogo(db, partnership.id);
    return reply.redirect(`${brandingPath(partnership.id)}?done=logo-removed`, 303);
  });

  // The logo upload is the only multipart form here: the parser is registered for it alone. Its
  // fields reach `request.body` before the CSRF check; the file is cut off past the size limit.
  await app.register(async (upload) => {
    await acceptFileUploads(upload, LOGO_MAX_BYTES);
    upload.post<Params>('/partnerships/:partnershipId/settings/branding/logo', async (request, reply) => {
      const partnership = admin(request);
      const file = (request.body as Record<string, unknown> | undefined)?.logo;
      const refuse = (message: string) =>
        brandingPage(request, reply, partnership, undefined, { field: 'logo', message });
      if (!isUpload(file) || file.data.length === 0) return refuse('Select a logo to upload');
      if (file.truncated || file.data.length > LOGO_MAX_BYTES)
        return refuse(`The logo must be ${LOGO_MAX_BYTES / 1024} KB or smaller`);
      const contentType = sniffLogoType(file.data);
      if (!contentType) return refuse('The logo must be a PNG or JPEG image');
      await saveLogo(db, partnership.id, { contentType, bytes: file.data }, clock.now());
      return reply.redirect(`${brandingPath(partnership.id)}?done=logo`, 303);
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
