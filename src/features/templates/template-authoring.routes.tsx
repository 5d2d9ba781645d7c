/**
 * Authoring templates in the browser, for partnership admins: a new template as a blank draft, a
 * new draft copied from a published version, and every change to a draft (details and grade
 * descriptors, themes and questions: add, change, move, delete). Only drafts change: a published
 * or retired version refuses every change (409). Reviewers may preview themes but change nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tx } from '../../db/client.ts';
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnerships/partnership-access.ts';
import { listLocalities } from '../partnerships/partnerships.repository.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { ThemePreviewPage } from '../returns/theme/theme-preview.view.tsx';
import { section11Template } from './builtin/section-11.ts';
import {
  copyAsDraft,
  type DraftQuestion,
  type DraftTheme,
  deleteDraftQuestion,
  deleteDraftTheme,
  type EditableVersion,
  insertBlankTemplate,
  insertDraftQuestion,
  insertDraftTheme,
  loadEditableVersion,
  lockPartnershipTemplates,
  lockTemplateForNewVersion,
  lockVersion,
  swapPositions,
  templateKeys,
  updateDraftQuestion,
  updateDraftTheme,
  updateVersionDetails,
} from './draft-editing.repository.ts';
import {
  conditionAnswers,
  detailsState,
  type EarlierQuestion,
  emptyQuestionState,
  emptyThemeState,
  LIMITS,
  newTemplateState,
  parseDetails,
  parseNewTemplate,
  parseQuestion,
  parseTheme,
  type QuestionState,
  questionState,
  stateFromQuestion,
  stateFromTheme,
  type ThemeState,
  themeState,
  withOptionRows,
} from './draft-forms.ts';
import {
  ConfirmDeletePage,
  DetailsFormPage,
  DraftEditorPage,
  editBase,
  NewTemplatePage,
  QuestionFormPage,
  questionBase,
  ThemeEditorPage,
  ThemeFormPage,
  themeBase,
} from './template-authoring.view.tsx';
import { versionBase } from './templates.view.tsx';

type Params = {
  Params: { partnershipId: string; versionId?: string; themeId?: string; questionId?: string };
  Querystring: { done?: string };
};
type Body = Record<string, unknown>;

const NOTICES: Record<string, string> = {
  created: 'Draft created',
  copied: 'New draft created: it is a copy of the published version, ready to change',
  saved: 'Changes saved',
  'theme-added': 'Theme added',
  'theme-deleted': 'Theme deleted',
  'question-added': 'Question added',
  'question-deleted': 'Question deleted',
  moved: 'Order changed',
};

const STATUS_WORDS = { published: 'published', retired: 'retired' } as const;

/** The 409 for a change to a version that is not (or no longer) a draft. */
export const notADraft = (partnershipId: string, versionId: string, status: 'published' | 'retired') =>
  new HttpError(
    409,
    `This version is ${STATUS_WORDS[status]}`,
    `A ${STATUS_WORDS[status]} version never changes, so audits that use it keep the questions they asked. Nothing was changed. To change the template, create a new draft from a published version.`,
    [{ text: 'Go to the version', href: versionBase(partnershipId, versionId) }],
  );

/** The questions before `index` in the theme that have answers a condition can name. */
export function earlierQuestions(theme: DraftTheme, index: number): EarlierQuestion[] {
  return theme.questions
    .slice(0, index)
    .map((q, i) => ({ id: q.id, number: i + 1, text: q.text, answers: conditionAnswers(q) }))
    .filter((q) => q.answers.length > 0);
}

/** Conditions on `question` whose answers it no longer has are narrowed, or dropped if none is left. */
async function keepConditionsValid(
  tx: Tx,
  partnershipId: string,
  theme: DraftTheme,
  question: DraftQuestion,
) {
  const valid = new Set(conditionAnswers(question).map((a) => a.value));
  for (const q of theme.questions) {
    if (q.showWhen?.questionId !== question.id) continue;
    const answers = q.showWhen.answers.filter((a) => valid.has(a));
    if (answers.length === q.showWhen.answers.length) continue;
    await updateDraftQuestion(tx, partnershipId, q.id, {
      ...q,
      showWhen: answers.length ? { questionId: question.id, answers } : null,
    });
  }
}

export async function templateAuthoringRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can change templates.');
  const reader = (request: FastifyRequest<Params>) => partnershipAccess(request, false);

  const page = async (request: FastifyRequest, reply: FastifyReply) => ({
    chrome: await request.chrome(reply),
    csrfToken: await app.sessions.csrfToken(request, reply),
  });

  /** The version named in the address, for reading (any status). */
  async function anyVersion(request: FastifyRequest<Params>, partnership: PartnershipAccess) {
    const id = request.params.versionId;
    if (!isUuid(id)) throw notFound('Template version');
    const found = await loadEditableVersion(db, partnership.id, id);
    if (!found) throw notFound('Template version');
    return found;
  }

  /** The draft named in the address, to show a form for it: 409 if it is not a draft. */
  async function draftToShow(request: FastifyRequest<Params>, partnership: PartnershipAccess) {
    const v = await anyVersion(request, partnership);
    if (v.status !== 'draft') throw notADraft(partnership.id, v.id, v.status);
    return v;
  }

  /**
   * Runs a change to the draft named in the address in one transaction holding its lock, with the
   * draft as it is under the lock.
   */
  async function changeDraft<T>(
    request: FastifyRequest<Params>,
    partnership: PartnershipAccess,
    change: (tx: Tx, draft: EditableVersion) => Promise<T>,
  ): Promise<T> {
    const id = request.params.versionId;
    if (!isUuid(id)) throw notFound('Template version');
    return db.transaction(async (tx) => {
      const status = await lockVersion(tx, partnership.id, id);
      if (!status) throw notFound('Template version');
      if (status !== 'draft') throw notADraft(partnership.id, id, status);
      return change(tx, (await loadEditableVersion(tx, partnership.id, id))!);
    });
  }

  function themeIn(draft: EditableVersion, themeId: string | undefined) {
    const index = draft.themes.findIndex((t) => t.id === themeId);
    if (!isUuid(themeId) || index < 0) throw notFound('Theme');
    return { theme: draft.themes[index]!, index };
  }

  function questionIn(theme: DraftTheme, questionId: string | undefined) {
    const index = theme.questions.findIndex((q) => q.id === questionId);
    if (!isUuid(questionId) || index < 0) throw notFound('Question');
    return { question: theme.questions[index]!, index };
  }

  const notice = (request: FastifyRequest<Params>) => NOTICES[request.query.done ?? ''];

  async function localityNames(partnershipId: string) {
    return new Map((await listLocalities(db, partnershipId)).map((l) => [l.id, l.name]));
  }

  // A new template, starting as a blank draft.

  const newPage = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    state = newTemplateState({}),
    errors?: FormErrors,
  ) =>
    reply.html(
      NewTemplatePage({ ...(await page(request, reply)), partnership, state, errors }),
      errors ? 422 : 200,
    );

  app.get<Params>('/partnerships/:partnershipId/templates/new', async (request, reply) =>
    newPage(request, reply, admin(request)),
  );

  app.post<Params>('/partnerships/:partnershipId/templates/new', async (request, reply) => {
    const partnership = admin(request);
    const state = newTemplateState((request.body ?? {}) as Body);
    const result = await db.transaction(async (tx) => {
      await lockPartnershipTemplates(tx, partnership.id);
      const parsed = parseNewTemplate(state, await templateKeys(tx, partnership.id));
      if (parsed.errors) return parsed;
      // Sensible descriptors to start from, changed on the draft's details page.
      const gradeDescriptors = { ...section11Template.gradeDescriptors };
      return {
        versionId: await insertBlankTemplate(
          tx,
          partnership.id,
          { ...parsed.values, gradeDescriptors },
          clock.now(),
        ),
      };
    });
    if ('errors' in result) return newPage(request, reply, partnership, state, result.errors);
    return reply.redirect(`${editBase(partnership.id, result.versionId!)}?done=created`, 303);
  });

  // A new draft from a published (or retired) version.

  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/new-draft',
    async (request, reply) => {
      const partnership = admin(request);
      const source = await anyVersion(request, partnership);
      if (source.status === 'draft')
        throw new HttpError(
          409,
          'This version is a draft',
          'Change the draft itself: only a published or retired version is copied as a new draft. Nothing was changed.',
          [{ text: 'Change the draft', href: editBase(partnership.id, source.id) }],
        );
      const result = await db.transaction(async (tx) => {
        const { draftId } = await lockTemplateForNewVersion(tx, partnership.id, source.templateId);
        if (draftId) return { existing: draftId };
        return { created: await copyAsDraft(tx, partnership.id, source, clock.now()) };
      });
      if ('existing' in result)
        throw new HttpError(
          409,
          'This template already has a draft',
          'A template has one draft at a time. Change that draft, or delete it before starting another. Nothing was changed.',
          [{ text: 'Go to the draft', href: editBase(partnership.id, result.existing!) }],
        );
      return reply.redirect(`${editBase(partnership.id, result.created!)}?done=copied`, 303);
    },
  );

  // The draft's overview.

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/edit',
    async (request, reply) => {
      const partnership = admin(request);
      const draft = await draftToShow(request, partnership);
      return reply.html(
        DraftEditorPage({
          ...(await page(request, reply)),
          partnership,
          draft,
          localityNames: await localityNames(partnership.id),
          notice: notice(request),
        }),
      );
    },
  );

  // Details and grade descriptors.

  const detailsPage = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    draft: EditableVersion,
    state = detailsState({
      name: draft.templateName,
      description: draft.templateDescription,
      ...draft.gradeDescriptors,
    }),
    errors?: FormErrors,
  ) =>
    reply.html(
      DetailsFormPage({ ...(await page(request, reply)), partnership, draft, state, errors }),
      errors ? 422 : 200,
    );

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/details',
    async (request, reply) => {
      const partnership = admin(request);
      return detailsPage(request, reply, partnership, await draftToShow(request, partnership));
    },
  );

  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/details',
    async (request, reply) => {
      const partnership = admin(request);
      const state = detailsState((request.body ?? {}) as Body);
      const result = await changeDraft(request, partnership, async (tx, draft) => {
        const parsed = parseDetails(state, draft.otherVersions === 0);
        if (parsed.errors) return { draft, errors: parsed.errors };
        await updateVersionDetails(tx, partnership.id, draft, parsed.values);
        return { draft };
      });
      if (result.errors) return detailsPage(request, reply, partnership, result.draft, state, result.errors);
      return reply.redirect(`${editBase(partnership.id, result.draft.id)}?done=saved`, 303);
    },
  );

  // Themes.

  async function themeForm(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    draft: EditableVersion,
    theme: DraftTheme | null,
    state: ThemeState,
    errors?: FormErrors,
  ) {
    const all = await listLocalities(db, partnership.id);
    // Retired localities are offered only where the theme already has them.
    const localities = all
      .filter((l) => !l.retiredAt || state.localityIds.includes(l.id) || theme?.localityIds.includes(l.id))
      .map((l) => ({ id: l.id, name: l.retiredAt ? `${l.name} (retired)` : l.name }));
    return reply.html(
      ThemeFormPage({
        ...(await page(request, reply)),
        partnership,
        draft,
        theme,
        state,
        localities,
        sectors: AGENCY_SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s] })),
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  async function saveTheme(request: FastifyRequest<Params>, reply: FastifyReply, existing: boolean) {
    const partnership = admin(request);
    const state = themeState((request.body ?? {}) as Body);
    const localityIds = new Set((await listLocalities(db, partnership.id)).map((l) => l.id));
    const result = await changeDraft(request, partnership, async (tx, draft) => {
      const theme = existing ? themeIn(draft, request.params.themeId).theme : null;
      if (!theme && draft.themes.length >= LIMITS.themes)
        throw new HttpError(
          409,
          'This draft has all the themes it can',
          `A template can have at most ${LIMITS.themes} themes. Nothing was added.`,
          [{ text: 'Back to the draft', href: editBase(partnership.id, draft.id) }],
        );
      const parsed = parseTheme(state, {
        takenKeys: new Set(draft.themes.filter((t) => t.id !== theme?.id).map((t) => t.key)),
        localityIds,
        sectors: new Set<string>(AGENCY_SECTORS),
      });
      if (parsed.errors) return { draft, theme, errors: parsed.errors };
      if (theme) await updateDraftTheme(tx, partnership.id, theme.id, parsed.values);
      const themeId = theme?.id ?? (await insertDraftTheme(tx, partnership.id, draft.id, parsed.values));
      return { draft, theme, themeId };
    });
    if (result.errors)
      return themeForm(request, reply, partnership, result.draft, result.theme, state, result.errors);
    const done = existing ? 'saved' : 'theme-added';
    return reply.redirect(`${themeBase(partnership.id, result.draft.id, result.themeId!)}?done=${done}`, 303);
  }

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/new',
    async (request, reply) => {
      const partnership = admin(request);
      return themeForm(
        request,
        reply,
        partnership,
        await draftToShow(request, partnership),
        null,
        emptyThemeState(),
      );
    },
  );
  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/new',
    (request, reply) => saveTheme(request, reply, false),
  );

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId',
    async (request, reply) => {
      const partnership = admin(request);
      const draft = await draftToShow(request, partnership);
      const { theme, index } = themeIn(draft, request.params.themeId);
      return reply.html(
        ThemeEditorPage({
          ...(await page(request, reply)),
          partnership,
          draft,
          theme,
          number: index + 1,
          localityNames: await localityNames(partnership.id),
          notice: notice(request),
        }),
      );
    },
  );

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/edit',
    async (request, reply) => {
      const partnership = admin(request);
      const draft = await draftToShow(request, partnership);
      const { theme } = themeIn(draft, request.params.themeId);
      return themeForm(request, reply, partnership, draft, theme, stateFromTheme(theme));
    },
  );
  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/edit',
    (request, reply) => saveTheme(request, reply, true),
  );

  const direction = (request: FastifyRequest) => {
    const d = ((request.body ?? {}) as Body).direction;
    return d === 'up' ? -1 : d === 'down' ? 1 : 0;
  };

  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/move',
    async (request, reply) => {
      const partnership = admin(request);
      const step = direction(request);
      const at = await changeDraft(request, partnership, async (tx, draft) => {
        const { theme, index } = themeIn(draft, request.params.themeId);
        const other = draft.themes[index + step];
        if (step === 0 || !other) return index;
        await swapPositions(tx, partnership.id, 'theme', theme, other);
        return index + step;
      });
      return reply.redirect(
        `${editBase(partnership.id, request.params.versionId!)}?done=moved#theme-${at + 1}`,
        303,
      );
    },
  );

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/delete',
    async (request, reply) => {
      const partnership = admin(request);
      const draft = await draftToShow(request, partnership);
      const { theme, index } = themeIn(draft, request.params.themeId);
      const n = theme.questions.length;
      return reply.html(
        ConfirmDeletePage({
          ...(await page(request, reply)),
          caption: `${draft.templateName}, version ${draft.version}`,
          title: `Delete theme ${index + 1}?`,
          what: theme.title,
          consequences: n ? [`Its ${n === 1 ? 'question is' : `${n} questions are`} deleted with it.`] : [],
          action: `${themeBase(partnership.id, draft.id, theme.id)}/delete`,
          back: themeBase(partnership.id, draft.id, theme.id),
        }),
      );
    },
  );

  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/delete',
    async (request, reply) => {
      const partnership = admin(request);
      await changeDraft(request, partnership, async (tx, draft) =>
        deleteDraftTheme(tx, partnership.id, themeIn(draft, request.params.themeId).theme.id),
      );
      return reply.redirect(`${editBase(partnership.id, request.params.versionId!)}?done=theme-deleted`, 303);
    },
  );

  // Previewing a theme as agencies will see it (any version; admins and reviewers).

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/preview',
    async (request, reply) => {
      const partnership = reader(request);
      const version = await anyVersion(request, partnership);
      const { themes } = await loadReturnStructure(db, partnership.id, version.id);
      const index = themes.findIndex((t) => t.id === request.params.themeId);
      if (!isUuid(request.params.themeId) || index < 0) throw notFound('Theme');
      const draft = version.status === 'draft' && partnership.canManage;
      const themeHref = (id: string) => `${versionBase(partnership.id, version.id)}/themes/${id}/preview`;
      return reply.html(
        ThemePreviewPage({
          chrome: await request.chrome(reply),
          returnId: '',
          agencyName: version.templateName,
          opensAt: clock.now(),
          theme: themes[index]!,
          themeCount: themes.length,
          previous: themes[index - 1] ?? null,
          next: themes[index + 1] ?? null,
          author: {
            back: draft
              ? { href: themeBase(partnership.id, version.id, themes[index]!.id), text: 'Back to the theme' }
              : { href: versionBase(partnership.id, version.id), text: 'Back to the version' },
            themeHref,
            notice: `This is a preview of ${version.templateName}, version ${version.version}, as agencies will see it. You can try the answers, but nothing is saved here.`,
          },
        }),
      );
    },
  );

  // Questions.

  async function questionForm(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    draft: EditableVersion,
    theme: DraftTheme,
    question: DraftQuestion | null,
    state: QuestionState,
    errors?: FormErrors,
  ) {
    const index = question ? theme.questions.indexOf(question) : theme.questions.length;
    return reply.html(
      QuestionFormPage({
        ...(await page(request, reply)),
        partnership,
        draft,
        theme,
        question,
        number: index + 1,
        state,
        earlier: earlierQuestions(theme, index),
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  async function questionPage(request: FastifyRequest<Params>, reply: FastifyReply, existing: boolean) {
    const partnership = admin(request);
    const draft = await draftToShow(request, partnership);
    const { theme } = themeIn(draft, request.params.themeId);
    const question = existing ? questionIn(theme, request.params.questionId).question : null;
    return questionForm(
      request,
      reply,
      partnership,
      draft,
      theme,
      question,
      question ? stateFromQuestion(question) : emptyQuestionState(),
    );
  }

  async function saveQuestion(request: FastifyRequest<Params>, reply: FastifyReply, existing: boolean) {
    const partnership = admin(request);
    const body = (request.body ?? {}) as Body;
    const result = await changeDraft(request, partnership, async (tx, draft) => {
      const { theme } = themeIn(draft, request.params.themeId);
      const question = existing ? questionIn(theme, request.params.questionId).question : null;
      const index = question ? theme.questions.indexOf(question) : theme.questions.length;
      const earlier = earlierQuestions(theme, index);
      const typed = questionState(
        body,
        earlier.map((q) => q.id),
      );
      const base = { draft, theme, question, errors: undefined };
      // Adding or removing an option row shows the form again, saving nothing.
      const intent = typeof body.intent === 'string' ? body.intent : '';
      if (intent === 'add-option') return { ...base, state: withOptionRows(typed, { add: true }) };
      const remove = /^remove-option-(\d+)$/.exec(intent);
      if (remove) return { ...base, state: withOptionRows(typed, { remove: Number(remove[1]) }) };
      if (!question && theme.questions.length >= LIMITS.questions)
        throw new HttpError(
          409,
          'This theme has all the questions it can',
          `A theme can have at most ${LIMITS.questions} questions. Nothing was added.`,
          [{ text: 'Back to the theme', href: themeBase(partnership.id, draft.id, theme.id) }],
        );
      const parsed = parseQuestion(typed, {
        takenKeys: new Set(theme.questions.filter((q) => q.id !== question?.id).map((q) => q.key)),
        earlier,
      });
      if (parsed.errors) return { ...base, state: typed, errors: parsed.errors as FormErrors | undefined };
      if (question) {
        await updateDraftQuestion(tx, partnership.id, question.id, parsed.values);
        await keepConditionsValid(tx, partnership.id, theme, { ...question, ...parsed.values });
      } else await insertDraftQuestion(tx, partnership.id, theme.id, parsed.values);
      return { ...base, saved: true };
    });
    if (!('saved' in result))
      return questionForm(
        request,
        reply,
        partnership,
        result.draft,
        result.theme,
        result.question,
        result.state,
        result.errors,
      );
    const done = existing ? 'saved' : 'question-added';
    return reply.redirect(`${themeBase(partnership.id, result.draft.id, result.theme.id)}?done=${done}`, 303);
  }

  const questionsPath =
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions';
  app.get<Params>(`${questionsPath}/new`, (request, reply) => questionPage(request, reply, false));
  app.post<Params>(`${questionsPath}/new`, (request, reply) => saveQuestion(request, reply, false));
  app.get<Params>(`${questionsPath}/:questionId`, (request, reply) => questionPage(request, reply, true));
  app.post<Params>(`${questionsPath}/:questionId`, (request, reply) => saveQuestion(request, reply, true));

  app.post<Params>(`${questionsPath}/:questionId/move`, async (request, reply) => {
    const partnership = admin(request);
    const step = direction(request);
    const at = await changeDraft(request, partnership, async (tx, draft) => {
      const { theme } = themeIn(draft, request.params.themeId);
      const { question, index } = questionIn(theme, request.params.questionId);
      const other = theme.questions[index + step];
      if (step === 0 || !other) return index;
      // A question shown depending on another must stay after it.
      const [first, second] = step < 0 ? [other, question] : [question, other];
      if (second.showWhen?.questionId === first.id)
        throw new HttpError(
          409,
          'The question cannot move there',
          `Question ${index + Math.min(step, 0) + 2} is shown depending on the answer to question ${index + Math.min(step, 0) + 1}, so it must stay after it. Change its condition first. Nothing was moved.`,
          [{ text: 'Back to the theme', href: themeBase(partnership.id, draft.id, theme.id) }],
        );
      await swapPositions(tx, partnership.id, 'question', question, other);
      return index + step;
    });
    return reply.redirect(
      `${themeBase(partnership.id, request.params.versionId!, request.params.themeId!)}?done=moved#question-${at + 1}`,
      303,
    );
  });

  const dependantsOf = (theme: DraftTheme, question: DraftQuestion) =>
    theme.questions.filter((q) => q.showWhen?.questionId === question.id);

  app.get<Params>(`${questionsPath}/:questionId/delete`, async (request, reply) => {
    const partnership = admin(request);
    const draft = await draftToShow(request, partnership);
    const { theme } = themeIn(draft, request.params.themeId);
    const { question, index } = questionIn(theme, request.params.questionId);
    const numbers = dependantsOf(theme, question).map((q) => theme.questions.indexOf(q) + 1);
    return reply.html(
      ConfirmDeletePage({
        ...(await page(request, reply)),
        caption: theme.title,
        title: `Delete question ${index + 1}?`,
        what: question.text,
        consequences: numbers.length
          ? [
              `${numbers.length === 1 ? `Question ${numbers[0]} is` : `Questions ${numbers.join(', ')} are`} shown depending on the answer to this one: after deleting it, they are always shown.`,
            ]
          : [],
        action: `${questionBase(partnership.id, draft.id, theme.id, question.id)}/delete`,
        back: themeBase(partnership.id, draft.id, theme.id),
      }),
    );
  });

  app.post<Params>(`${questionsPath}/:questionId/delete`, async (request, reply) => {
    const partnership = admin(request);
    await changeDraft(request, partnership, async (tx, draft) => {
      const { theme } = themeIn(draft, request.params.themeId);
      const { question } = questionIn(theme, request.params.questionId);
      await deleteDraftQuestion(tx, partnership.id, question, dependantsOf(theme, question));
    });
    return reply.redirect(
      `${themeBase(partnership.id, request.params.versionId!, request.params.themeId!)}?done=question-deleted`,
      303,
    );
  });
}
