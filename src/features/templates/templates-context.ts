/**
 * What the template pages share: the partnership's readers and admins, a version of one of its
 * templates, and the templates list shown again with the problems of a refused import.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnerships/partnership-access.ts';
import { problemText, type TemplateFileProblem } from './template-file.ts';
import { findVersion, listTemplates } from './template-versions.repository.ts';
import { TemplatesPage } from './templates.view.tsx';

export type Params = { Params: { partnershipId: string; versionId?: string } };

/** At most this many problems are listed in the error summary. */
const SUMMARY_LIMIT = 50;

/** Every problem in the error summary, each linking to the file field. */
export function problemErrors(problems: TemplateFileProblem[], fieldId = 'file'): FormErrors {
  const list = problems.slice(0, SUMMARY_LIMIT).map((p) => ({ text: problemText(p), href: `#${fieldId}` }));
  if (problems.length > SUMMARY_LIMIT)
    list.push({ text: `And ${problems.length - SUMMARY_LIMIT} more problems`, href: `#${fieldId}` });
  const first = problems[0]!;
  return {
    list,
    byField: {
      [fieldId]:
        problems.length === 1
          ? problemText(first)
          : `The file has ${problems.length} problems, listed at the top of the page. Nothing was imported`,
    },
  };
}

export function templateRoutesContext(app: FastifyInstance) {
  const { database, clock } = app.deps;
  const db = database.db;

  const reader = (request: FastifyRequest<Params>) => partnershipAccess(request, false);
  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can change templates.');

  async function listPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    errors?: FormErrors,
    status = 422,
  ) {
    return reply.html(
      TemplatesPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        templates: await listTemplates(db, partnership.id),
        errors,
      }),
      errors ? status : 200,
    );
  }

  async function version(request: FastifyRequest<Params>, partnership: PartnershipAccess) {
    const id = request.params.versionId;
    if (!isUuid(id)) throw notFound('Template version');
    const found = await findVersion(db, partnership.id, id);
    if (!found) throw notFound('Template version');
    return found;
  }

  return { app, db, clock, reader, admin, listPage, version };
}

export type TemplateRoutes = ReturnType<typeof templateRoutesContext>;
