/**
 * What the routes that author a draft share: who may (admins change, reviewers read), the page
 * chrome and CSRF token, the version or draft named in the address, and the notice after a change.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { type PartnershipAccess, partnershipAccess } from '../../partnerships/partnership-access.ts';
import { listLocalities } from '../../partnerships/partnerships.repository.ts';
import { loadEditableVersion } from '../draft-editing.repository.ts';
import { notADraft } from './draft-editing.service.ts';

export type DraftParams = {
  Params: { partnershipId: string; versionId?: string; themeId?: string; questionId?: string };
  Querystring: { done?: string };
};
export type DraftRequest = FastifyRequest<DraftParams>;

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

export function draftPages(app: FastifyInstance) {
  const db = app.deps.database.db;

  /** The version named in the address, for reading (any status). */
  async function anyVersion(request: DraftRequest, partnership: PartnershipAccess) {
    const id = request.params.versionId;
    if (!isUuid(id)) throw notFound('Template version');
    const found = await loadEditableVersion(db, partnership.id, id);
    if (!found) throw notFound('Template version');
    return found;
  }

  return {
    db,
    clock: app.deps.clock,
    admin: (request: DraftRequest) =>
      partnershipAccess(request, true, 'Only a partnership admin can change templates.'),
    reader: (request: DraftRequest) => partnershipAccess(request, false),
    page: async (request: FastifyRequest, reply: FastifyReply) => ({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
    }),
    anyVersion,
    /** The draft named in the address, to show a form for it: 409 if it is not a draft. */
    async draftToShow(request: DraftRequest, partnership: PartnershipAccess) {
      const v = await anyVersion(request, partnership);
      if (v.status !== 'draft') throw notADraft(partnership.id, v.id, v.status);
      return v;
    },
    notice: (request: DraftRequest) => NOTICES[request.query.done ?? ''],
    async localityNames(partnershipId: string) {
      return new Map((await listLocalities(db, partnershipId)).map((l) => [l.id, l.name]));
    },
  };
}

export type DraftPages = ReturnType<typeof draftPages>;
