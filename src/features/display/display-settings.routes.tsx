/**
 * The display settings page (issue 14, item 6), linked from every page's footer: high contrast
 * colours and larger text, for anyone, signed in or not, with or without JavaScript. A signed-in
 * person's choice is kept on their row; everyone's is also kept in a cookie, so the pages before
 * signing in (and a visitor's) look the same. Saving goes back to the page the person came from
 * (`from`: a same-site path only, never another site).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CONTRASTS,
  DISPLAY_COOKIE_DAYS,
  type DisplaySettings,
  displayCookieName,
  displayCookieValue,
  STANDARD_DISPLAY,
  TEXT_SIZES,
} from '../../lib/display-settings.ts';
import { handleForm, textField, validate } from '../../web/form-route.ts';
import { safeLocalPath } from '../auth/auth.plugin.ts';
import { saveDisplaySettings } from './display-settings.repository.ts';
import { type DisplayForm, DisplaySettingsPage, formOf } from './display-settings.view.tsx';

const displayForm = z.object({
  contrast: z.enum(CONTRASTS, 'Select standard colours or high contrast'),
  textSize: z.enum(TEXT_SIZES, 'Select standard text or larger text'),
});

/** The page to go back to: a same-site path, and not this page itself. */
function returnPath(value: unknown): string {
  const path = safeLocalPath(value);
  return path && !path.startsWith('/display-settings') ? path : '/';
}

export async function displaySettingsRoutes(app: FastifyInstance): Promise<void> {
  const { database, config } = app.deps;
  const cookieName = displayCookieName(config.env === 'production');
  const secure = config.env === 'production';

  app.get<{ Querystring: { from?: string } }>('/display-settings', async (request, reply) => {
    const chrome = await request.chrome(reply);
    return reply.html(
      DisplaySettingsPage({
        chrome,
        csrfToken: await app.sessions.csrfToken(request, reply),
        form: formOf(chrome.display ?? STANDARD_DISPLAY),
        from: returnPath(request.query.from),
        signedIn: request.user !== null,
      }),
    );
  });

  app.post('/display-settings', async (request, reply) =>
    handleForm<DisplayForm & { from: string }, DisplaySettings>(request, reply, {
      state: (body) => ({
        contrast: textField(body, 'contrast'),
        textSize: textField(body, 'textSize'),
        from: textField(body, 'from'),
      }),
      schema: (state) => validate(displayForm, state),
      invalid: async (state, errors) =>
        DisplaySettingsPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          form: state,
          from: returnPath(state.from),
          signedIn: request.user !== null,
          errors,
        }),
      save: async (settings, body) => {
        if (request.user) await saveDisplaySettings(database.db, request.user.id, settings);
        // The GOV.UK look needs no cookie: choosing it removes the one there was.
        if (displayCookieValue(settings) === displayCookieValue(STANDARD_DISPLAY))
          reply.clearCookie(cookieName, { path: '/', secure });
        else
          reply.setCookie(cookieName, displayCookieValue(settings), {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure,
            maxAge: DISPLAY_COOKIE_DAYS * 24 * 60 * 60,
          });
        return returnPath(body.from);
      },
    }),
  );
}
