/**
 * An export reads each batch's answers as one JSON text from the database and makes them into
 * records in its own thread (`answersFromJson`): every field as the database holds it, whatever the
 * text (quotes, new lines, characters outside ASCII), and whether a pre-filled answer awaits
 * confirmation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { answers, cycles } from '../../src/db/schema.ts';
import { cycleRecordBatches, loadCycleReturns } from '../../src/features/exports/cycle-data.repository.ts';
import { answersFromJson } from '../../src/features/exports/cycle-data.ts';
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

  it('are every field of each answer, as the database holds it', async () => {
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
    const held = await queryRows<{
      return_id: string;
      question_id: string;
      response: string | null;
      choices: string[];
      value: string;
      na_reason: string;
      evidence_document: string;
      evidence_location: string;
      comment: string;
      impact: string;
      awaiting: boolean;
    }>(
      db,
      sql`select an.return_id, an.question_id, an.response, an.choices, an.value, an.na_reason,
            an.evidence_document, an.evidence_location, an.comment, an.impact,
            an.carried_forward_at is not null and an.confirmed_at is null as awaiting
          from answers an join returns r on r.id = an.return_id where r.cycle_id = ${t.ids.cycleId}`,
    );
    assert.ok(held.length >= 3);
    const key = (a: { returnId: string; questionId: string }) => `${a.returnId} ${a.questionId}`;
    assert.deepEqual(
      read.sort((a, b) => key(a).localeCompare(key(b))),
      held
        .map((a) => ({
          returnId: a.return_id,
          questionId: a.question_id,
          response: a.response,
          choices: a.choices,
          value: a.value,
          naReason: a.na_reason,
          evidenceDocument: a.evidence_document,
          evidenceLocation: a.evidence_location,
          comment: a.comment,
          impact: a.impact,
          awaitingConfirmation: a.awaiting,
        }))
        .sort((a, b) => key(a).localeCompare(key(b))),
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
