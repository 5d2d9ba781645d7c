/**
 * The change history and the record of sent mail are append-only: the app's role may not change or
 * delete them (no privilege, migration 0034), and even the tables' owner is refused by a trigger
 * unless the transaction declares itself an anonymisation (0025, 0028).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { asOwner } from '../../src/db/acting-partnership.ts';
import {
  cycles,
  outgoingMail,
  recordHistory as recordHistoryTable,
  returnHistory,
} from '../../src/db/schema.ts';
import { recordChanges } from '../../src/domain/record-history.repository.ts';
import { anonymisingTransaction } from '../../src/features/privacy/anonymising.ts';
import { recordHistory } from '../../src/features/returns/returns.repository.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** The error PostgreSQL raised, through drizzle's wrapper. */
async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause ?? (e as { code?: string });
    return `${(cause as { code?: string }).code ?? ''} ${(cause as { message?: string }).message ?? String(e)}`;
  }
  return 'allowed';
}

/** Refused to the app's role (no privilege), and to the tables' owner by the table's trigger. */
async function refusedToAppAndOwner(work: () => Promise<unknown>, table: string, op: 'UPDATE' | 'DELETE') {
  assert.match(await refusal(work), new RegExp(`42501 permission denied for table ${table}`));
  assert.match(
    await refusal(() => asOwner(async () => await work())),
    new RegExp(`42501 .*${table} is append-only: ${op} refused`),
  );
}

describe('append-only history and sent mail', () => {
  let t: TestApp;
  let historyId: string;
  let mailId: string;
  before(async () => {
    t = await startTestApp();
    const returnId = t.ids.returnIds.council!;
    await recordHistory(t.database.db, t.ids.partnershipId, returnId, null, t.clock.now(), [
      { event: 'details_changed', field: 'Completer name', oldValue: 'Ann Other', newValue: 'Sam Smith' },
    ]);
    const [h] = await t.database.db
      .select()
      .from(returnHistory)
      .where(eq(returnHistory.newValue, 'Sam Smith'));
    historyId = h!.id;
    await t.app.deps.mailer.send({ to: 'sam@example.org', subject: 'Hello', text: 'Hello Sam Smith' });
    const [m] = await t.database.db.select().from(outgoingMail).where(eq(outgoingMail.to, 'sam@example.org'));
    mailId = m!.id;
  });
  after(() => t.close());

  it('refuses to change or delete a history entry, or to empty the table', async () => {
    const db = t.database.db;
    await refusedToAppAndOwner(
      () => db.update(returnHistory).set({ newValue: 'forged' }).where(eq(returnHistory.id, historyId)),
      'return_history',
      'UPDATE',
    );
    await refusedToAppAndOwner(
      () => db.delete(returnHistory).where(eq(returnHistory.id, historyId)),
      'return_history',
      'DELETE',
    );
    assert.match(await refusal(() => t.database.executeSql('truncate return_history')), /TRUNCATE refused/);
    const [kept] = await db.select().from(returnHistory).where(eq(returnHistory.id, historyId));
    assert.equal(kept?.newValue, 'Sam Smith');
  });

  it('refuses to rewrite or delete a sent mail, but lets delivery record its status', async () => {
    const db = t.database.db;
    await refusedToAppAndOwner(
      () => db.update(outgoingMail).set({ to: 'someone@else.example' }).where(eq(outgoingMail.id, mailId)),
      'outgoing_mail',
      'UPDATE',
    );
    await refusedToAppAndOwner(
      () => db.update(outgoingMail).set({ bodyText: 'changed' }).where(eq(outgoingMail.id, mailId)),
      'outgoing_mail',
      'UPDATE',
    );
    await refusedToAppAndOwner(
      () => db.delete(outgoingMail).where(eq(outgoingMail.id, mailId)),
      'outgoing_mail',
      'DELETE',
    );
    assert.match(await refusal(() => t.database.executeSql('truncate outgoing_mail')), /TRUNCATE refused/);
    await db
      .update(outgoingMail)
      .set({ status: 'sent', attempts: 1, sentAt: t.clock.now() })
      .where(eq(outgoingMail.id, mailId));
    const [kept] = await db.select().from(outgoingMail).where(eq(outgoingMail.id, mailId));
    assert.equal(kept?.status, 'sent');
    assert.equal(kept?.to, 'sam@example.org');
  });

  it('refuses to change, delete or empty the history of guidance pages, reports, settings and draft templates', async () => {
    const db = t.database.db;
    await recordChanges(
      db,
      { partnershipId: t.ids.partnershipId, kind: 'partnership_page', id: 'faq' },
      t.ids.userIds.admin!,
      t.clock.now(),
      [{ field: 'body', oldValue: null, newValue: 'First answer' }],
    );
    const [row] = await db
      .select()
      .from(recordHistoryTable)
      .where(eq(recordHistoryTable.newValue, 'First answer'));
    await refusedToAppAndOwner(
      () =>
        db.update(recordHistoryTable).set({ newValue: 'forged' }).where(eq(recordHistoryTable.id, row!.id)),
      'record_history',
      'UPDATE',
    );
    await refusedToAppAndOwner(
      () => db.delete(recordHistoryTable).where(eq(recordHistoryTable.id, row!.id)),
      'record_history',
      'DELETE',
    );
    assert.match(await refusal(() => t.database.executeSql('truncate record_history')), /TRUNCATE refused/);
    assert.match(
      await refusal(() => t.database.executeSql('truncate template_draft_history')),
      /TRUNCATE refused/,
    );
    const [kept] = await db.select().from(recordHistoryTable).where(eq(recordHistoryTable.id, row!.id));
    assert.equal(kept?.newValue, 'First answer');
  });

  it('lets only a transaction that declares itself an anonymisation rewrite them, and not beyond it', async () => {
    const db = t.database.db;
    await anonymisingTransaction(db, async (tx) => {
      await tx
        .update(returnHistory)
        .set({ newValue: 'Removed person' })
        .where(eq(returnHistory.id, historyId));
      await tx
        .update(outgoingMail)
        .set({ to: 'removed@anonymised.invalid' })
        .where(eq(outgoingMail.id, mailId));
    });
    const [h] = await db.select().from(returnHistory).where(eq(returnHistory.id, historyId));
    assert.equal(h?.newValue, 'Removed person');
    // The owner's role and the setting lasted only for that transaction.
    await refusedToAppAndOwner(
      () => db.update(returnHistory).set({ newValue: 'again' }).where(eq(returnHistory.id, historyId)),
      'return_history',
      'UPDATE',
    );
  });

  it("denies the app's role UPDATE, DELETE and TRUNCATE on every table a trigger makes append-only", async () => {
    // Read from the database, so that a history table added later with its trigger is checked too.
    const { rows } = await t.database.executeSql(
      `select distinct c.relname as table,
              has_table_privilege('s11_app', c.oid, 'UPDATE') as "update",
              has_table_privilege('s11_app', c.oid, 'DELETE') as "delete",
              has_table_privilege('s11_app', c.oid, 'TRUNCATE') as "truncate",
              has_table_privilege('s11_app', c.oid, 'INSERT') as "insert"
         from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
        where not tg.tgisinternal and tg.tgname like '%append_only'
        order by 1`,
    );
    assert.deepEqual(
      rows.map((r) => r.table),
      ['outgoing_mail', 'record_history', 'return_history', 'template_draft_history'],
    );
    for (const r of rows) {
      assert.deepEqual(
        { table: r.table, update: r.update, delete: r.delete, truncate: r.truncate, insert: r.insert },
        { table: r.table, update: false, delete: false, truncate: false, insert: true },
      );
    }
    // Documents on questions are working papers, not history: the agency removes and deletes them.
    const { rows: documents } = await t.database.executeSql(
      `select has_table_privilege('s11_app', 'question_documents', 'UPDATE, DELETE') as changes`,
    );
    assert.equal(documents[0]?.changes, true);
  });

  it('removes the history with its audit when the audit itself is deleted (a cascade)', async () => {
    const db = t.database.db;
    await db.delete(cycles).where(eq(cycles.id, t.ids.cycleId));
    assert.equal((await db.select().from(returnHistory).where(eq(returnHistory.id, historyId))).length, 0);
  });
});
