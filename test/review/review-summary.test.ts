/**
 * What a return's task list says about its review (`reviewSummaryFor`, issue 16): every count, the
 * moderated grades, the latest return for changes and the challenge events, for the agency lead and
 * for a contributor (its own themes only), read in one statement and only from the partnership's
 * own rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  challengeEventReturns,
  challengeEvents,
  challenges,
  evidenceRequests,
  returnOutcomes,
  returns,
  themeModerations,
  users,
} from '../../src/db/schema.ts';
import { loadCurrentUser } from '../../src/features/auth/users.repository.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import {
  findAccessibleReturn,
  loadRatings,
  type ReturnContext,
} from '../../src/features/returns/returns.repository.ts';
import type { ReviewSummary } from '../../src/views/review-panel.tsx';
import { reviewSummaryFor } from '../../src/web/review-summary.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { captureQueries } from '../helpers/query-capture.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const CONTRIBUTOR = 'hr.adviser@northshire-council.example'; // assigned Safer recruitment

describe('the review summary on a return’s task list', () => {
  let t: TestApp;
  let returnId: string;
  let themes: ThemeInfo[];
  let safer: ThemeInfo;
  let another: ThemeInfo;

  async function contextOf(email: string): Promise<ReturnContext> {
    const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const user = await loadCurrentUser(t.database.db, u!.id);
    return (await findAccessibleReturn(t.database.db, user!, returnId))!;
  }

  /** The summary for this person, with the statements it sent to the database. */
  async function summaryFor(email: string): Promise<{ summary: ReviewSummary; statements: number }> {
    const ctx = await contextOf(email);
    const ratings = await loadRatings(t.database.db, ctx.partnershipId, ctx.id);
    let summary: ReviewSummary | undefined;
    const captured = await captureQueries(t.database, async () => {
      summary = await reviewSummaryFor(t.database.db, ctx, themes, ratings, t.clock.now());
    });
    return { summary: summary!, statements: captured.length };
  }

  before(async () => {
    t = await startTestApp();
    returnId = t.ids.returnIds.council!;
    themes = await themesFor(t, 'council');
    safer = themes.find((th) => th.key === 'safer-recruitment')!;
    another = themes.find((th) => th.id !== safer.id)!;
    const db = t.database.db;
    const partnershipId = t.ids.partnershipId;
    const now = t.clock.now();
    const day = 86_400_000;
    await db
      .update(returns)
      .set({ status: 'returned', submittedAt: new Date(now.getTime() - 10 * day), reference: 'S11-TEST-1' })
      .where(eq(returns.id, returnId));
    await db.insert(challenges).values([
      { partnershipId, returnId, themeId: safer.id, body: 'On safer recruitment', status: 'open' },
      { partnershipId, returnId, themeId: another.id, body: 'On another theme', status: 'open' },
      { partnershipId, returnId, themeId: null, body: 'On the whole return', status: 'answered' },
    ]);
    await db.insert(evidenceRequests).values([
      // Overdue: open, unanswered and due before today.
      { partnershipId, returnId, themeId: safer.id, description: 'Overdue', dueDate: '2026-11-01' },
      {
        partnershipId,
        returnId,
        themeId: safer.id,
        description: 'Closed',
        dueDate: '2026-11-01',
        closedAt: now,
      },
      {
        partnershipId,
        returnId,
        themeId: another.id,
        description: 'Answered, open',
        dueDate: '2026-11-01',
        respondedAt: now,
      },
      { partnershipId, returnId, themeId: null, description: 'Not yet due', dueDate: '2026-12-31' },
    ]);
    await db.insert(themeModerations).values([
      { partnershipId, returnId, themeId: safer.id, rating: 'red', reason: 'Checks not evidenced' },
      { partnershipId, returnId, themeId: another.id, rating: 'green', reason: 'Well evidenced' },
    ]);
    await db.insert(returnOutcomes).values([
      {
        partnershipId,
        returnId,
        decision: 'returned',
        reasons: 'The first time',
        themeIds: [another.id],
        createdAt: new Date(now.getTime() - 5 * day),
      },
      {
        partnershipId,
        returnId,
        decision: 'returned',
        reasons: 'Please add the checks',
        themeIds: [safer.id],
        createdAt: new Date(now.getTime() - day),
      },
    ]);
    const [event] = await db
      .insert(challengeEvents)
      .values({
        partnershipId,
        cycleId: t.ids.cycleId,
        title: 'Challenge panel',
        startsAt: new Date('2026-12-02T10:00:00Z'),
        location: 'Room 1',
        chair: 'The independent scrutineer',
      })
      .returning({ id: challengeEvents.id });
    await db.insert(challengeEventReturns).values({ partnershipId, eventId: event!.id, returnId });

    // Rows another partnership recorded against this return's id are never this one's.
    const other = await addOtherPartnership(t);
    await db.insert(challenges).values({
      partnershipId: other.partnershipId,
      returnId,
      themeId: safer.id,
      body: 'Not ours',
      status: 'open',
    });
    await db.insert(evidenceRequests).values({
      partnershipId: other.partnershipId,
      returnId,
      themeId: safer.id,
      description: 'Not ours',
      dueDate: '2026-11-01',
    });
    await db.insert(returnOutcomes).values({
      partnershipId: other.partnershipId,
      returnId,
      decision: 'returned',
      reasons: 'Not ours',
      themeIds: [another.id],
      createdAt: now,
    });
  });
  after(async () => t?.close());

  it('reads everything the agency lead is shown in one statement', async () => {
    const { summary, statements } = await summaryFor(COUNCIL_LEAD);
    assert.equal(statements, 1, 'one round trip to the database');
    const day = 86_400_000;
    assert.deepEqual(summary, {
      reviewer: false,
      challenges: 3,
      awaitingAnswer: 2,
      evidence: 4,
      evidenceOpen: 3,
      evidenceOverdue: 1,
      moderated: [safer, another]
        .sort((a, b) => a.number - b.number)
        .map((th) => ({
          themeNumber: th.number,
          themeTitle: th.title,
          own: null,
          rating: th.id === safer.id ? 'red' : 'green',
          reason: th.id === safer.id ? 'Checks not evidenced' : 'Well evidenced',
        })),
      returned: {
        reasons: 'Please add the checks',
        at: new Date(t.clock.now().getTime() - day),
        themeTitles: [`${safer.number}. ${safer.title}`],
      },
      events: [
        {
          title: 'Challenge panel',
          startsAt: new Date('2026-12-02T10:00:00Z'),
          location: 'Room 1',
          chair: 'The independent scrutineer',
        },
      ],
    } satisfies ReviewSummary);
  });

  it('counts for a contributor only the items on its own themes', async () => {
    const { summary, statements } = await summaryFor(CONTRIBUTOR);
    assert.equal(statements, 1);
    assert.equal(summary.challenges, 1);
    assert.equal(summary.awaitingAnswer, 1);
    assert.equal(summary.evidence, 2);
    assert.equal(summary.evidenceOpen, 1);
    assert.equal(summary.evidenceOverdue, 1);
    assert.deepEqual(
      summary.moderated.map((m) => m.themeTitle),
      [safer.title],
    );
  });

  it('reads only the challenge events of a return not yet submitted, still in one statement', async () => {
    await t.database.db
      .update(returns)
      .set({ status: 'in_progress', submittedAt: null, reference: null })
      .where(eq(returns.id, returnId));
    try {
      const { summary, statements } = await summaryFor(COUNCIL_LEAD);
      assert.equal(statements, 1);
      assert.equal(summary.challenges, 0);
      assert.equal(summary.evidence, 0);
      assert.deepEqual(summary.moderated, []);
      assert.equal(summary.returned, null);
      assert.deepEqual(
        summary.events.map((e) => e.title),
        ['Challenge panel'],
      );
    } finally {
      await t.database.db
        .update(returns)
        .set({ status: 'returned', submittedAt: t.clock.now(), reference: 'S11-TEST-1' })
        .where(eq(returns.id, returnId));
    }
  });
});
