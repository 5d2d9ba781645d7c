/**
 * The conflict page of a record edited outside a return (issue 10): a findings report draft, a
 * guidance or FAQ page, the partnership's details. Names who last changed each field and when, from
 * the record's history, and answers 409 (422 when the person sent it back without choosing).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastRecordChanges, type RecordRef } from '../domain/record-history.repository.ts';
import { ConflictPage } from '../views/conflict-page.tsx';
import { type FieldConflict, fingerprint } from './form-version.ts';

export async function recordConflictPage(
  request: FastifyRequest,
  reply: FastifyReply,
  m: {
    record: RecordRef;
    recordName: string;
    action: string;
    body: Record<string, unknown>;
    conflicts: FieldConflict[];
    /** What a field is called on the page. */
    label: (field: string) => string;
    /** A value as words (default: as it is). */
    show?: (field: string, value: unknown) => string;
  },
): Promise<{ page: JSX.Element; status: number }> {
  const { database } = request.server.deps;
  const changes = await lastRecordChanges(
    database.db,
    m.record,
    m.conflicts.map((c) => c.field),
  );
  const show = m.show ?? ((_f: string, v: unknown) => (v === null || v === undefined ? '' : String(v)));
  const conflicts = m.conflicts.map((c) => ({
    key: c.key,
    label: m.label(c.field),
    mine: show(c.field, c.mine),
    theirs: show(c.field, c.theirs),
    fingerprintTheirs: fingerprint(c.theirs),
    unanswered: c.unanswered,
    changedBy: changes.get(c.field)?.userName ?? null,
    changedAt: changes.get(c.field)?.at ?? null,
  }));
  return {
    page: ConflictPage({
      chrome: await request.chrome(reply),
      csrfToken: await request.server.sessions.csrfToken(request, reply),
      recordName: m.recordName,
      action: m.action,
      backHref: m.action,
      body: m.body,
      conflicts,
    }),
    status: conflicts.some((c) => c.unanswered) ? 422 : 409,
  };
}
