/** A theme page: the agency answers its questions and rates it; before the audit opens, a preview. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { londonClock, secondsUntil } from '../../../lib/dates.ts';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { formBody, handleForm } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import { assertEditable, assertThemeAssigned, editRefusal, mayWorkOnTheme } from '../return-access.ts';
import { saveTheme } from '../return-editing.service.ts';
import { awaitingIn, type ReturnRoutes } from '../return-routes.ts';
import type { ReturnStructure, ThemeInfo } from '../return-structure.ts';
import { loadAnswers, loadThemeValues, type ReturnContext } from '../returns.repository.ts';
import { shownAfterSave, themeShown } from '../theme-merge.ts';
import { loadThemeDocuments } from './question-documents.ts';
import { SavedPage } from './saved.view.tsx';
import { completionErrors, parseThemeForm, stateFromSaved, type ThemeFormState } from './theme.form.ts';
import { ThemePage } from './theme.view.tsx';
import { ThemePreviewPage } from './theme-preview.view.tsx';
import { emailSavedForLater } from './theme-saved.service.ts';

/** How every autosave that stored nothing begins (public/app.js shows the message as it comes). */
const AUTOSAVE_NOT_SAVED = 'Not saved';

type ThemeParams = { Params: { returnId: string; themeId: string } };

export function themeRoutes(r: ReturnRoutes): void {
  const { app, db, clock, mailer, config, loadContext, structureFor, flagsFor, conflictPage } = r;

  async function loadTheme(request: FastifyRequest<ThemeParams>) {
    const ctx = await loadContext(request);
    if (!isUuid(request.params.themeId)) throw notFound('Theme');
    const { structure, themes } = await structureFor(ctx);
    const index = themes.findIndex((t) => t.id === request.params.themeId);
    if (index < 0) throw notFound('Theme');
    return {
      ctx,
      structure,
      themes,
      theme: themes[index]!,
      previous: themes[index - 1] ?? null,
      next: themes[index + 1] ?? null,
    };
  }

  app.get<ThemeParams>('/returns/:returnId/themes/:themeId', async (request, reply) => {
    const { ctx, structure, theme, previous, next } = await loadTheme(request);
    assertThemeAssigned(ctx, theme.id);
    const refusal = editRefusal(ctx, clock.now(), theme.id);
    if (refusal === 'submitted' || refusal === 'not-agency' || refusal === 'theme-locked')
      return reply.redirect(`/returns/${ctx.id}/check#theme-${theme.number}`, 303);
    const flags = await flagsFor(ctx, structure);
    // Before the audit opens, agencies preview the questions: nothing to fill in yet.
    if (refusal === 'not-open')
      return reply.html(
        ThemePreviewPage({
          chrome: await request.chrome(reply),
          returnId: ctx.id,
          agencyName: ctx.agencyName,
          opensAt: ctx.opensAt,
          theme,
          themeCount: structure.themes.length,
          previous,
          next,
          flags,
        }),
      );
    const pending = await takePendingForm(app, request, reply);
    const saved = await loadThemeValues(db, ctx.partnershipId, ctx.id, theme);
    const state: ThemeFormState = pending
      ? parseThemeForm(theme, pending.body).state
      : stateFromSaved(theme, saved.answers, saved.rating);
    return reply.html(
      ThemePage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        // A kept form keeps what it was shown: the conflict rule compares with that.
        shown: pending ? shownOf(pending.body) : encodeShown(themeShown(theme, saved.answers, saved.rating)),
        returnId: ctx.id,
        agencyName: ctx.agencyName,
        cycleName: ctx.cycleName,
        theme,
        themeCount: structure.themes.length,
        state,
        keptAt: pending?.keptAt,
        flags,
        awaiting: awaitingIn(saved.answers),
        documents: await loadThemeDocuments(db, ctx, theme, request.query),
      }),
    );
  });

  /** The theme page shown again (422): with what was typed, or as saved now, and its errors. */
  async function themePageAgain(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ReturnContext,
    loaded: { structure: ReturnStructure; theme: ThemeInfo },
    m: { state: ThemeFormState; shown: string; errors: FormErrors },
  ) {
    const [flags, answers, documents] = await Promise.all([
      flagsFor(ctx, loaded.structure),
      loadAnswers(db, ctx.partnershipId, ctx.id),
      loadThemeDocuments(db, ctx, loaded.theme, {}),
    ]);
    return ThemePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      returnId: ctx.id,
      agencyName: ctx.agencyName,
      cycleName: ctx.cycleName,
      theme: loaded.theme,
      themeCount: loaded.structure.themes.length,
      ...m,
      flags,
      awaiting: awaitingIn(answers),
      documents,
    });
  }

  app.post<ThemeParams>('/returns/:returnId/themes/:themeId', async (request, reply) => {
    const loaded = await loadTheme(request);
    const { ctx, themes, theme } = loaded;
    const now = clock.now();
    assertThemeAssigned(ctx, theme.id);
    assertEditable(ctx, now, theme.id);
    // A contributor goes on to the next theme assigned to them, or back to the task list.
    const next =
      themes
        .slice(themes.indexOf(theme) + 1)
        .find((t) => mayWorkOnTheme(ctx, t.id) && editRefusal(ctx, now, t.id) === null) ?? null;
    const base = `/returns/${ctx.id}/themes/${theme.id}`;
    return handleForm(request, reply, {
      // The theme's questions decide its fields: the form is read and checked by the theme's parser.
      state: (body) => parseThemeForm(theme, body),
      schema: (parsed) =>
        parsed.values
          ? { ok: true as const, values: { ...parsed.values, intent: parsed.intent } }
          : { ok: false as const, errors: parsed.errors },
      invalid: (parsed, errors, body) =>
        themePageAgain(request, reply, ctx, loaded, { state: parsed.state, shown: shownOf(body), errors }),
      save: async (values, body) => {
        const user = request.user!;
        const result = await saveTheme(
          db,
          ctx,
          theme,
          {
            ...values,
            confirmCarriedForward: values.intent === 'continue',
            ...formVersion(body),
          },
          user.id,
          now,
        );
        if (result.conflicts.length > 0)
          return conflictPage(request, reply, ctx, {
            recordName: theme.title,
            action: base,
            body,
            conflicts: result.conflicts,
          });
        if (values.intent === 'later') {
          await emailSavedForLater({ mailer, baseUrl: config.baseUrl }, ctx, theme.id, user, now);
          return `/returns/${ctx.id}/saved?theme=${theme.id}`;
        }
        // Saved, but not complete: shown again as saved now (merged with any other save).
        if (values.completeRequested && !result.completed)
          return {
            status: 422,
            page: await themePageAgain(request, reply, ctx, loaded, {
              errors: completionErrors(result.problems),
              shown: encodeShown(themeShown(theme, result.saved.answers, result.saved.rating)),
              state: {
                ...stateFromSaved(theme, result.saved.answers, result.saved.rating),
                // Only a request to complete it comes here.
                completed: 'yes',
              },
            }),
          };
        // An answer that brings up a question (without JavaScript it appears only now): back to it.
        const shownNow = result.newlyShown[0];
        if (shownNow) return `${base}#question-${shownNow.number}`;
        return next ? `/returns/${ctx.id}/themes/${next.id}` : `/returns/${ctx.id}`;
      },
    });
  });

  /**
   * Autosave (public/app.js): the theme form as typed so far, saved as a draft a moment after typing
   * stops. The same checks as the form's post (its CSRF token, checked by the auth plugin; who may
   * change the theme, and whether it can still be changed) and the same conflict rule: a field
   * someone else changed is never written over. Answers JSON, with the page's new hidden value.
   */
  app.post<ThemeParams>('/returns/:returnId/themes/:themeId/autosave', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const refused = (status: number, message: string) =>
      reply.code(status).send({ status: 'refused', message });
    let loaded: Awaited<ReturnType<typeof loadTheme>>;
    const now = clock.now();
    try {
      loaded = await loadTheme(request);
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

  app.get<ReturnParams & { Querystring: { theme?: string } }>(
    '/returns/:returnId/saved',
    async (request, reply) => {
      const ctx = await loadContext(request);
      const { themes } = await structureFor(ctx);
      const theme = themes.find((t) => t.id === request.query.theme);
      return reply.html(
        SavedPage({
          chrome: await request.chrome(reply),
          ctx,
          email: request.user!.email,
          themeTitle: theme?.title ?? 'your return',
        }),
      );
    },
  );
}
