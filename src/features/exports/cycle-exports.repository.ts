/** Cycle exports and their files, kept for a limited time for the partnership that asked. */
import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  type CycleExportFormat,
  type CycleExportStatus,
  cycleExportChunks,
  cycleExports,
  users,
} from '../../db/schema.ts';

/** How long a finished export's file is kept. */
export const EXPORT_KEPT_DAYS = 7;

export interface ExportSummary {
  id: string;
  partnershipId: string;
  cycleId: string;
  format: CycleExportFormat;
  status: CycleExportStatus;
  returnsTotal: number;
  returnsDone: number;
  rowCount: number | null;
  fileName: string | null;
  error: string | null;
  requestedByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date;
}

const SUMMARY = {
  id: cycleExports.id,
  partnershipId: cycleExports.partnershipId,
  cycleId: cycleExports.cycleId,
  format: cycleExports.format,
  status: cycleExports.status,
  returnsTotal: cycleExports.returnsTotal,
  returnsDone: cycleExports.returnsDone,
  rowCount: cycleExports.rowCount,
  fileName: cycleExports.fileName,
  error: cycleExports.error,
  requestedByName: users.name,
  createdAt: cycleExports.createdAt,
  finishedAt: cycleExports.finishedAt,
  expiresAt: cycleExports.expiresAt,
};

/** The partnership's export of the cycle, while it has not expired. */
const ownExport = (partnershipId: string, cycleId: string, exportId: string, now: Date) =>
  and(
    eq(cycleExports.id, exportId),
    eq(cycleExports.partnershipId, partnershipId),
    eq(cycleExports.cycleId, cycleId),
    gt(cycleExports.expiresAt, now),
  );

export async function createExport(
  db: DbOrTx,
  values: {
    partnershipId: string;
    cycleId: string;
    requestedBy: string;
    format: CycleExportFormat;
    returnsTotal: number;
    now: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(cycleExports)
    .values({
      partnershipId: values.partnershipId,
      cycleId: values.cycleId,
      requestedBy: values.requestedBy,
      format: values.format,
      returnsTotal: values.returnsTotal,
      createdAt: values.now,
      expiresAt: new Date(values.now.getTime() + EXPORT_KEPT_DAYS * 86_400_000),
    })
    .returning({ id: cycleExports.id });
  return row!.id;
}

/** The partnership's exports of the cycle that have not expired, newest first. */
export async function listExports(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  now: Date,
): Promise<ExportSummary[]> {
  return db
    .select(SUMMARY)
    .from(cycleExports)
    .leftJoin(users, eq(users.id, cycleExports.requestedBy))
    .where(
      and(
        eq(cycleExports.partnershipId, partnershipId),
        eq(cycleExports.cycleId, cycleId),
        gt(cycleExports.expiresAt, now),
      ),
    )
    .orderBy(desc(cycleExports.createdAt), desc(cycleExports.id))
    .limit(20);
}

/** One export of the partnership's, if it exists and has not expired. */
export async function findExport(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  exportId: string,
  now: Date,
): Promise<ExportSummary | null> {
  const [row] = await db
    .select(SUMMARY)
    .from(cycleExports)
    .leftJoin(users, eq(users.id, cycleExports.requestedBy))
    .where(ownExport(partnershipId, cycleId, exportId, now));
  return row ?? null;
}

/** A finished export's file, for the partnership that asked: its size, and its bytes a piece at a time. */
export async function loadExportFile(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  exportId: string,
  now: Date,
): Promise<{
  fileName: string;
  format: CycleExportFormat;
  size: number;
  chunks: () => AsyncGenerator<Buffer>;
} | null> {
  const [row] = await db
    .select({
      fileName: cycleExports.fileName,
      format: cycleExports.format,
      size: sql<number>`(select coalesce(sum(octet_length(${cycleExportChunks.data})), 0)
        from ${cycleExportChunks} where ${cycleExportChunks.exportId} = ${cycleExports.id}
        and ${cycleExportChunks.partnershipId} = ${cycleExports.partnershipId})`.mapWith(Number),
    })
    .from(cycleExports)
    .where(and(ownExport(partnershipId, cycleId, exportId, now), eq(cycleExports.status, 'done')));
  if (!row?.fileName) return null;
  return {
    fileName: row.fileName,
    format: row.format,
    size: row.size,
    chunks: () => exportFileChunks(db, partnershipId, exportId),
  };
}

/** The pieces of an export's file in order, each read when the one before has been used. */
async function* exportFileChunks(
  db: DbOrTx,
  partnershipId: string,
  exportId: string,
): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [piece] = await db
      .select({ data: cycleExportChunks.data })
      .from(cycleExportChunks)
      .where(
        and(
          eq(cycleExportChunks.exportId, exportId),
          eq(cycleExportChunks.partnershipId, partnershipId),
          eq(cycleExportChunks.seq, seq),
        ),
      );
    if (!piece) return;
    yield piece.data;
  }
}

/**
 * The size of the pieces an export's file is stored in. The embedded database takes a large value
 * at a cost in memory out of proportion to its size (5 MB stored as 1 MiB pieces grew the process
 * by some 250 MB, as 256 KiB pieces by 60 to 90 MB); for PostgreSQL it is only more rows.
 */
export const EXPORT_CHUNK_BYTES = 256 * 1024;

/**
 * Stores an export's file as it is made: `write` holds the bytes until a piece is full and stores
 * it (resolving when stored), `end` stores the rest and gives the file's size. Pieces left by an
 * earlier attempt at the same export are deleted first, when the store is opened.
 */
export async function openExportFileStore(
  db: DbOrTx,
  exportId: string,
  partnershipId: string,
): Promise<{ write: (bytes: Uint8Array) => Promise<void>; end: () => Promise<number> }> {
  await deleteExportFile(db, exportId);
  let seq = 0;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let total = 0;
  const store = (data: Buffer) =>
    db.insert(cycleExportChunks).values({ exportId, partnershipId, seq: seq++, data });
  return {
    async write(bytes) {
      held.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      heldBytes += bytes.byteLength;
      total += bytes.byteLength;
      while (heldBytes >= EXPORT_CHUNK_BYTES) {
        const all = Buffer.concat(held, heldBytes);
        held = [all.subarray(EXPORT_CHUNK_BYTES)];
        heldBytes -= EXPORT_CHUNK_BYTES;
        await store(all.subarray(0, EXPORT_CHUNK_BYTES));
      }
    },
    async end() {
      if (heldBytes > 0) await store(Buffer.concat(held, heldBytes));
      held = [];
      heldBytes = 0;
      return total;
    },
  };
}

/** Deletes an export's file (an unfinished or failed attempt's pieces). */
async function deleteExportFile(db: DbOrTx, exportId: string): Promise<void> {
  await db.delete(cycleExportChunks).where(eq(cycleExportChunks.exportId, exportId));
}

/** An export of the same format being prepared for the partnership, asked for in the last hour. */
export async function findExportInProgress(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  format: CycleExportFormat,
  now: Date,
): Promise<string | null> {
  const [row] = await db
    .select({ id: cycleExports.id })
    .from(cycleExports)
    .where(
      and(
        eq(cycleExports.partnershipId, partnershipId),
        eq(cycleExports.cycleId, cycleId),
        eq(cycleExports.format, format),
        inArray(cycleExports.status, ['queued', 'running']),
        // One stuck for an hour (its worker stopped mid-way) does not hold up a new one.
        gt(cycleExports.createdAt, new Date(now.getTime() - 3_600_000)),
      ),
    )
    .orderBy(desc(cycleExports.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/** The export a job works on (the job carries only its id; the row says whose it is). */
export async function findExportForJob(db: DbOrTx, exportId: string) {
  const [row] = await db
    .select({
      id: cycleExports.id,
      partnershipId: cycleExports.partnershipId,
      cycleId: cycleExports.cycleId,
      format: cycleExports.format,
      status: cycleExports.status,
      expiresAt: cycleExports.expiresAt,
    })
    .from(cycleExports)
    .where(eq(cycleExports.id, exportId));
  return row ?? null;
}

export async function markRunning(db: DbOrTx, exportId: string, returnsTotal: number, now: Date) {
  await db
    .update(cycleExports)
    .set({ status: 'running', startedAt: now, returnsTotal, returnsDone: 0, error: null })
    .where(eq(cycleExports.id, exportId));
}

export async function recordProgress(db: DbOrTx, exportId: string, returnsDone: number) {
  await db.update(cycleExports).set({ returnsDone }).where(eq(cycleExports.id, exportId));
}

/**
 * Marks a running export done; gives false, and deletes its pieces, when it is no longer running:
 * failed meanwhile (another instance starting fails every running export and deletes the pieces
 * written so far), so the pieces stored after that are not a whole file.
 */
export async function markDone(
  db: DbOrTx,
  exportId: string,
  file: { fileName: string; rowCount: number },
  now: Date,
): Promise<boolean> {
  const done = await db
    .update(cycleExports)
    .set({
      status: 'done',
      fileName: file.fileName,
      rowCount: file.rowCount,
      returnsDone: sql`${cycleExports.returnsTotal}`,
      finishedAt: now,
      error: null,
    })
    .where(and(eq(cycleExports.id, exportId), eq(cycleExports.status, 'running')))
    .returning({ id: cycleExports.id });
  if (done.length === 0) await deleteExportFile(db, exportId);
  return done.length > 0;
}

/** Fails the export; the pieces of its file written so far are deleted. */
export async function markFailed(db: DbOrTx, exportId: string, error: string, now: Date) {
  await deleteExportFile(db, exportId);
  await db
    .update(cycleExports)
    .set({ status: 'failed', error: error.slice(0, 500), finishedAt: now })
    .where(eq(cycleExports.id, exportId));
}

/** Notes an attempt's error; the export waits again (queued) for the job's next try. */
export async function requeueAfterError(db: DbOrTx, exportId: string, error: string) {
  await db
    .update(cycleExports)
    .set({ status: 'queued', error: error.slice(0, 500) })
    .where(and(eq(cycleExports.id, exportId), eq(cycleExports.status, 'running')));
}

/**
 * Fails every export still running, deleting what was written of their files (of all partnerships:
 * housekeeping at start-up). Gives how many.
 */
export async function failRunningExports(db: DbOrTx, error: string, now: Date): Promise<number> {
  const rows = await db
    .update(cycleExports)
    .set({ status: 'failed', error: error.slice(0, 500), finishedAt: now })
    .where(eq(cycleExports.status, 'running'))
    .returning({ id: cycleExports.id });
  if (rows.length > 0)
    await db.delete(cycleExportChunks).where(
      inArray(
        cycleExportChunks.exportId,
        rows.map((r) => r.id),
      ),
    );
  return rows.length;
}

/** Deletes every expired export and its file (of all partnerships: housekeeping, no data is read). */
export async function purgeExpiredExports(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(cycleExports).where(lt(cycleExports.expiresAt, now));
}
