/**
 * Documents attached to the questions of a return (`question_documents`): listed on the theme page,
 * check-answers, the records and the copy; downloaded by those who may read the return. Every query
 * is scoped by partnership and return. A removed document is kept (`removed_at`) until the same
 * person removes another in the return, so each person's last removal can be undone whoever else
 * removes since; an offered one (carried forward from last year's return) counts only once the
 * agency keeps it.
 */
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import { readRows, statement } from '../db/prepared.ts';
import { questionDocuments, users } from '../db/schema.ts';

/** The most documents one return may hold, and their total size (offered ones included). */
export const RETURN_DOCUMENTS_MAX = 50;
export const RETURN_DOCUMENTS_MAX_BYTES = 100 * 1024 * 1024;

export interface QuestionDocument {
  id: string;
  questionId: string;
  fileName: string;
  contentType: string;
  size: number;
  /** From last year's return, not yet kept by the agency. */
  offered: boolean;
  uploadedByName: string | null;
  createdAt: Date;
}

const summary = {
  id: questionDocuments.id,
  questionId: questionDocuments.questionId,
  fileName: questionDocuments.fileName,
  contentType: questionDocuments.contentType,
  size: questionDocuments.size,
  offered: questionDocuments.offered,
  uploadedByName: users.name,
  createdAt: questionDocuments.createdAt,
};

const ofReturn = (partnershipId: string, returnId: string) =>
  and(eq(questionDocuments.partnershipId, partnershipId), eq(questionDocuments.returnId, returnId));

/** The return's documents (not removed), oldest first; offered ones only with `offered: true`. */
export async function listQuestionDocuments(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  options: { offered?: boolean } = {},
): Promise<QuestionDocument[]> {
  return db
    .select(summary)
    .from(questionDocuments)
    .leftJoin(users, eq(users.id, questionDocuments.uploadedBy))
    .where(
      and(
        ofReturn(partnershipId, returnId),
        isNull(questionDocuments.removedAt),
        options.offered ? undefined : eq(questionDocuments.offered, false),
      ),
    )
    .orderBy(asc(questionDocuments.createdAt), asc(questionDocuments.id));
}

const QUESTIONS_DOCUMENTS = statement(
  'questions_documents',
  `select d.id, d.question_id, d.file_name, d.content_type, d.size, d.offered, u.name as uploaded_by_name,
     d.created_at
   from question_documents d left join users u on u.id = d.uploaded_by
   where d.partnership_id = $1 and d.return_id = $2 and d.question_id = any($3::uuid[]) and d.removed_at is null
   order by d.created_at, d.id`,
);

/**
 * The documents (not removed, offered ones included) of some of the return's questions, oldest
 * first: a theme page's, as a prepared read.
 */
export async function listQuestionsDocuments(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  questionIds: readonly string[],
): Promise<QuestionDocument[]> {
  const rows = await readRows<{
    id: string;
    question_id: string;
    file_name: string;
    content_type: string;
    size: number;
    offered: boolean;
    uploaded_by_name: string | null;
    created_at: Date;
  }>(db, QUESTIONS_DOCUMENTS, [partnershipId, returnId, questionIds]);
  return rows.map((r) => ({
    id: r.id,
    questionId: r.question_id,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    offered: r.offered,
    uploadedByName: r.uploaded_by_name,
    createdAt: r.created_at,
  }));
}

/** Documents by question. */
export function documentsByQuestion(documents: readonly QuestionDocument[]): Map<string, QuestionDocument[]> {
  const byQuestion = new Map<string, QuestionDocument[]>();
  for (const d of documents) byQuestion.set(d.questionId, [...(byQuestion.get(d.questionId) ?? []), d]);
  return byQuestion;
}

/** One document with its bytes (removed ones are not found). */
export async function findQuestionDocument(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  id: string,
): Promise<(QuestionDocument & { data: Buffer }) | null> {
  const [row] = await db
    .select({ ...summary, data: questionDocuments.data })
    .from(questionDocuments)
    .leftJoin(users, eq(users.id, questionDocuments.uploadedBy))
    .where(
      and(
        ofReturn(partnershipId, returnId),
        eq(questionDocuments.id, id),
        isNull(questionDocuments.removedAt),
      ),
    );
  return row ?? null;
}

/** A document's question, name and state, removed or not (for the routes that change it). */
export async function questionDocumentInfo(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  id: string,
): Promise<DocumentInfo | null> {
  const [row] = await db
    .select({
      questionId: questionDocuments.questionId,
      fileName: questionDocuments.fileName,
      size: questionDocuments.size,
      offered: questionDocuments.offered,
      removedAt: questionDocuments.removedAt,
    })
    .from(questionDocuments)
    .where(and(ofReturn(partnershipId, returnId), eq(questionDocuments.id, id)));
  return row
    ? {
        questionId: row.questionId,
        fileName: row.fileName,
        size: row.size,
        offered: row.offered,
        removed: row.removedAt !== null,
      }
    : null;
}

/** A document's question, name, size and state. */
export interface DocumentInfo {
  questionId: string;
  fileName: string;
  size: number;
  offered: boolean;
  removed: boolean;
}

/** How many documents the return holds and their bytes (offered ones included, removed ones not). */
export async function returnDocumentTotals(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<{ count: number; bytes: number }> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      bytes: sql<number>`coalesce(sum(${questionDocuments.size}), 0)::bigint`,
    })
    .from(questionDocuments)
    .where(and(ofReturn(partnershipId, returnId), isNull(questionDocuments.removedAt)));
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export async function addQuestionDocument(
  db: DbOrTx,
  d: {
    partnershipId: string;
    returnId: string;
    questionId: string;
    fileName: string;
    contentType: string;
    data: Buffer;
    uploadedBy: string;
    now: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(questionDocuments)
    .values({
      partnershipId: d.partnershipId,
      returnId: d.returnId,
      questionId: d.questionId,
      fileName: d.fileName,
      contentType: d.contentType,
      size: d.data.length,
      data: d.data,
      uploadedBy: d.uploadedBy,
      createdAt: d.now,
    })
    .returning({ id: questionDocuments.id });
  return row!.id;
}

/**
 * Removes a document so it can still be put back: those the same person removed before it in the
 * return go for good (so do any whose remover is no longer known); another person's removal stays
 * undoable. Its name, or null when it was not there to remove.
 */
export async function removeQuestionDocument(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  id: string,
  removal: { now: Date; by: string },
): Promise<string | null> {
  const removed = await changeDocument(
    db,
    partnershipId,
    returnId,
    id,
    { removedAt: removal.now, removedBy: removal.by },
    isNull(questionDocuments.removedAt),
  );
  // Only once it is removed: a removal refused (someone else's came first) undoes nothing of theirs.
  if (removed)
    await db
      .delete(questionDocuments)
      .where(
        and(
          ofReturn(partnershipId, returnId),
          isNotNull(questionDocuments.removedAt),
          or(eq(questionDocuments.removedBy, removal.by), isNull(questionDocuments.removedBy)),
          ne(questionDocuments.id, id),
        ),
      );
  return removed;
}

/** Sets a document's state where it is in the state `from`: its name, or null when it was not. */
async function changeDocument(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  id: string,
  set: { removedAt?: Date | null; removedBy?: string | null; offered?: boolean },
  from: SQL | undefined,
): Promise<string | null> {
  const [row] = await db
    .update(questionDocuments)
    .set(set)
    .where(and(ofReturn(partnershipId, returnId), eq(questionDocuments.id, id), from))
    .returning({ fileName: questionDocuments.fileName });
  return row?.fileName ?? null;
}

/** Puts back a removed document; its name, or null when there was none to put back. */
export const restoreQuestionDocument = (db: DbOrTx, partnershipId: string, returnId: string, id: string) =>
  changeDocument(
    db,
    partnershipId,
    returnId,
    id,
    { removedAt: null, removedBy: null },
    isNotNull(questionDocuments.removedAt),
  );

/** Keeps a document offered from last year's return as this year's; its name, or null. */
export const keepQuestionDocument = (db: DbOrTx, partnershipId: string, returnId: string, id: string) =>
  changeDocument(
    db,
    partnershipId,
    returnId,
    id,
    { offered: false },
    and(eq(questionDocuments.offered, true), isNull(questionDocuments.removedAt)),
  );

/**
 * Offers a new return the documents of last year's: each kept document of a question carried
 * forward (`fromQuestionId` → `questionId`) is copied, offered until the agency keeps it.
 */
export async function offerCarriedDocuments(
  tx: DbOrTx,
  partnershipId: string,
  from: { returnId: string },
  to: { returnId: string },
  questions: readonly { questionId: string; fromQuestionId: string }[],
  now: Date,
): Promise<number> {
  if (questions.length === 0) return 0;
  const previous = await tx
    .select({ id: questionDocuments.id, questionId: questionDocuments.questionId })
    .from(questionDocuments)
    .where(
      and(
        ofReturn(partnershipId, from.returnId),
        isNull(questionDocuments.removedAt),
        eq(questionDocuments.offered, false),
        inArray(
          questionDocuments.questionId,
          questions.map((q) => q.fromQuestionId),
        ),
      ),
    )
    .orderBy(asc(questionDocuments.createdAt), asc(questionDocuments.id));
  let copied = 0;
  for (const d of previous)
    for (const q of questions.filter((q) => q.fromQuestionId === d.questionId)) {
      // The bytes are copied inside the database, never read into the app.
      await tx.execute(
        sql`insert into question_documents
              (partnership_id, return_id, question_id, file_name, content_type, size, data, uploaded_by,
               carried_forward_from_id, offered, created_at)
            select partnership_id, ${to.returnId}, ${q.questionId}, file_name, content_type, size, data,
                   uploaded_by, id, true, ${now}
            from question_documents where id = ${d.id} and partnership_id = ${partnershipId}`,
      );
      copied += 1;
    }
  return copied;
}

/** Deletes the documents of an audit's returns (the retention rule): how many went. */
export async function deleteDocumentsOfCycle(tx: DbOrTx, cycleId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`with gone as (delete from question_documents
          where return_id in (select id from returns where cycle_id = ${cycleId}) returning 1)
        select count(*)::int as n from gone`,
  );
  return row?.n ?? 0;
}
