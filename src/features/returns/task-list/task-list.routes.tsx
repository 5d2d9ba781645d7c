/** A return's task list. */
import type { ReturnParams } from '../../../web/return-context.ts';
import { reviewSummaryFor } from '../../../web/review-summary.ts';
import { surveyTaskListEntry } from '../../survey/survey.service.ts';
import { surveyTaskListHtml } from '../../survey/survey.view.tsx';
import { editRefusal, mayWorkOnTheme } from '../return-access.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import { themeProgress } from '../return-rules.ts';
import { loadAnswers, loadRatings } from '../returns.repository.ts';
import { TaskListPage } from './task-list.view.tsx';

const REFUSAL_TEXT = {
  'not-agency': 'You are viewing this return as the partnership. Only the agency can change it.',
  submitted: null,
  'theme-locked': null,
  'not-open': 'This audit has not opened yet: you can preview the questions but not answer them.',
  closed: 'This audit has closed. Contact your partnership if you need more time.',
} as const;

export function taskListRoutes({ app, db, clock, config, loadContext, structureFor }: ReturnRoutes): void {
  app.get<ReturnParams>('/returns/:returnId', async (request, reply) => {
    const ctx = await loadContext(request);
    const { themes } = await structureFor(ctx);
    const [answers, ratings] = await Promise.all([
      loadAnswers(db, ctx.partnershipId, ctx.id),
      loadRatings(db, ctx.partnershipId, ctx.id),
    ]);
    const rows = themes.map((theme) => ({
      theme,
      progress: themeProgress(theme, answers, ratings.get(theme.id)),
      assigned: mayWorkOnTheme(ctx, theme.id),
      toConfirm: theme.questions.filter((q) => answers.get(q.id)?.awaitingConfirmation).length,
      reopened: ctx.status === 'returned' && ctx.reopenedThemeIds.includes(theme.id),
      locked: editRefusal(ctx, clock.now(), theme.id) === 'theme-locked',
    }));
    const refusal = editRefusal(ctx, clock.now());
    const survey = ctx.access === 'agency_lead' ? await surveyTaskListEntry(db, ctx, clock.now()) : null;
    return reply.html(
      TaskListPage({
        chrome: await request.chrome(reply),
        ctx,
        review: await reviewSummaryFor(db, ctx, themes, ratings, clock.now()),
        surveyHtml: survey ? surveyTaskListHtml(survey, config.baseUrl) : undefined,
        themes: rows,
        completed: rows.filter((r) => r.assigned && r.progress === 'completed').length,
        editable: refusal === null,
        notOpen: refusal === 'not-open',
        refusalText: refusal ? REFUSAL_TEXT[refusal] : null,
      }),
    );
  });
}
