/**
 * Authoring templates in the browser, for partnership admins: a new template as a blank draft, a
 * new draft copied from a published version, and every change to a draft (details and grade
 * descriptors, themes and questions: add, change, move, delete). Only drafts change: a published
 * or retired version refuses every change (409). Reviewers may preview themes but change nothing.
 *
 * The pages, each in its folder with its routes, form (one zod schema) and view:
 */
import type { FastifyInstance } from 'fastify';
import { detailsRoutes } from './details/details.routes.tsx';
import { draftRoutes } from './draft/draft.routes.tsx';
import { newTemplateRoutes } from './new-template/new-template.routes.tsx';
import { questionFormRoutes } from './question/question.routes.tsx';
import { questionOrderRoutes } from './question/question-order.routes.tsx';
import { themeFormRoutes } from './theme/theme.routes.tsx';
import { themePageRoutes } from './theme/theme-page.routes.tsx';

const AUTHORING_PAGES: ReadonlyArray<(app: FastifyInstance) => void> = [
  newTemplateRoutes, // /templates/new: a new template, a blank draft
  draftRoutes, // /versions/:id/edit: the draft's overview; /new-draft: a copy of a published version
  detailsRoutes, // /versions/:id/details: name, description and grade descriptors
  themeFormRoutes, // /themes/new, /themes/:themeId/edit: a theme's form
  themePageRoutes, // /themes/:themeId: its page, move, delete, preview
  questionFormRoutes, // /questions/new, /questions/:questionId: a question's form
  questionOrderRoutes, // /questions/:questionId/move, /delete
];

export async function templateAuthoringRoutes(app: FastifyInstance): Promise<void> {
  for (const register of AUTHORING_PAGES) register(app);
}
