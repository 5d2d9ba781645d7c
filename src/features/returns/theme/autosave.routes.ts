/**
 * Autosave (public/app.js): the theme form as typed so far, saved as a draft a moment after typing
 * stops. The same checks as the form's post (its CSRF token, checked by the auth plugin; who may
 * change the theme, and whether it can still be changed) and the same conflict rule: a field
 * someone else changed is never written over. Answers JSON, with the page's new hidden value.
 */
import { londonClock, secondsUntil } from '../../../lib/dates.ts';
import { HttpError } from '../../../lib/http-errors.ts';
import { formBody } from '../../../web/form-route.ts';
import { encodeShown, formVersion } from '../../../web/form-version.ts';
import { assertEditable, assertThemeAssigned } from '../return-access.ts';
import { saveTheme } from '../return-editing.service.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import { shownAfterSave } from '../theme-merge.ts';
import { parseThemeForm } from './theme.form.ts';
import { type LoadedTheme, loadTheme, type ThemeParams } from './theme-loading.ts';

/** How every autosave that stored nothing begins (public/app.js shows the message as it comes). */
const AUTOSAVE_NOT_SAVED = 'Not saved';

export function themeAutosaveRoutes(r: ReturnRoutes): void {
  const { app, db, clock } = r;

  app.post<ThemeParams>('/returns/:returnId/themes/:themeId/autosave', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const refused = (status: number, message: string) =>
      reply.code(status).send({ status: 'refused', message });
    let loaded: LoadedTheme;
    const now = clock.now();
    try {
      loaded = await loadTheme(r, request);
      assertThemeAssigned(loaded.ctx, loaded.theme.id);
      assertEditable(loaded.ctx, now, loaded.theme.id);
    } catch (error) {
      if (error instanceof HttpError)
        return refused(error.statusCode, `${AUTOSAVE_NOT_SAVED}: ${error.title.toLowerCase()}`);
      throw error;
    }
    const { ctx, theme } = loaded;
    const body = formBody(request);
    const parsed = parseThemeForm(theme, body);
    if (!parsed.values)
      return reply.code(422).send({
        status: 'invalid',
        message: `${AUTOSAVE_NOT_SAVED}: there is a problem with what you typed. Save the page to see it`,
        errors: parsed.errors.list.map((e) => e.text),
      });
    const version = formVersion(body);
    // An autosave always comes from a page that says what it showed: without it, nothing is written.
    if (!version.shown)
      return reply.code(422).send({
        status: 'invalid',
        message: `${AUTOSAVE_NOT_SAVED}: reload the page, or select “Save and continue”`,
        errors: [],
      });
    const result = await saveTheme(
      db,
      ctx,
      theme,
      { ...parsed.values, confirmCarriedForward: false, draft: true, ...version },
      request.user!.id,
      now,
    );
    if (result.conflicts.length > 0)
      return reply.code(409).send({
        status: 'conflict',
        message: `${AUTOSAVE_NOT_SAVED}: someone else changed this theme — save to see the changes`,
      });
    return reply.send({
      status: 'saved',
      message: `Saved at ${londonClock(now)}`,
      shown: encodeShown(shownAfterSave(theme, parsed.values, result.saved, version.shown ?? null)),
      completed: result.completed,
      // This request used the session: when it ends now, for the warning before it does.
      expiresInSeconds: request.session?.expiresAt ? secondsUntil(request.session.expiresAt, now) : null,
    });
  });
}
