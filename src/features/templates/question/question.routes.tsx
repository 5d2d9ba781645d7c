/**
 * Adding a question to a theme of a draft and changing one: the form (with option rows added or
 * removed without saving), refused with 422 keeping what was typed, and a change saved under the
 * conflict rule (issue 10).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FormErrors } from '../../../views/form-errors.ts';
import { formBody, handleForm, textField } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { draftConflictPage } from '../authoring/conflicts.ts';
import {
  questionIn,
  questionRecord,
  saveDraftQuestion,
  themeIn,
} from '../authoring/draft-editing.service.ts';
import { type DraftParams, type DraftRequest, draftPages } from '../authoring/draft-pages.ts';
import { questionBase, themeBase } from '../authoring/paths.ts';
import type { DraftQuestion, DraftTheme } from '../draft-editing.repository.ts';
import { conditionAnswers, type EarlierQuestion } from '../draft-rules.ts';
import {
  emptyQuestionState,
  type QuestionState,
  questionFieldId,
  questionSchema,
  questionState,
  stateFromQuestion,
  withOptionRows,
} from './question.form.ts';
import { QuestionFormPage } from './question.view.tsx';

/** The questions before `index` in the theme that have answers a condition can name. */
export function earlierQuestions(theme: DraftTheme, index: number): EarlierQuestion[] {
  return theme.questions
    .slice(0, index)
    .map((q, i) => ({ id: q.id, number: i + 1, text: q.text, answers: conditionAnswers(q) }))
    .filter((q) => q.answers.length > 0);
}

export function questionFormRoutes(app: FastifyInstance): void {
  const pages = draftPages(app);
  const { db, clock } = pages;

  /** The draft, theme and question (null for a new one) named in the address. */
  async function load(request: DraftRequest, existing: boolean) {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    const { theme } = themeIn(draft, request.params.themeId);
    const question = existing ? questionIn(theme, request.params.questionId).question : null;
    const index = question ? theme.questions.indexOf(question) : theme.questions.length;
    return { partnership, draft, theme, question, index, earlier: earlierQuestions(theme, index) };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  const form = async (
    request: DraftRequest,
    reply: FastifyReply,
    l: Loaded,
    state: QuestionState,
    shown: string | undefined,
    errors?: FormErrors,
  ) =>
    QuestionFormPage({
      ...(await pages.page(request, reply)),
      partnership: l.partnership,
      draft: l.draft,
      theme: l.theme,
      question: l.question,
      number: l.index + 1,
      state,
      earlier: l.earlier,
      shown,
      errors,
    });

  /** What the form shows of a saved question, for the conflict rule. */
  const shownFor = (q: DraftQuestion) => encodeShown({ [q.id]: shownRecord(questionRecord(q)) });

  async function show(request: DraftRequest, reply: FastifyReply, existing: boolean) {
    const l = await load(request, existing);
    const pending = await takePendingForm(app, request, reply);
    const ids = l.earlier.map((q) => q.id);
    const state = pending
      ? questionState(pending.body, ids)
      : l.question
        ? stateFromQuestion(l.question)
        : emptyQuestionState();
    const shown = pending ? shownOf(pending.body) : l.question ? shownFor(l.question) : undefined;
    return reply.html(await form(request, reply, l, state, shown));
  }

  async function save(request: DraftRequest, reply: FastifyReply, existing: boolean) {
    const l = await load(request, existing);
    const body = formBody(request);
    const typed = questionState(
      body,
      l.earlier.map((q) => q.id),
    );
    // Adding or removing an option row shows the form again, saving nothing.
    const intent = textField(body, 'intent');
    const remove = /^remove-option-(\d+)$/.exec(intent);
    if (intent === 'add-option' || remove) {
      const rows = remove ? { remove: Number(remove[1]) } : ({ add: true } as const);
      return reply.html(await form(request, reply, l, withOptionRows(typed, rows), shownOf(body)));
    }
    return handleForm(request, reply, {
      state: () => typed,
      schema: questionSchema({
        takenKeys: new Set(l.theme.questions.filter((q) => q.id !== l.question?.id).map((q) => q.key)),
        earlier: l.earlier,
      }),
      fieldId: questionFieldId,
      invalid: (state, errors) => form(request, reply, l, state, shownOf(body), errors),
      save: async (values) => {
        const outcome = await saveDraftQuestion(
          db,
          l.partnership.id,
          { versionId: l.draft.id, themeId: l.theme.id, questionId: l.question?.id },
          values,
          request.user!.id,
          clock.now(),
          {
            ...formVersion(body),
            keyMade: textField(body, 'key').trim() === '',
          },
        );
        const pid = l.partnership.id;
        if ('conflicts' in outcome)
          return draftConflictPage(pages, request, reply, {
            partnershipId: pid,
            versionId: l.draft.id,
            recordName: `${l.theme.title}: question ${l.index + 1}`,
            action: questionBase(pid, l.draft.id, l.theme.id, l.question!.id),
            body,
            conflicts: outcome.conflicts,
          });
        if ('errors' in outcome) return outcome;
        return `${themeBase(pid, l.draft.id, l.theme.id)}?done=${l.question ? 'saved' : 'question-added'}`;
      },
    });
  }

  const path = '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions';
  app.get<DraftParams>(`${path}/new`, (request, reply) => show(request, reply, false));
  app.post<DraftParams>(`${path}/new`, (request, reply) => save(request, reply, false));
  app.get<DraftParams>(`${path}/:questionId`, (request, reply) => show(request, reply, true));
  app.post<DraftParams>(`${path}/:questionId`, (request, reply) => save(request, reply, true));
}
