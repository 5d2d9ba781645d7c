/**
 * An export reads each batch's answers as one JSON text from the database and makes them into
 * records in its own thread (`answersFromJson`): every field as the return's own pages read it, whatever the
 * text (quotes, new lines, characters outside ASCII), and whether a pre-filled answer awaits
 * confirmation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { answers, cycles } from '../../src/db/schema.ts';
import { cycleRecordBatches, loadCycleReturns } from '../../src/features/exports/cycle-data.repository.ts';
import { answersFromJson } from '../../src/features/exports/cycle-data.ts';
import { loadAnswers } from '../../src/features/returns/returns.repository.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the answers an export reads', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    const partnershipId = t.ids.partnershipId;
    const returnId = t.ids.returnIds.council!;
    const [q1, q2, q3] = (await themesFor(t, 'council')).flatMap((th) => th.questions);
    const carried = new Date('2026-10-01T09:00:00Z');
    await t.database.db.insert(answers).values([
      {
        partnershipId,
        returnId,
        questionId: q1!.id,
        response: 'yes',
        choices: ['Training', 'Supervision, monthly'],
        value: '12',
        evidenceDocument: 'Łukasz’s “policy”\n2026',
        evidenceLocation: 'C:\\shared\\policy.docx',
        comment: '=SUM(A1) and a tab\there',
        impact: 'Children 👧 are seen sooner',
        carriedForwardAt: carried,
      },
      { partnershipId, returnId, questionId: q2!.id, response: 'na', naReason: 'We run no such service' },
      {
        partnershipId,
        returnId,
        questionId: q3!.id,
        response: null,
        carriedForwardAt: carried,
        confirmedAt: new Date('2026-10-02T09:00:00Z'),
      },
    ]);
  });
  after(async () => t.close());

  it('are every field of each answer, as the return’s own pages read it', async () => {
    const db = t.database.db;
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    const scoped = {
      id: cycle!.id,
      partnershipId: cycle!.partnershipId,
      viewerPartnershipId: cycle!.partnershipId,
      closesAt: cycle!.closesAt,
      templateVersionId: cycle!.templateVersionId,
    };
    const returns = await loadCycleReturns(db, scoped, t.clock.now());
    const read = [];
    for await (const batch of cycleRecordBatches(db, scoped, returns, { batchSize: 2 }))
      read.push(...answersFromJson(batch.records.answersJson));
    // As the return's own pages read them (`loadAnswers`), return by return.
    const held = [];
    for (const r of returns)
      for (const [questionId, a] of await loadAnswers(db, scoped.partnershipId, r.returnId)) {
        // The answer's own fields: its action is read with the return's actions.
        const { actionDescription: _, actionTargetDate: __, awaitingConfirmation, ...fields } = a;
        held.push({
          returnId: r.returnId,
          questionId,
          ...fields,
          awaitingConfirmation: awaitingConfirmation ?? false,
        });
      }
    assert.ok(held.length >= 3);
    const key = (a: { returnId: string; questionId: string }) => `${a.returnId} ${a.questionId}`;
    assert.deepEqual(
      read.sort((a, b) => key(a).localeCompare(key(b))),
      held.sort((a, b) => key(a).localeCompare(key(b))),
    );
    const council = read.filter((a) => a.returnId === t.ids.returnIds.council);
    assert.equal(
      council.filter((a) => a.awaitingConfirmation).length,
      1,
      'the one pre-filled and not confirmed',
    );
    assert.ok(council.some((a) => a.impact === 'Children 👧 are seen sooner'));
  });
});
