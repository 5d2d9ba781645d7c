/** An agency lead assigns a return's themes to contributors and sees who is doing what. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { loadReturnContext, type ReturnParams } from '../../web/return-context.ts';
import { EDITABLE_STATUSES } from '../returns/return-access.ts';
import { applicableThemes, themeProgress } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import { loadAnswers, loadRatings, type ReturnContext } from '../returns/returns.repository.ts';
import { assignThemeSchema, assignThemeState, unknownAssigneesErrors } from './theme-assignments.form.ts';
import {
  type Contributor,
  lastChangesByTheme,
  listAssignments,
  listContributors,
} from './theme-assignments.repository.ts';
import { setThemeAssignees, submittedRefusal, UnknownAssignees } from './theme-assignments.service.ts';
import { AssignmentsPage, AssignThemePage } from './theme-assignments.view.tsx';

type ThemeParams = { Params: { returnId: string; themeId: string } };

export async function themeAssignmentRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  /** The return, if the signed-in person is one of its agency's leads (403 for anyone else who can see it). */
  async function leadContext(request: FastifyRequest<ReturnParams>): Promise<ReturnContext> {
    const ctx = await loadReturnContext(db, request);
    if (ctx.access !== 'agency_lead')
      throw new HttpError(
        403,
        'Only the agency lead can assign themes',
        'Your agency’s safeguarding lead decides who answers each theme of the return.',
        [{ text: 'Go to the return', href: `/returns/${ctx.id}` }],
      );
    return ctx;
  }

  async function themesOf(ctx: ReturnContext): Promise<ThemeInfo[]> {
    const structure = await loadReturnStructure(db, ctx.partnershipId, ctx.templateVersionId);
    return applicableThemes(structure.themes, ctx.agencyLocalityIds, ctx.agencySector);
  }

  app.get<ReturnParams & { Querystring: { saved?: string } }>(
    '/returns/:returnId/assignments',
    async (request, reply) => {
      const ctx = await leadContext(request);
      const themes = await themesOf(ctx);
      const [assignments, contributors, answers, ratings, changes] = await Promise.all([
        listAssignments(db, ctx.partnershipId, ctx.id),
        listContributors(db, ctx.agencyId),
        loadAnswers(db, ctx.partnershipId, ctx.id),
        loadRatings(db, ctx.partnershipId, ctx.id),
        lastChangesByTheme(db, ctx.partnershipId, ctx.id),
      ]);
      const saved = themes.find((t) => t.id === request.query.saved);
      return reply.html(
        AssignmentsPage({
          chrome: await request.chrome(reply),
          ctx,
          contributorCount: contributors.length,
          canChange: EDITABLE_STATUSES.has(ctx.status),
          notice: saved ? `Saved who answers ${saved.title}` : undefined,
          rows: themes.map((theme) => ({
            theme,
            assignees: assignments.filter((a) => a.themeId === theme.id).map((a) => a.name),
            progress: themeProgress(theme, answers, ratings.get(theme.id)),
            lastChange: changes.get(theme.id),
          })),
        }),
      );
    },
  );

  async function loadTheme(request: FastifyRequest<ThemeParams>) {
    const ctx = await leadContext(request);
    if (!isUuid(request.params.themeId)) throw notFound('Theme');
    const theme = (await themesOf(ctx)).find((t) => t.id === request.params.themeId);
    if (!theme) throw notFound('Theme');
    if (!EDITABLE_STATUSES.has(ctx.status)) throw submittedRefusal(ctx);
    return { ctx, theme };
  }

  async function themePage(
    request: FastifyRequest<ThemeParams>,
    reply: FastifyReply,
    loaded: { ctx: ReturnContext; theme: ThemeInfo },
    contributors: Contributor[],
    chosen: string[],
    errors?: FormErrors,
  ) {
    return AssignThemePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      ...loaded,
      contributors,
      // Only people still listed can be ticked again.
      chosen: chosen.filter((id) => contributors.some((c) => c.userId === id)),
      errors,
    });
  }

  app.get<ThemeParams>('/returns/:returnId/assignments/:themeId', async (request, reply) => {
    const loaded = await loadTheme(request);
    const { ctx, theme } = loaded;
    const pending = await takePendingForm(app, request, reply);
    const [contributors, assigned] = await Promise.all([
      listContributors(db, ctx.agencyId),
      listAssignments(db, ctx.partnershipId, ctx.id, theme.id),
    ]);
    return reply.html(
      await themePage(
        request,
        reply,
        loaded,
        contributors,
        pending ? assignThemeState(pending.body).assignees : assigned.map((a) => a.userId),
      ),
    );
  });

  app.post<ThemeParams>('/returns/:returnId/assignments/:themeId', async (request, reply) => {
    const loaded = await loadTheme(request);
    const { ctx, theme } = loaded;
    const contributors = await listContributors(db, ctx.agencyId);
    return handleForm(request, reply, {
      state: assignThemeState,
      schema: assignThemeSchema(new Set(contributors.map((c) => c.userId))),
      invalid: async (state, errors) =>
        themePage(request, reply, loaded, await listContributors(db, ctx.agencyId), state.assignees, errors),
      save: async ({ assignees }) => {
        try {
          await setThemeAssignees(
            { db, mailer, baseUrl: config.baseUrl },
            ctx,
            theme,
            assignees,
            request.user!,
            clock.now(),
          );
        } catch (e) {
          // Someone chosen stopped being a contributor meanwhile.
          if (!(e instanceof UnknownAssignees)) throw e;
          return { errors: unknownAssigneesErrors() };
        }
        return `/returns/${ctx.id}/assignments?saved=${theme.id}`;
      },
    });
  });
}
