/**
 * Sharing a published version of the partnership's own template with every partnership or chosen
 * ones (each newly named partnership's admins are told by email), and stopping.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inSystemContext } from '../../db/acting-partnership.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm, validate } from '../../web/form-route.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnerships/partnership-access.ts';
import { partnershipAdmins } from '../partnerships/partnerships.repository.ts';
import { findShare, otherPartnerships, shareVersion, stopSharing } from './template-library.repository.ts';
import { libraryBase, SharingPage, type SharingValues } from './template-library.view.tsx';
import { sharingSchema, sharingValues } from './template-library-forms.ts';
import { findVersion } from './template-versions.repository.ts';
import { versionBase } from './templates.view.tsx';

type Params = { Params: { partnershipId: string; versionId?: string } };

export function templateSharingRoutes(app: FastifyInstance): void {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can share templates.');

  /** The partnership's own published version to share (409 when it is not published). */
  async function versionToShare(request: FastifyRequest<Params>, partnership: PartnershipAccess) {
    const id = request.params.versionId;
    if (!isUuid(id)) throw notFound('Template version');
    const v = await findVersion(db, partnership.id, id);
    if (!v) throw notFound('Template version');
    return v;
  }

  const notPublished = (partnershipId: string, versionId: string) =>
    new HttpError(
      409,
      'Only a published version can be shared',
      'Publish the version first. A draft may still change, and a retired version is no longer offered. Nothing was changed.',
      [{ text: 'Go to the version', href: versionBase(partnershipId, versionId) }],
    );

  async function sharingView(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    version: Awaited<ReturnType<typeof versionToShare>>,
    values?: SharingValues,
    errors?: FormErrors,
  ) {
    const share = await findShare(db, partnership.id, version.id);
    return SharingPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      version,
      share,
      others: await otherPartnerships(db, partnership.id),
      values: values ?? {
        audience: share ? (share.allPartnerships ? 'all' : 'chosen') : '',
        partnerships: share?.recipients.map((r) => r.id) ?? [],
      },
      errors,
    });
  }

  const sharing = '/partnerships/:partnershipId/templates/versions/:versionId/sharing';
  app.get<Params>(sharing, async (request, reply) => {
    const partnership = admin(request);
    const v = await versionToShare(request, partnership);
    // A retired version that is still shared can only stop being shared.
    if (v.status !== 'published' && !(await findShare(db, partnership.id, v.id)))
      throw notPublished(partnership.id, v.id);
    return reply.html(await sharingView(request, reply, partnership, v));
  });

  app.post<Params>(sharing, async (request, reply) => {
    const partnership = admin(request);
    const v = await versionToShare(request, partnership);
    if (v.status !== 'published') throw notPublished(partnership.id, v.id);
    const others = await otherPartnerships(db, partnership.id);
    return handleForm(request, reply, {
      state: sharingValues,
      schema: (values) => validate(sharingSchema(others.map((p) => p.id)), values),
      invalid: (values, errors) => sharingView(request, reply, partnership, v, values, errors),
      save: async (chosen) => {
        const before = await findShare(db, partnership.id, v.id);
        if (!(await shareVersion(db, partnership.id, v.id, chosen, request.user!.id, clock.now())))
          throw notPublished(partnership.id, v.id);
        // Partnerships named for the first time are told by email; sharing with all lists it quietly.
        if (!chosen.all && !before?.allPartnerships) {
          const already = new Set(before?.recipients.map((r) => r.id));
          const added = chosen.partnershipIds.filter((id) => !already.has(id));
          // The admins of the partnerships just chosen (already checked to be other partnerships) are
          // read in the system's context: the wall of this partnership would hide them.
          const told = await inSystemContext(() => partnershipAdmins(db, added));
          for (const admin of told)
            await mailer.send({
              partnershipId: admin.partnershipId,
              to: admin.email,
              subject: `${partnership.name} has shared a template with your partnership`,
              text: [
                `${partnership.name} has shared “${v.definition.name}”, version ${v.version}, with your partnership.`,
                '',
                'You can read it in your template library and adopt a copy as the start of your own template:',
                `${config.baseUrl}${libraryBase(admin.partnershipId)}/shared/${v.id}`,
              ].join('\n'),
            });
        }
        return versionBase(partnership.id, v.id);
      },
    });
  });

  app.post<Params>(`${sharing}/stop`, async (request, reply) => {
    const partnership = admin(request);
    const v = await versionToShare(request, partnership);
    await stopSharing(db, partnership.id, v.id);
    return reply.redirect(versionBase(partnership.id, v.id), 303);
  });
}
