/** The conflict page of a draft's form (issue 10), naming who last changed each field and when. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictPage } from '../../../views/conflict-page.tsx';
import type { FormBody } from '../../../web/form-route.ts';
import { lastDraftChanges } from '../draft-editing.repository.ts';
import type { DraftConflict } from './draft-editing.service.ts';
import type { DraftPages } from './draft-pages.ts';

export async function draftConflictPage(
  pages: DraftPages,
  request: FastifyRequest,
  reply: FastifyReply,
  m: {
    partnershipId: string;
    versionId: string;
    recordName: string;
    action: string;
    body: FormBody;
    conflicts: DraftConflict[];
  },
): Promise<{ page: JSX.Element; status: number }> {
  const changes = await lastDraftChanges(
    pages.db,
    m.partnershipId,
    m.versionId,
    m.conflicts.map((c) => c.key),
  );
  const conflicts = m.conflicts.map((c) => ({
    ...c,
    changedBy: changes.get(c.key)?.userName ?? null,
    changedAt: changes.get(c.key)?.at ?? null,
  }));
  return {
    page: ConflictPage({
      ...(await pages.page(request, reply)),
      recordName: m.recordName,
      action: m.action,
      backHref: m.action,
      body: m.body,
      conflicts,
    }),
    status: conflicts.some((c) => c.unanswered) ? 422 : 409,
  };
}
