/**
 * A partnership's guidance and FAQ pages: read by its agencies, admins and reviewers; written by
 * its admins, with a preview before saving. An admin may make them public: then anyone reads them
 * without signing in at /p/<short name>/guidance and /p/<short name>/faq (404 while they are not).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { formBody, handleForm, textField } from '../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../web/form-version.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { recordConflictPage } from '../../web/record-conflict.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { agencyPartnershipsFor } from '../partnerships/agency-partnerships.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import {
  GuidanceHubPage,
  PAGE_TITLES,
  type PageKind,
  PartnershipPageForm,
  PartnershipPageView,
  type PartnershipRef,
} from './guidance.view.tsx';
import { pageFormSchema, pageFormState } from './guidance-form.ts';
import {
  findPage,
  findPublicPartnership,
  publicPagesSetting,
  setPublicPages,
} from './partnership-pages.repository.ts';
import { PAGE_RECORD, pageRecord, savePageText } from './partnership-pages.service.ts';

type Params = { Params: { partnershipId: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = {
  saved: 'Page saved',
  public: 'The guidance and FAQ pages are public',
  private: 'The guidance and FAQ pages are private again',
};

export async function guidanceRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;

  /**
   * The partnership in the URL, if the person may read its pages: its admins and reviewers, and the
   * users of its agencies. A 404 for anyone else, so other partnerships' ids reveal nothing.
   */
  async function readerOf(request: FastifyRequest<Params>) {
    const user = requireUser(request);
    const { partnershipId } = request.params;
    if (!isUuid(partnershipId)) throw notFound('Partnership');
    const role = user.partnerships.find((p) => p.partnershipId === partnershipId);
    if (role)
      return {
        id: partnershipId,
        name: role.partnershipName,
        canManage: role.role === 'partnership_admin',
        enquiriesHref: `/partnerships/${partnershipId}/enquiries`,
      };
    const membership = (await agencyPartnershipsFor(db, user)).find((m) => m.partnershipId === partnershipId);
    if (!membership) throw notFound('Partnership');
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

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRef,
    kind: PageKind,
    body: string,
    shown: string,
    options: { preview?: boolean; errors?: FormErrors } = {},
  ) {
    return PartnershipPageForm({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      kind,
      body,
      shown,
      preview: options.preview ?? false,
      errors: options.errors,
    });
  }

  for (const kind of ['guidance', 'faq'] as const) {
    const path = `/partnerships/:partnershipId/${kind}`;
    const refusal = 'Only a partnership admin can change its guidance and frequently asked questions.';

    app.get<{ Params: { shortName: string } }>(`/p/:shortName/${kind}`, async (request, reply) => {
      const partnership = await findPublicPartnership(db, request.params.shortName);
      if (!partnership) throw notFound('Page');
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

    app.get<Params>(`${path}/edit`, async (request, reply) => {
      const partnership = partnershipAccess(request, true, refusal);
      // A form kept when the session ended keeps what it was shown: the conflict rule compares with that.
      const pending = await takePendingForm(app, request, reply);
      const saved = (await findPage(db, partnership.id, kind)).body;
      return reply.html(
        await formPage(
          request,
          reply,
          partnership,
          kind,
          pending ? pageFormState(pending.body).body : saved,
          pending ? shownOf(pending.body) : encodeShown({ [PAGE_RECORD]: shownRecord({ body: saved }) }),
        ),
      );
    });

    app.post<Params>(`${path}/edit`, async (request, reply) => {
      const partnership = partnershipAccess(request, true, refusal);
      return handleForm(request, reply, {
        state: pageFormState,
        schema: pageFormSchema,
        invalid: (state, errors, body) =>
          formPage(request, reply, partnership, kind, state.body, shownOf(body), { errors }),
        save: async (values, body) => {
          // A preview saves nothing: the page is shown again with what was typed, and what it showed.
          if (values.action === 'preview')
            return {
              page: await formPage(request, reply, partnership, kind, values.body, shownOf(body), {
                preview: true,
              }),
              status: 200,
            };
          const { conflicts } = await savePageText(
            db,
            partnership.id,
            kind,
            { body: values.body },
            request.user!.id,
            clock.now(),
            formVersion(body),
          );
          if (conflicts.length > 0)
            return recordConflictPage(request, reply, {
              record: pageRecord(partnership.id, kind),
              recordName: `${PAGE_TITLES[kind]}: ${partnership.name}`,
              action: `/partnerships/${partnership.id}/${kind}/edit`,
              body,
              conflicts,
              label: () =>
                `The text of the ${kind === 'guidance' ? 'guidance' : 'frequently asked questions'}`,
            });
          return `/partnerships/${partnership.id}/${kind}?done=saved`;
        },
      });
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
