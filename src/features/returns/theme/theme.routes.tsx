/** A theme page: the agency answers its questions and rates it; before the audit opens, a preview. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { assertEditable, assertThemeAssigned, editRefusal, mayWorkOnTheme } from '../return-access.ts';
import { saveTheme } from '../return-editing.service.ts';
import { awaitingIn, type ReturnRoutes } from '../return-routes.ts';
import type { ReturnStructure, ThemeInfo } from '../return-structure.ts';
import { loadAnswers, loadThemeValues, type ReturnContext } from '../returns.repository.ts';
import { themeShown } from '../theme-merge.ts';
import { loadThemeDocuments } from './question-documents.ts';
import { completionErrors, parseThemeForm, stateFromSaved, type ThemeFormState } from './theme.form.ts';
import { ThemePage } from './theme.view.tsx';
import { loadTheme, type ThemeParams } from './theme-loading.ts';
import { ThemePreviewPage } from './theme-preview.view.tsx';
import { emailSavedForLater } from './theme-saved.service.ts';

export function themeRoutes(r: ReturnRoutes): void {
  const { app, db, clock, mailer, config, flagsFor, conflictPage } = r;

  app.get<ThemeParams>('/returns/:returnId/themes/:themeId', async (request, reply) => {
    const { ctx, structure, theme, previous, next } = await loadTheme(r, request);
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
    const [saved, documents] = await Promise.all([
      loadThemeValues(db, ctx.partnershipId, ctx.id, theme),
      loadThemeDocuments(db, ctx, theme, request.query),
    ]);
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
        documents,
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
    const loaded = await loadTheme(r, request);
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
}
