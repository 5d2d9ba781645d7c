/**
 * Branding files, for people who belong to the partnership (a role in it, or in one of its
 * agencies): the header's stylesheet and the logo.
 */
import type { FastifyRequest } from 'fastify';
import { actFor } from '../../../db/acting-partnership.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { requireUser } from '../../auth/auth.plugin.ts';
import { normaliseHexColour } from '../contrast.ts';
import { belongsToPartnership, findPartnership, loadLogo } from '../partnerships.repository.ts';
import type { SettingsRoutes } from './settings-context.ts';

/** A year: branding files are addressed by a hash of what they hold, so they never go stale. */
const LONG_CACHE = 'private, max-age=31536000, immutable';

export function brandingFileRoutes({ app, db }: SettingsRoutes): void {
  async function assetPartnership(request: FastifyRequest, partnershipId: string | undefined) {
    const user = requireUser(request);
    if (!isUuid(partnershipId) || !(await belongsToPartnership(db, user.id, partnershipId)))
      throw notFound('File');
    // Theirs: the rest of the request acts for it (the database's wall).
    actFor(partnershipId);
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
