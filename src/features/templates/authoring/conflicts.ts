/** The conflict page of a draft's form (issue 10), naming who last changed each field and when. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormBody } from '../../../web/form-route.ts';
import { conflictResponse, lastChange } from '../../../web/record-conflict.ts';
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
  return conflictResponse(request, reply, {
    ...m,
    conflicts: m.conflicts.map((c) => ({ ...c, ...lastChange(changes.get(c.key)) })),
  });
}
