/** The agency's journey through its return. Routes are thin: services hold the rules. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dateToParts, formatDate, formatDateTime, londonDate, parseDateParts } from '../../lib/dates.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { possessive } from '../../lib/words.ts';
import { ConflictPage } from '../../views/conflict-page.tsx';
import { FormErrorBuilder } from '../../views/form-errors.ts';
import { formBody, handleForm, textField } from '../../web/form-route.ts';
import {
  decodeShown,
  encodeShown,
  fingerprint,
  readResolutions,
  shownOf,
  shownRecord,
} from '../../web/form-version.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { loadReturnContext, type ReturnParams } from '../../web/return-context.ts';
import { reviewSummaryFor } from '../../web/review-summary.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { agencyPartnershipsFor } from '../partnerships/agency-partnerships.ts';
import { surveyTaskListEntry } from '../survey/survey.service.ts';
import { surveyTaskListHtml } from '../survey/survey.view.tsx';
import { questionFlags } from './carry-forward.ts';
import {
  assertAgencyLead,
  assertEditable,
  assertNotContributor,
  assertThemeAssigned,
  editRefusal,
  mayWorkOnTheme,
} from './return-access.ts';
import {
  DETAILS_RECORD,
  detailsOf,
  recordSignoff,
  SIGNOFF_RECORD,
  saveDetails,
  saveTheme,
  signoffOf,
} from './return-editing.service.ts';
import {
  CheckPage,
  ConfirmationPage,
  DetailsPage,
  ReturnsListPage,
  SavedPage,
  SignoffPage,
  TaskListPage,
} from './return-pages.tsx';
import { applicableThemes, themeProgress, unansweredQuestions } from './return-rules.ts';
import { loadReturnStructure } from './return-structure.repository.ts';
import type { AnswerValues, ReturnStructure } from './return-structure.ts';
import { SubmissionBlocked, submissionProblems, submitReturn } from './return-submission.service.ts';
import {
  lastFieldChanges,
  listAgencyReturns,
  loadAnswers,
  loadRatings,
  loadThemeValues,
  type ReturnContext,
} from './returns.repository.ts';
import { ThemePage, ThemePreviewPage } from './theme.view.tsx';
import { completionErrors, parseThemeForm, stateFromSaved, type ThemeFormState } from './theme-form.ts';
import { themeShown } from './theme-merge.ts';

type ThemeParams = { Params: { returnId: string; themeId: string } };

const REFUSAL_TEXT = {
  'not-agency': 'You are viewing this return as the partnership. Only the agency can change it.',
  submitted: null,
  'theme-locked': null,
  'not-open': 'This audit has not opened yet: you can preview the questions but not answer them.',
  closed: 'This audit has closed. Contact your partnership if you need more time.',
} as const;

export async function returnRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  const loadContext = (request: FastifyRequest<ReturnParams>) => loadReturnContext(db, request);

  async function structureFor(ctx: ReturnContext) {
    const structure = await loadReturnStructure(db, ctx.partnershipId, ctx.templateVersionId);
    return { structure, themes: applicableThemes(structure.themes, ctx.agencyLocalityIds, ctx.agencySector) };
  }

  /** Focus questions, and questions new or changed since the return this one was pre-filled from. */
  async function flagsFor(ctx: ReturnContext, structure: ReturnStructure) {
    const previous = ctx.previousTemplateVersionId
      ? await loadReturnStructure(db, ctx.partnershipId, ctx.previousTemplateVersionId)
      : null;
    return questionFlags(structure, ctx.focusQuestionIds, previous);
  }

  const awaitingIn = (answers: ReadonlyMap<string, AnswerValues>) =>
    new Set([...answers].filter(([, a]) => a.awaitingConfirmation).map(([id]) => id));

  app.get('/returns', async (request, reply) => {
    const user = requireUser(request);
    const items = await listAgencyReturns(db, user);
    const withProgress = await Promise.all(
      items.map(async (item) => {
        const structure = await loadReturnStructure(db, item.partnershipId, item.templateVersionId);
        const role = user.agencies.find((a) => a.agencyId === item.agencyId)?.role;
        const contributor = role === 'contributor';
        // A contributor's progress is that of the themes assigned to them.
        const themes = applicableThemes(structure.themes, item.agencyLocalityIds, item.agencySector).filter(
          (t) => !contributor || item.assignedThemeIds.includes(t.id),
        );
        return {
          ...item,
          contributor,
          total: themes.length,
          completed: themes.filter((t) => item.completedThemeIds.includes(t.id)).length,
        };
      }),
    );
    return reply.html(
      ReturnsListPage({
        chrome: await request.chrome(reply),
        items: withProgress,
        now: clock.now(),
        leadAgencies: user.agencies.filter((a) => a.role === 'agency_lead'),
        partnerships: [
          ...new Map(
            (await agencyPartnershipsFor(db, user)).map((m) => [
              m.partnershipId,
              { id: m.partnershipId, name: m.partnershipName },
            ]),
          ).values(),
        ],
      }),
    );
  });

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

  // Your details
  const detailsSchema = z.object({
    completerName: z
      .string()
      .trim()
      .min(1, 'Enter the name of the person completing the return')
      .max(200, 'Name must be 200 characters or fewer'),
    completerRole: z
      .string()
      .trim()
      .min(1, 'Enter their role')
      .max(200, 'Role must be 200 characters or fewer'),
    completerEmail: z
      .string()
      .trim()
      .min(1, 'Enter an email address')
      .max(254, 'Email address must be 254 characters or fewer')
      .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
    completerPhone: z
      .string()
      .trim()
      .max(30, 'Telephone number must be 30 characters or fewer')
      .refine(
        (v) => v === '' || /^[0-9+() -]{6,30}$/.test(v),
        'Enter a telephone number, like 01632 960 001 or +44 808 157 0192',
      ),
  });
  const detailsState = (body: Record<string, unknown>) => ({
    completerName: textField(body, 'completerName'),
    completerRole: textField(body, 'completerRole'),
    completerEmail: textField(body, 'completerEmail'),
    completerPhone: textField(body, 'completerPhone'),
  });

  const assertMayGiveDetails = (ctx: ReturnContext) =>
    assertNotContributor(
      ctx,
      'Only your agency lead can give these details',
      'Your agency lead gives the details of the person completing the return. You can answer the themes assigned to you.',
    );

  app.get<ReturnParams>('/returns/:returnId/details', async (request, reply) => {
    const ctx = await loadContext(request);
    assertMayGiveDetails(ctx);
    // Nothing can be saved before the audit opens: the task list says when it does.
    if (editRefusal(ctx, clock.now()) === 'not-open') return reply.redirect(`/returns/${ctx.id}`, 303);
    const pending = await takePendingForm(app, request, reply);
    const user = request.user!;
    const saved = detailsOf(ctx);
    const state = pending
      ? detailsState(pending.body)
      : {
          ...saved,
          // A first visit proposes the signed-in person.
          completerName: saved.completerName || user.name,
          completerEmail: saved.completerEmail || user.email,
        };
    return reply.html(
      DetailsPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        ctx,
        state,
        // What it showed, for the conflict rule: the saved details (a kept form keeps its own).
        shown: pending ? shownOf(pending.body) : encodeShown({ [DETAILS_RECORD]: shownRecord(saved) }),
      }),
    );
  });

  app.post<ReturnParams>('/returns/:returnId/details', async (request, reply) => {
    const ctx = await loadContext(request);
    assertMayGiveDetails(ctx);
    assertEditable(ctx, clock.now());
    return handleForm(request, reply, {
      state: detailsState,
      schema: detailsSchema,
      invalid: async (state, errors, body) =>
        DetailsPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          ctx,
          state,
          shown: shownOf(body),
          errors,
        }),
      save: async (values, body) => {
        const result = await saveDetails(db, ctx, values, request.user!.id, clock.now(), {
          shown: decodeShown(body),
          resolutions: readResolutions(body),
        });
        if (result.conflicts.length > 0)
          return conflictPage(request, reply, ctx, {
            recordName: 'Your details',
            action: `/returns/${ctx.id}/details`,
            body,
            conflicts: result.conflicts.map((c) => ({
              ...c,
              mine: String(c.mine),
              theirs: String(c.theirs),
              historyField: c.label,
              theirsValue: c.theirs,
            })),
          });
        const { themes } = await structureFor(ctx);
        return themes[0] ? `/returns/${ctx.id}/themes/${themes[0].id}` : `/returns/${ctx.id}`;
      },
    });
  });

  /** The conflict page of a return's form, with who last changed each field and when. */
  async function conflictPage(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ReturnContext,
    m: {
      recordName: string;
      action: string;
      body: Record<string, unknown>;
      conflicts: Array<{
        key: string;
        label: string;
        historyField: string;
        mine: string;
        theirs: string;
        theirsValue?: unknown;
        unanswered: boolean;
      }>;
    },
  ) {
    const changes = await lastFieldChanges(
      db,
      ctx.partnershipId,
      ctx.id,
      m.conflicts.map((c) => c.historyField),
    );
    const conflicts = m.conflicts.map((c) => ({
      key: c.key,
      label: c.label,
      mine: c.mine,
      theirs: c.theirs,
      fingerprintTheirs: fingerprint('theirsValue' in c ? c.theirsValue : c.theirs),
      unanswered: c.unanswered,
      changedBy: changes.get(c.historyField)?.userName ?? null,
      changedAt: changes.get(c.historyField)?.at ?? null,
    }));
    return {
      page: ConflictPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        recordName: m.recordName,
        action: m.action,
        backHref: m.action,
        body: m.body,
        conflicts,
      }),
      status: conflicts.some((c) => c.unanswered) ? 422 : 409,
    };
  }

  // Themes
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
      }),
    );
  });

  app.post<ThemeParams>('/returns/:returnId/themes/:themeId', async (request, reply) => {
    const { ctx, structure, themes, theme } = await loadTheme(request);
    const now = clock.now();
    assertThemeAssigned(ctx, theme.id);
    assertEditable(ctx, now, theme.id);
    // A contributor goes on to the next theme assigned to them, or back to the task list.
    const next =
      themes
        .slice(themes.indexOf(theme) + 1)
        .find((t) => mayWorkOnTheme(ctx, t.id) && editRefusal(ctx, now, t.id) === null) ?? null;
    const body = formBody(request);
    const parsed = parseThemeForm(theme, body);
    const page = async (
      errors: ReturnType<typeof completionErrors>,
      shown = shownOf(body),
      state = parsed.state,
    ) => {
      const [flags, answers] = await Promise.all([
        flagsFor(ctx, structure),
        loadAnswers(db, ctx.partnershipId, ctx.id),
      ]);
      return reply.html(
        ThemePage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          returnId: ctx.id,
          agencyName: ctx.agencyName,
          cycleName: ctx.cycleName,
          theme,
          themeCount: structure.themes.length,
          state,
          shown,
          errors,
          flags,
          awaiting: awaitingIn(answers),
        }),
        422,
      );
    };
    if (!parsed.values) return page(parsed.errors);
    const user = request.user!;
    const result = await saveTheme(
      db,
      ctx,
      theme,
      {
        ...parsed.values,
        confirmCarriedForward: parsed.intent === 'continue',
        shown: decodeShown(body),
        resolutions: readResolutions(body),
      },
      user.id,
      now,
    );
    if (result.conflicts.length > 0) {
      const changes = await lastFieldChanges(
        db,
        ctx.partnershipId,
        ctx.id,
        result.conflicts.map((c) => c.historyField),
      );
      const conflicts = result.conflicts.map((c) => ({
        ...c,
        changedBy: changes.get(c.historyField)?.userName ?? null,
        changedAt: changes.get(c.historyField)?.at ?? null,
      }));
      return reply.html(
        ConflictPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          recordName: theme.title,
          action: `/returns/${ctx.id}/themes/${theme.id}`,
          backHref: `/returns/${ctx.id}/themes/${theme.id}`,
          body,
          conflicts,
        }),
        conflicts.some((c) => c.unanswered) ? 422 : 409,
      );
    }
    if (parsed.intent === 'later') {
      await mailer.send({
        partnershipId: ctx.partnershipId,
        to: user.email,
        subject: `Section 11 return saved: ${ctx.agencyName}`,
        text: [
          `Hello ${user.name},`,
          '',
          `Your work on ${possessive(ctx.agencyName)} Section 11 return (${ctx.cycleName}) was saved at ${formatDateTime(now)}.`,
          '',
          'Continue where you left off:',
          `${config.baseUrl}/returns/${ctx.id}/themes/${theme.id}`,
          '',
          `The deadline is ${formatDateTime(ctx.closesAt)}.`,
        ].join('\n'),
      });
      return reply.redirect(`/returns/${ctx.id}/saved?theme=${theme.id}`, 303);
    }
    // Saved, but not complete: shown again as saved now (merged with any other save).
    if (parsed.values.completeRequested && !result.completed)
      return page(
        completionErrors(result.problems),
        encodeShown(themeShown(theme, result.saved.answers, result.saved.rating)),
        {
          ...stateFromSaved(theme, result.saved.answers, result.saved.rating),
          completed: parsed.state.completed,
        },
      );
    // An answer that brings up a question (without JavaScript it appears only now): back to it.
    const shownNow = result.newlyShown[0];
    if (shownNow)
      return reply.redirect(`/returns/${ctx.id}/themes/${theme.id}#question-${shownNow.number}`, 303);
    return reply.redirect(next ? `/returns/${ctx.id}/themes/${next.id}` : `/returns/${ctx.id}`, 303);
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

  // Sign-off
  const signoffText = (label: string, max: number) =>
    z
      .string()
      .trim()
      .min(1, `Enter the senior officer's ${label}`)
      .max(max, `The ${label} must be ${max} characters or fewer`);

  app.get<ReturnParams>('/returns/:returnId/sign-off', async (request, reply) => {
    const ctx = await loadContext(request);
    // Who signed it off, and their details, are the agency lead's and the partnership's to see.
    assertNotContributor(
      ctx,
      'Only your agency lead can have the return signed off',
      'Your agency lead records the senior officer’s sign-off. You can answer the themes assigned to you.',
    );
    const pending = await takePendingForm(app, request, reply);
    const b = pending?.body ?? {};
    const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
    return reply.html(
      SignoffPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        ctx,
        editable: editRefusal(ctx, clock.now()) === null && ctx.access === 'agency_lead',
        shown: pending
          ? shownOf(pending.body)
          : encodeShown({ [SIGNOFF_RECORD]: shownRecord(signoffOf(ctx)) }),
        state: pending
          ? {
              signoffName: s('signoffName'),
              signoffJobTitle: s('signoffJobTitle'),
              signoffDate: {
                day: s('signoffDate-day'),
                month: s('signoffDate-month'),
                year: s('signoffDate-year'),
              },
              confirm: s('confirm') === 'yes',
            }
          : {
              signoffName: ctx.signoffName ?? '',
              signoffJobTitle: ctx.signoffJobTitle ?? '',
              signoffDate: dateToParts(ctx.signoffDate),
              confirm: ctx.signoffConfirmedAt !== null,
            },
      }),
    );
  });

  app.post<ReturnParams>('/returns/:returnId/sign-off', async (request, reply) => {
    const ctx = await loadContext(request);
    const now = clock.now();
    assertAgencyLead(ctx);
    assertEditable(ctx, now);
    const b = (request.body ?? {}) as Record<string, unknown>;
    const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
    const state = {
      signoffName: s('signoffName'),
      signoffJobTitle: s('signoffJobTitle'),
      signoffDate: { day: s('signoffDate-day'), month: s('signoffDate-month'), year: s('signoffDate-year') },
      confirm: s('confirm') === 'yes' || (Array.isArray(b.confirm) && b.confirm.includes('yes')),
    };
    const errors = new FormErrorBuilder();
    const name = signoffText('name', 200).safeParse(state.signoffName);
    if (!name.success) errors.add('signoffName', name.error.issues[0]!.message);
    const title = signoffText('job title', 200).safeParse(state.signoffJobTitle);
    if (!title.success) errors.add('signoffJobTitle', title.error.issues[0]!.message);
    const date = parseDateParts(state.signoffDate, 'Date of sign-off');
    if (date.error) errors.add('signoffDate', date.error, 'signoffDate-day');
    else if (!date.value) errors.add('signoffDate', 'Enter the date of sign-off', 'signoffDate-day');
    else if (date.value > londonDate(now))
      errors.add('signoffDate', 'Date of sign-off must be today or in the past', 'signoffDate-day');
    if (!state.confirm) errors.add('confirm', 'Confirm the senior officer has read and agrees the return');
    if (errors.hasErrors || !name.success || !title.success || !date.value) {
      return reply.html(
        SignoffPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          ctx,
          editable: true,
          state,
          shown: shownOf(b),
          errors: errors.build(),
        }),
        422,
      );
    }
    const result = await recordSignoff(
      db,
      ctx,
      { signoffName: name.data, signoffJobTitle: title.data, signoffDate: date.value },
      request.user!.id,
      now,
      { shown: decodeShown(b), resolutions: readResolutions(b) },
    );
    if (result.conflicts.length > 0) {
      const conflict = await conflictPage(request, reply, ctx, {
        recordName: 'Sign-off',
        action: `/returns/${ctx.id}/sign-off`,
        body: b,
        conflicts: result.conflicts.map((c) => ({
          ...c,
          mine: c.field === 'signoffDate' ? formatDate(String(c.mine)) : String(c.mine),
          theirs: c.field === 'signoffDate' ? formatDate(String(c.theirs)) : String(c.theirs),
          theirsValue: c.theirs,
          historyField: 'Sign-off',
        })),
      });
      return reply.html(conflict.page, conflict.status);
    }
    return reply.redirect(`/returns/${ctx.id}/check`, 303);
  });

  // Check and submit
  async function checkPage(
    request: FastifyRequest<ReturnParams>,
    reply: FastifyReply,
    ctx: ReturnContext,
    errors?: ReturnType<FormErrorBuilder['build']>,
  ) {
    const { structure, themes } = await structureFor(ctx);
    const [answers, ratings, flags] = await Promise.all([
      loadAnswers(db, ctx.partnershipId, ctx.id),
      loadRatings(db, ctx.partnershipId, ctx.id),
      flagsFor(ctx, structure),
    ]);
    const now = clock.now();
    return reply.html(
      CheckPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        ctx,
        editable: editRefusal(ctx, now) === null,
        canSubmit: ctx.access === 'agency_lead',
        errors,
        // A contributor sees the answers of the themes assigned to them, and only the titles of others.
        themes: themes.map((theme) =>
          mayWorkOnTheme(ctx, theme.id)
            ? {
                theme,
                answers,
                rating: ratings.get(theme.id),
                unanswered: unansweredQuestions(theme, answers).map((q) => q.number),
                flags,
                locked: editRefusal(ctx, now, theme.id) === 'theme-locked',
              }
            : { theme, answers: new Map(), rating: undefined, unanswered: [], notAssigned: true },
        ),
      }),
      errors ? 422 : 200,
    );
  }

  app.get<ReturnParams>('/returns/:returnId/check', async (request, reply) =>
    checkPage(request, reply, await loadContext(request)),
  );

  app.post<ReturnParams>('/returns/:returnId/submit', async (request, reply) => {
    const ctx = await loadContext(request);
    const now = clock.now();
    assertAgencyLead(ctx);
    assertEditable(ctx, now);
    const { structure } = await structureFor(ctx);
    const blocked = (problems: ReturnType<typeof submissionProblems>) => {
      const errors = new FormErrorBuilder();
      if (problems.includes('details'))
        errors.add('details', 'Add the details of the person completing the return', 'your-details');
      if (problems.includes('signoff'))
        errors.add('signoff', 'Record the senior officer’s sign-off before submitting', 'your-details');
      return checkPage(request, reply, ctx, errors.build());
    };
    const problems = submissionProblems(ctx);
    if (problems.length) return blocked(problems);
    try {
      await submitReturn({ db, mailer, baseUrl: config.baseUrl }, ctx, structure, request.user!, now);
    } catch (e) {
      if (e instanceof SubmissionBlocked) return blocked(e.problems);
      throw e;
    }
    return reply.redirect(`/returns/${ctx.id}/confirmation`, 303);
  });

  app.get<ReturnParams>('/returns/:returnId/confirmation', async (request, reply) => {
    const ctx = await loadContext(request);
    if (!ctx.reference)
      throw new HttpError(404, 'This return has not been submitted', 'Submit the return first.', [
        { text: 'Go to the return', href: `/returns/${ctx.id}` },
      ]);
    return reply.html(ConfirmationPage({ chrome: await request.chrome(reply), ctx }));
  });
}
