/**
 * A partnership's guidance and FAQ pages: read by its agencies, admins and reviewers; written by
 * its admins, with a preview before saving (page-edit.routes.tsx). An admin may make them public: then anyone reads them
 * without signing in at /p/<short name>/guidance and /p/<short name>/faq (404 while they are not).
 */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actFor, inSystemContext } from '../../db/acting-partnership.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { formBody, textField } from '../../web/form-route.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { agencyPartnershipsFor } from '../partnerships/agency-partnerships.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { GuidanceHubPage, PartnershipPageView, type PartnershipRef } from './guidance.view.tsx';
import { pageEditRoutes } from './page-edit.routes.tsx';
import {
  findPage,
  findPublicPartnership,
  publicPagesSetting,
  setPublicPages,
} from './partnership-pages.repository.ts';

type Params = { Params: { partnershipId: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = {
  saved: 'Page saved',
  public: 'The guidance and FAQ pages are public',
  private: 'The guidance and FAQ pages are private again',
};

export async function guidanceRoutes(app: FastifyInstance): Promise<void> {
  const { database, config } = app.deps;
  const db = database.db;
  // Writing the pages (and previewing them) is a page module of its own.
  await app.register(pageEditRoutes);

  /**
   * The partnership in the URL, if the person may read its pages: its admins and reviewers, and the
   * users of its agencies. A 404 for anyone else, so other partnerships' ids reveal nothing.
   */
  async function readerOf(request: FastifyRequest<Params>) {
    const user = requireUser(request);
    const { partnershipId } = request.params;
    if (!isUuid(partnershipId)) throw notFound('Partnership');
    const role = user.partnerships.find((p) => p.partnershipId === partnershipId);
    if (role) {
      actFor(partnershipId);
      return {
        id: partnershipId,
        name: role.partnershipName,
        canManage: role.role === 'partnership_admin',
        enquiriesHref: `/partnerships/${partnershipId}/enquiries`,
      };
    }
    const membership = (await agencyPartnershipsFor(db, user)).find((m) => m.partnershipId === partnershipId);
    if (!membership) throw notFound('Partnership');
    // Theirs to read: the rest of the request acts for it (the database's wall).
    actFor(partnershipId);
    return {
      id: partnershipId,
      name: membership.partnershipName,
      canManage: false,
      enquiriesHref: '/enquiries',
    };
  }

  app.get('/guidance', async (request, reply) => {
    const user = requireUser(request);
    const seen = new Map<string, PartnershipRef>();
    for (const p of user.partnerships)
      seen.set(p.partnershipId, { id: p.partnershipId, name: p.partnershipName });
    for (const m of await agencyPartnershipsFor(db, user))
      seen.set(m.partnershipId, { id: m.partnershipId, name: m.partnershipName });
    return reply.html(
      GuidanceHubPage({ chrome: await request.chrome(reply), partnerships: [...seen.values()] }),
    );
  });

  for (const kind of ['guidance', 'faq'] as const) {
    const path = `/partnerships/:partnershipId/${kind}`;

    app.get<{ Params: { shortName: string } }>(`/p/:shortName/${kind}`, async (request, reply) => {
      const partnership = await inSystemContext(() => findPublicPartnership(db, request.params.shortName));
      if (!partnership) throw notFound('Page');
      actFor(partnership.id);
      const base = `/p/${partnership.shortName}`;
      return reply.html(
        PartnershipPageView({
          chrome: await request.chrome(reply),
          partnership,
          kind,
          page: await findPage(db, partnership.id, kind),
          canManage: false,
          enquiriesHref: `${base}/enquiries/new`,
          base,
        }),
      );
    });

    app.get<Params>(path, async (request, reply) => {
      const partnership = await readerOf(request);
      const setting = partnership.canManage ? await publicPagesSetting(db, partnership.id) : null;
      return reply.html(
        PartnershipPageView({
          chrome: await request.chrome(reply),
          partnership,
          kind,
          page: await findPage(db, partnership.id, kind),
          canManage: partnership.canManage,
          enquiriesHref: partnership.enquiriesHref,
          notice: NOTICES[request.query.done ?? ''],
          publicSetting: setting
            ? {
                publicPages: setting.publicPages,
                publicHref: `${config.baseUrl}/p/${setting.shortName}/${kind}`,
                csrfToken: await app.sessions.csrfToken(request, reply),
              }
            : undefined,
        }),
      );
    });
  }

  app.post<Params>('/partnerships/:partnershipId/public-pages', async (request, reply) => {
    const partnership = partnershipAccess(
      request,
      true,
      'Only a partnership admin can make its guidance and FAQ pages public.',
    );
    const on = textField(formBody(request), 'public') === 'on';
    await setPublicPages(db, partnership.id, on);
    return reply.redirect(`/partnerships/${partnership.id}/guidance?done=${on ? 'public' : 'private'}`, 303);
  });
}
