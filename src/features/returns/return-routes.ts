/**
 * What the return's page routes share: the app's dependencies, the return a request names, its
 * themes, and the conflict page of a return's forms. Each page folder registers its routes with it;
 * `returns.routes.tsx` is the table of those pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { downloadName } from '../../lib/downloads.ts';
import type { ConflictField } from '../../views/conflict-page.tsx';
import { conflictResponse, lastChange } from '../../web/record-conflict.ts';
import { loadReturnContext, type ReturnParams } from '../../web/return-context.ts';
import { questionFlags } from './carry-forward.ts';
import { applicableThemes } from './return-rules.ts';
import { loadReturnStructure } from './return-structure.repository.ts';
import type { AnswerValues, ReturnStructure } from './return-structure.ts';
import { lastFieldChanges, type ReturnContext } from './returns.repository.ts';

/** One field both people changed, as the conflict page shows it. */
export interface ConflictToShow extends Omit<ConflictField, 'changedBy' | 'changedAt'> {
  /**
   * The field as the change history names it: who changed it last, and when, come from there. A field
   * two pages change under different names gives both: the newest entry of either names the changer.
   */
  historyField: string | readonly string[];
}

export function returnRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  const loadContext = (request: FastifyRequest<ReturnParams>) => loadReturnContext(db, request);

  async function structureFor(ctx: ReturnContext) {
    const structure = await loadReturnStructure(db, ctx.partnershipId, ctx.templateVersionId);
    return { structure, themes: applicableThemes(structure.themes, ctx.agencyLocalityIds, ctx.agencySector) };
  }

  /** Focus questions, and questions new or changed since the return this one was pre-filled from. */
  async function flagsFor(ctx: ReturnContext, structure: ReturnStructure) {
    const previous = ctx.previousTemplateVersionId
      ? await loadReturnStructure(db, ctx.partnershipId, ctx.previousTemplateVersionId)
      : null;
    return questionFlags(structure, ctx.focusQuestionIds, previous);
  }

  /** The conflict page of a return's form, with who last changed each field and when. */
  async function conflictPage(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ReturnContext,
    m: { recordName: string; action: string; body: Record<string, unknown>; conflicts: ConflictToShow[] },
  ): Promise<{ page: JSX.Element; status: number }> {
    const names = (c: ConflictToShow) =>
      typeof c.historyField === 'string' ? [c.historyField] : c.historyField;
    const changes = await lastFieldChanges(db, ctx.partnershipId, ctx.id, m.conflicts.flatMap(names));
    const newest = (c: ConflictToShow) =>
      names(c)
        .map((name) => changes.get(name))
        .reduce((a, b) => (!a || (b && b.at > a.at) ? b : a), undefined);
    return conflictResponse(request, reply, {
      ...m,
      conflicts: m.conflicts.map((c) => {
        const { historyField: _, ...field } = c;
        return { ...field, ...lastChange(newest(c)) };
      }),
    });
  }

  return { app, db, clock, mailer, config, loadContext, structureFor, flagsFor, conflictPage };
}

export type ReturnRoutes = ReturnType<typeof returnRoutesContext>;

/** The questions of a page whose answers were carried forward and are not confirmed yet. */
export const awaitingIn = (answers: ReadonlyMap<string, AnswerValues>): Set<string> =>
  new Set([...answers].filter(([, a]) => a.awaitingConfirmation).map(([id]) => id));

/** A download's file name: what it is, the agency and audit, and the return's reference. */
export function returnFileName(ctx: ReturnContext, kind: string, ext: string): string {
  return downloadName(kind, `${ctx.agencyName} ${ctx.cycleName}`, ext, ctx.reference);
}
