/**
 * The conflict page as a response (issue 10), for every record under the conflict rule: 409, or 422
 * when the person sent it back without choosing. Each kind of record says who last changed each field
 * and when from its own history; `recordConflictPage` does that for the records whose history is
 * `record_history` (a findings report draft, a guidance or FAQ page, the partnership's settings).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastRecordChanges, type RecordRef } from '../domain/record-history.repository.ts';
import { type ConflictField, ConflictPage } from '../views/conflict-page.tsx';
import type { FormErrors } from '../views/form-errors.ts';
import { type FormBody, type FormRoute, handleForm } from './form-route.ts';
import { type FieldConflict, type FormVersion, fingerprint, formVersion } from './form-version.ts';

export interface ConflictResponse {
  recordName: string;
  /** Where the page posts the choice: the form's own address. */
  action: string;
  /** Where "back" goes without saving: the form's page (default `action`, when it answers a GET). */
  backHref?: string | undefined;
  body: Record<string, unknown>;
  conflicts: ConflictField[];
}

export async function conflictResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  m: ConflictResponse,
): Promise<{ page: JSX.Element; status: number }> {
  return {
    page: ConflictPage({
      chrome: await request.chrome(reply),
      csrfToken: await request.server.sessions.csrfToken(request, reply),
      recordName: m.recordName,
      action: m.action,
      backHref: m.backHref ?? m.action,
      body: m.body,
      conflicts: m.conflicts,
    }),
    status: m.conflicts.some((c) => c.unanswered) ? 422 : 409,
  };
}

/** Who last changed a field and when, as the conflict page names them. */
export const lastChange = (change: { userName: string | null; at: Date } | undefined) => ({
  changedBy: change?.userName ?? null,
  changedAt: change?.at ?? null,
});

/** What the conflict page says of a record kept in `record_history`. */
export interface RecordConflict extends Omit<ConflictResponse, 'conflicts' | 'body'> {
  record: RecordRef;
  /** What a field is called on the page. */
  label: (field: string) => string;
  /** A value as words (default: as it is). */
  show?: (field: string, value: unknown) => string;
}

export async function recordConflictPage(
  request: FastifyRequest,
  reply: FastifyReply,
  m: RecordConflict & { body: Record<string, unknown>; conflicts: FieldConflict[] },
): Promise<{ page: JSX.Element; status: number }> {
  const changes = await lastRecordChanges(
    request.server.deps.database.db,
    m.record,
    m.conflicts.map((c) => c.field),
  );
  const show = m.show ?? ((_f: string, v: unknown) => (v === null || v === undefined ? '' : String(v)));
  return conflictResponse(request, reply, {
    ...m,
    conflicts: m.conflicts.map((c) => ({
      key: c.key,
      label: m.label(c.field),
      mine: show(c.field, c.mine),
      theirs: show(c.field, c.theirs),
      fingerprintTheirs: fingerprint(c.theirs),
      unanswered: c.unanswered,
      ...lastChange(changes.get(c.field)),
    })),
  });
}

/**
 * A form editing one record under the conflict rule, from start to end (`handleForm`): `save` is
 * given what the form showed and either saves, refuses with errors (422), or answers with the fields
 * someone else changed since the form was shown; those go to the conflict page (409), nothing saved.
 * Once saved, to `done` (303).
 */
export function handleRecordForm<State, Values>(
  request: FastifyRequest,
  reply: FastifyReply,
  route: Omit<FormRoute<State, Values>, 'save'> & {
    save: (
      values: Values,
      version: FormVersion,
      body: FormBody,
    ) => Promise<{ saved: true } | { conflicts: FieldConflict[] } | { errors: FormErrors }>;
    conflict: RecordConflict;
    done: string;
  },
): Promise<FastifyReply> {
  const { conflict, done, ...form } = route;
  return handleForm(request, reply, {
    ...form,
    save: async (values, body) => {
      const outcome = await route.save(values, formVersion(body), body);
      if ('conflicts' in outcome)
        return recordConflictPage(request, reply, { ...conflict, body, conflicts: outcome.conflicts });
      return 'errors' in outcome ? outcome : done;
    },
  });
}
