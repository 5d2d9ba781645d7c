/** Submitted returns with grades, moderations and actions, written straight to the database. */
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { actions, answers, type Rag, returns, themeModerations, themeRatings } from '../../src/db/schema.ts';
import { applicableThemes } from '../../src/features/returns/return-rules.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { runQueuedJobs } from '../../src/jobs/job-queue.ts';
import { jobHandlers, RETURN_GRADES_QUEUE } from '../../src/jobs/workers.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import type { TestApp } from '../helpers/test-app.ts';

/** The themes that apply to a return's agency (by the localities it serves in the partnership). */
export async function returnThemes(
  t: TestApp,
  returnId: string,
  templateVersionId = t.ids.templateVersionId,
) {
  const [row] = await queryRows<{ locality_ids: string[] | null }>(
    t.database.db,
    sql`select (select array_agg(al.locality_id) from agency_localities al
               where al.agency_id = r.agency_id and al.partnership_id = r.partnership_id) as locality_ids
        from returns r where r.id = ${returnId}`,
  );
  const structure = await loadReturnStructure(t.database.db, t.ids.partnershipId, templateVersionId);
  // The built-in template limits no theme to a sector.
  return applicableThemes(structure.themes, row?.locality_ids ?? [], 'any');
}

/**
 * Answers every question of the return's themes (met, except the first question of the first theme
 * when `weakFirst`, answered Not met or No with a comment and impact), rates each theme, and submits.
 */
export async function submitReturn(
  t: TestApp,
  returnId: string,
  options: {
    submittedAt: Date;
    rating?: Rag;
    weakFirst?: boolean;
    comment?: string;
    templateVersionId?: string;
  },
): Promise<ThemeInfo[]> {
  const db = t.database.db;
  const themes = await returnThemes(t, returnId, options.templateVersionId);
  const [ret] = await db.select().from(returns).where(eq(returns.id, returnId));
  const partnershipId = ret!.partnershipId;
  for (const [ti, theme] of themes.entries()) {
    for (const [qi, q] of theme.questions.entries()) {
      const weak = options.weakFirst && ti === 0 && qi === 0;
      await db.insert(answers).values({
        partnershipId,
        returnId,
        questionId: q.id,
        response: weak
          ? q.scale === 'graded'
            ? 'not_met'
            : 'no'
          : q.scale === 'graded'
            ? 'fully_met'
            : 'yes',
        comment: weak ? (options.comment ?? '') : '',
        impact: weak ? 'Children are seen sooner.' : '',
        evidenceDocument: weak ? 'Briefing log' : '',
      });
    }
    await db.insert(themeRatings).values({
      partnershipId,
      returnId,
      themeId: theme.id,
      rating: options.rating ?? 'green',
      justification: 'As evidenced.',
      completedAt: options.submittedAt,
    });
  }
  await db
    .update(returns)
    .set({ status: 'submitted', submittedAt: options.submittedAt, reference: `S11-${returnId.slice(0, 8)}` })
    .where(eq(returns.id, returnId));
  return themes;
}

export async function moderate(t: TestApp, returnId: string, themeId: string, rating: Rag): Promise<void> {
  await t.database.db
    .insert(themeModerations)
    .values({ partnershipId: t.ids.partnershipId, returnId, themeId, rating, reason: 'Moderation panel' })
    .onConflictDoUpdate({
      target: [themeModerations.returnId, themeModerations.themeId],
      set: { rating },
    });
}

export async function addAction(
  t: TestApp,
  returnId: string,
  themeId: string,
  description: string,
  targetDate: string,
): Promise<void> {
  await t.database.db.insert(actions).values({
    partnershipId: t.ids.partnershipId,
    returnId,
    themeId,
    description,
    targetDate,
    leadPerson: 'Ian Lead',
  });
}

/** The figure in a table row headed `label` (the first numeric cell after it). */
export function figure(body: string, label: string): string | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `>${escaped}</th><td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>`,
  ).exec(body)?.[1];
}

/** Runs the return-grades jobs queued (the app's queue, started without workers): what they ran and failed. */
export function runReturnGradesJobs(t: TestApp): Promise<{ ran: number; failed: number }> {
  return runQueuedJobs(
    t.queue!,
    RETURN_GRADES_QUEUE,
    jobHandlers({
      db: t.database.db,
      clock: t.clock,
      mailer: createMailer(t.database.db, t.clock, null),
      transport: null,
      baseUrl: 'http://localhost',
    })[RETURN_GRADES_QUEUE]!,
  );
}
