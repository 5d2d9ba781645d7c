/** Creating a template: a blank draft with the partnership's usual grade descriptors to start from. */
import type { FastifyInstance } from 'fastify';
import { handleForm, textField } from '../../../web/form-route.ts';
import { keyUnder } from '../authoring/draft-editing.service.ts';
import { type DraftParams, draftPages } from '../authoring/draft-pages.ts';
import { editBase } from '../authoring/paths.ts';
import { section11Template } from '../builtin/section-11.ts';
import { insertBlankTemplate, lockPartnershipTemplates, templateKeys } from '../draft-editing.repository.ts';
import { newTemplateSchema, newTemplateState } from './new-template.form.ts';
import { NewTemplatePage } from './new-template.view.tsx';

export function newTemplateRoutes(app: FastifyInstance): void {
  const pages = draftPages(app);
  const { db, clock } = pages;
  const path = '/partnerships/:partnershipId/templates/new';

  app.get<DraftParams>(path, async (request, reply) => {
    const partnership = pages.admin(request);
    return reply.html(
      NewTemplatePage({ ...(await pages.page(request, reply)), partnership, state: newTemplateState({}) }),
    );
  });

  app.post<DraftParams>(path, async (request, reply) => {
    const partnership = pages.admin(request);
    return handleForm(request, reply, {
      state: newTemplateState,
      schema: newTemplateSchema(await templateKeys(db, partnership.id)),
      invalid: async (state, errors) =>
        NewTemplatePage({ ...(await pages.page(request, reply)), partnership, state, errors }),
      save: async (values, body) => {
        const created = await db.transaction(async (tx) => {
          await lockPartnershipTemplates(tx, partnership.id);
          // Checked again under the lock: another admin may have taken the key meanwhile. A key
          // made from the name is made again; a typed one is refused.
          const key = keyUnder(
            values.key,
            await templateKeys(tx, partnership.id),
            { keyMade: textField(body, 'key').trim() === '' },
            [values.name, 'template'],
          );
          if (key === null) return null;
          // Sensible descriptors to start from, changed on the draft's details page.
          const gradeDescriptors = { ...section11Template.gradeDescriptors };
          return insertBlankTemplate(tx, partnership.id, { ...values, key, gradeDescriptors }, clock.now());
        });
        if (!created) {
          const text = `Another template already has the key "${values.key}": choose another, or leave it blank`;
          return { errors: { list: [{ text, href: '#key' }], byField: { key: text } } };
        }
        return `${editBase(partnership.id, created)}?done=created`;
      },
    });
  });
}
