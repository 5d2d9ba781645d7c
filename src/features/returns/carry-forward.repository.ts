/**
 * Pre-filling a new cycle's returns from each agency's last submitted (or accepted) return in an
 * earlier cycle of the same partnership: the answers to unchanged questions, marked as awaiting
 * confirmation (with their documents, offered to keep), and their open actions, with the open actions of its theme ratings and challenge
 * events (keeping their origin). Runs inside the transaction that sets the cycle up.
 */
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { type ActionStatus, actions, answers, returns } from '../../db/schema.ts';
import { offerCarriedDocuments } from '../../domain/question-documents.repository.ts';
import { matchQuestions, matchThemes, planCarryForward } from './carry-forward.ts';
import { applicableThemes } from './return-rules.ts';
import { loadReturnStructure } from './return-structure.repository.ts';
import { recordHistory } from './returns.repository.ts';

export interface CarryForwardResult {
  returnId: string;
  fromReturnId: string;
  answers: number;
  actions: number;
}

interface PreviousReturn {
  id: string;
  reference: string | null;
  cycle_name: string;
  template_version_id: string;
}

/** The agency's last submitted or accepted return in another cycle of the partnership. */
async function lastSubmittedReturn(
  tx: DbOrTx,
  partnershipId: string,
  agencyId: string,
  cycleId: string,
): Promise<PreviousReturn | null> {
  const [row] = await queryRows<PreviousReturn>(
    tx,
    sql`select r.id, r.reference, c.name as cycle_name, c.template_version_id
        from returns r join cycles c on c.id = r.cycle_id and c.partnership_id = r.partnership_id
        where r.partnership_id = ${partnershipId} and r.agency_id = ${agencyId} and r.cycle_id <> ${cycleId}
          and r.status in ('submitted', 'resubmitted', 'accepted')
        order by r.submitted_at desc nulls last, c.closes_at desc
        limit 1`,
  );
  return row ?? null;
}

export async function carryForwardReturn(
  tx: DbOrTx,
  partnershipId: string,
  target: { returnId: string; agencyId: string; cycleId: string; templateVersionId: string },
  userId: string | null,
  now: Date,
): Promise<CarryForwardResult | null> {
  const previous = await lastSubmittedReturn(tx, partnershipId, target.agencyId, target.cycleId);
  if (!previous) return null;
  const [previousStructure, structure, localityRows] = await Promise.all([
    loadReturnStructure(tx, partnershipId, previous.template_version_id),
    loadReturnStructure(tx, partnershipId, target.templateVersionId),
    queryRows<{ locality_id: string }>(
      tx,
      sql`select locality_id from agency_localities where partnership_id = ${partnershipId} and agency_id = ${target.agencyId}`,
    ),
  ]);
  const [agency] = await queryRows<{ sector: string }>(
    tx,
    sql`select a.sector from agencies a
      join agency_memberships m on m.agency_id = a.id and m.partnership_id = ${partnershipId}
      where a.id = ${target.agencyId}`,
  );
  const themes = applicableThemes(
    structure.themes,
    localityRows.map((l) => l.locality_id),
    agency?.sector ?? '',
  );
  const themeOfQuestion = new Map(themes.flatMap((t) => t.questions.map((q) => [q.id, t.id] as const)));
  const previousAnswers = await tx
    .select()
    .from(answers)
    .where(and(eq(answers.partnershipId, partnershipId), eq(answers.returnId, previous.id)));
  const previousActions = await tx
    .select()
    .from(actions)
    .where(and(eq(actions.partnershipId, partnershipId), eq(actions.returnId, previous.id)));
  const plan = planCarryForward(
    matchQuestions(previousStructure, structure),
    [...themeOfQuestion.keys()],
    previousAnswers.map((a) => ({
      questionId: a.questionId,
      answered: a.response !== null || a.choices.length > 0 || a.value !== '',
      awaitingConfirmation: a.carriedForwardAt !== null && a.confirmedAt === null,
    })),
    previousActions.map((a) => ({
      id: a.id,
      themeId: a.themeId,
      questionId: a.questionId,
      status: a.status,
    })),
    { matches: matchThemes(previousStructure, structure), themeIds: themes.map((t) => t.id) },
  );

  const answerByQuestion = new Map(previousAnswers.map((a) => [a.questionId, a]));
  if (plan.answers.length)
    await tx.insert(answers).values(
      plan.answers.map(({ questionId, fromQuestionId }) => {
        const a = answerByQuestion.get(fromQuestionId)!;
        return {
          partnershipId,
          returnId: target.returnId,
          questionId,
          response: a.response,
          choices: a.choices,
          value: a.value,
          naReason: a.naReason,
          evidenceDocument: a.evidenceDocument,
          evidenceLocation: a.evidenceLocation,
          comment: a.comment,
          impact: a.impact,
          updatedAt: now,
          carriedForwardFromReturnId: previous.id,
          carriedForwardAt: now,
        };
      }),
    );
  // Last year's documents on those questions are offered, for the agency to keep or remove.
  await offerCarriedDocuments(tx, partnershipId, { returnId: previous.id }, target, plan.answers, now);
  const actionById = new Map(previousActions.map((a) => [a.id, a]));
  if (plan.actions.length)
    await tx.insert(actions).values(
      plan.actions.map(({ questionId, fromActionId }) => {
        const a = actionById.get(fromActionId)!;
        return {
          partnershipId,
          returnId: target.returnId,
          themeId: themeOfQuestion.get(questionId)!,
          questionId,
          description: a.description,
          targetDate: a.targetDate,
          leadPerson: a.leadPerson,
          successCriteria: a.successCriteria,
          status: a.status as ActionStatus,
          carriedForwardFromActionId: a.id,
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
  // A theme rating's action stays an action of that rating, a challenge event's of that event; being
  // carried forward, it is no longer the new return's own rating action (see syncAction).
  if (plan.themeActions.length)
    await tx.insert(actions).values(
      plan.themeActions.map(({ themeId, fromActionId }) => {
        const a = actionById.get(fromActionId)!;
        return {
          partnershipId,
          returnId: target.returnId,
          themeId,
          questionId: null,
          description: a.description,
          targetDate: a.targetDate,
          leadPerson: a.leadPerson,
          successCriteria: a.successCriteria,
          status: a.status as ActionStatus,
          carriedForwardFromActionId: a.id,
          challengeEventId: a.challengeEventId,
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
  const carriedActions = plan.actions.length + plan.themeActions.length;
  await tx
    .update(returns)
    .set({ carriedForwardFromReturnId: previous.id })
    .where(and(eq(returns.id, target.returnId), eq(returns.partnershipId, partnershipId)));
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const flagged = [
    plan.newQuestions ? count(plan.newQuestions, 'new question', 'new questions') : '',
    plan.changedQuestions
      ? `${count(plan.changedQuestions, 'question', 'questions')} changed since then (not pre-filled)`
      : '',
  ].filter(Boolean);
  await recordHistory(tx, partnershipId, target.returnId, userId, now, [
    {
      event: 'carried_forward',
      field: 'Return',
      newValue: `Pre-filled from the return for ${previous.cycle_name}${previous.reference ? ` (${previous.reference})` : ''}: ${count(plan.answers.length, 'answer', 'answers')} to check and confirm, ${count(carriedActions, 'open action', 'open actions')}${flagged.length ? `; ${flagged.join(', ')}` : ''}`,
    },
  ]);
  return {
    returnId: target.returnId,
    fromReturnId: previous.id,
    answers: plan.answers.length,
    actions: carriedActions,
  };
}
