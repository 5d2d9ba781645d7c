/** The partnership's branding: its header colour and its logo. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptFileUploads } from '../../../lib/file-uploads.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm, textField } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { recordConflictPage } from '../../../web/record-conflict.ts';
import { LOGO_MAX_BYTES } from '../logo-image.ts';
import type { PartnershipAccess } from '../partnership-access.ts';
import { colourSchema, logoSchema } from '../partnership-form.ts';
import { BRANDING_RECORD, detailsRecord, saveHeaderColour } from '../partnership-settings.service.ts';
import { removeLogo, saveLogo } from '../partnerships.repository.ts';
import { BrandingPage, settingsPath } from '../settings.view.tsx';
import { NOTICES, type SettingsParams, type SettingsRoutes } from './settings-context.ts';

const brandingPath = (id: string) => `${settingsPath(id)}/branding`;

export async function brandingRoutes({ app, db, clock, admin, details }: SettingsRoutes): Promise<void> {
  async function brandingPage(
    request: FastifyRequest<SettingsParams>,
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

  app.get<SettingsParams>('/partnerships/:partnershipId/settings/branding', async (request, reply) =>
    reply.html(await brandingPage(request, reply, admin(request))),
  );

  app.post<SettingsParams>(
    '/partnerships/:partnershipId/settings/branding/colour',
    async (request, reply) => {
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
    },
  );

  app.post<SettingsParams>(
    '/partnerships/:partnershipId/settings/branding/logo/remove',
    async (request, reply) => {
      const partnership = admin(request);
      await removeLogo(db, partnership.id);
      return reply.redirect(`${brandingPath(partnership.id)}?done=logo-removed`, 303);
    },
  );

  // The logo upload is the only multipart form here: the parser is registered for it alone. Its
  // fields reach the body before the CSRF check; the file is cut off past the size limit.
  await app.register(async (upload) => {
    await acceptFileUploads(upload, LOGO_MAX_BYTES);
    upload.post<SettingsParams>(
      '/partnerships/:partnershipId/settings/branding/logo',
      async (request, reply) => {
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
      },
    );
  });
}
