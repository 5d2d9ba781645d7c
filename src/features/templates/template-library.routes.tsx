/**
 * The template library and sharing, for a partnership's admins (reviewers may look): built-in
 * templates and those other partnerships share, each adoptable as a copy in the partnership's own
 * templates; and sharing a published version with every partnership or chosen ones, or stopping.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnerships/partnership-access.ts';
import { BUILTIN_TEMPLATES, findBuiltin } from './builtin/library.ts';
import type { TemplateDefinition } from './template-definition.ts';
import { adoptTemplate, findSharedWith, listSharedWith } from './template-library.repository.ts';
import { type AdoptValues, LibraryPage, LibraryTemplatePage, libraryBase } from './template-library.view.tsx';
import { adoptSchema, adoptValues } from './template-library-forms.ts';
import { templateSharingRoutes } from './template-sharing.routes.tsx';
import { versionBase } from './templates.view.tsx';

type Params = { Params: { partnershipId: string; key?: string; versionId?: string } };

export async function templateLibraryRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;
  const reader = (request: FastifyRequest<Params>) => partnershipAccess(request, false);
  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can adopt templates.');

  app.get<Params>('/partnerships/:partnershipId/templates/library', async (request, reply) => {
    const partnership = reader(request);
    return reply.html(
      LibraryPage({
        chrome: await request.chrome(reply),
        partnership,
        builtin: BUILTIN_TEMPLATES,
        shared: await listSharedWith(db, partnership.id),
      }),
    );
  });

  /** A library template the partnership may see: built-in, or shared with it. */
  async function libraryTemplate(
    request: FastifyRequest<Params>,
    partnership: PartnershipAccess,
    kind: 'builtin' | 'shared',
  ): Promise<{ definition: TemplateDefinition; source: string; action: string }> {
    const base = libraryBase(partnership.id);
    if (kind === 'builtin') {
      const found = findBuiltin(request.params.key ?? '');
      if (!found) throw notFound('Template');
      return {
        definition: found.definition,
        source: `A built-in template. ${found.audience}`,
        action: `${base}/builtin/${found.definition.key}`,
      };
    }
    const id = request.params.versionId;
    if (!isUuid(id)) throw notFound('Template');
    const shared = await findSharedWith(db, partnership.id, id);
    if (!shared) throw notFound('Template');
    return {
      definition: shared.definition,
      source: `Version ${shared.version}, shared by ${shared.sharerName}${shared.sharedByName ? ` (${shared.sharedByName})` : ''}.`,
      action: `${base}/shared/${id}`,
    };
  }

  /** A library template's page with its adopt form (a refused post is shown again by handleForm). */
  async function templatePage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    found: Awaited<ReturnType<typeof libraryTemplate>>,
    values: AdoptValues,
    errors?: FormErrors,
  ) {
    return LibraryTemplatePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      ...found,
      values,
      errors,
    });
  }

  for (const kind of ['builtin', 'shared'] as const) {
    const path = `/partnerships/:partnershipId/templates/library/${kind}/${kind === 'builtin' ? ':key' : ':versionId'}`;
    app.get<Params>(path, async (request, reply) => {
      const partnership = reader(request);
      const found = await libraryTemplate(request, partnership, kind);
      return reply.html(
        await templatePage(request, reply, partnership, found, {
          name: found.definition.name,
          status: 'draft',
        }),
      );
    });

    app.post<Params>(path, async (request, reply) => {
      const partnership = admin(request);
      const found = await libraryTemplate(request, partnership, kind);
      return handleForm(request, reply, {
        state: adoptValues,
        schema: adoptSchema,
        invalid: (values, errors) => templatePage(request, reply, partnership, found, values, errors),
        save: async (form) => {
          const adopted = await adoptTemplate(
            db,
            partnership.id,
            found.definition,
            form.name,
            form.status,
            clock.now(),
          );
          if ('nameTaken' in adopted)
            return {
              errors: oneError(
                'name',
                `You already have a template called “${form.name}”: choose another name`,
              ),
            };
          return versionBase(partnership.id, adopted.versionId);
        },
      });
    });
  }

  templateSharingRoutes(app);
}
