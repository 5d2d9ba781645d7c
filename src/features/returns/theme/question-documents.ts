/**
 * What may be attached to a question: PDF, Word, Excel, PowerPoint and images, 10 MB each, known by
 * their bytes; a return holds at most 50 documents and 100 MB in all (offered ones from last year
 * included, so keeping them never goes past the cap).
 */
import type { DbOrTx } from '../../../db/client.ts';
import type { DocumentInfo, QuestionDocument } from '../../../domain/question-documents.repository.ts';
import {
  documentsByQuestion,
  listQuestionsDocuments,
  questionDocumentInfo,
  RETURN_DOCUMENTS_MAX,
  RETURN_DOCUMENTS_MAX_BYTES,
} from '../../../domain/question-documents.repository.ts';
import type { DocumentPolicy } from '../../../lib/document-files.ts';
import { HttpError } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { LIMITS } from '../../templates/draft-rules.ts';
import type { ThemeInfo } from '../return-structure.ts';
import type { ReturnContext } from '../returns.repository.ts';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from './theme.form.ts';

/** What a documents route did, said once on the theme page it returns to. */
export type DocumentDone = 'attached' | 'removed' | 'restored' | 'kept';

/** The buttons that change a document already on the return. */
export type DocumentAction = 'remove' | 'restore' | 'keep';

const backToTheme = (url: string) => [{ text: 'Go back to the theme', href: url }];
const NOTHING_LOST = 'What you typed on the theme page is kept there, not saved yet.';

/** A document no longer on the return (removed for good, or never there): 404. */
export const documentGone = (action: DocumentAction, url: string) =>
  new HttpError(
    404,
    'Document not found',
    `${
      action === 'restore'
        ? 'This document can no longer be put back: only the last document you removed can be.'
        : 'This document is no longer on the return: someone may have removed it.'
    } ${NOTHING_LOST}`,
    backToTheme(url),
  );

/**
 * A document someone else changed first (or, putting it back, one the return has no room for): 409,
 * saying what it is now; nothing was changed.
 */
export function documentConflict(
  action: DocumentAction,
  now: DocumentInfo,
  url: string,
  capRefusal?: string,
): HttpError {
  const name = now.fileName;
  const what = capRefusal
    ? `${name} was not put back. ${capRefusal}.`
    : action === 'remove'
      ? `${name} had already been removed, by someone else or on another page, so nothing changed. Whoever removed it can still put it back.`
      : action === 'restore'
        ? `${name} is already back on the return (someone put it back first), so nothing changed.`
        : now.removed
          ? `${name} was removed before you kept it, so it was not kept. Whoever removed it can still put it back.`
          : `${name} had already been kept, so nothing changed.`;
  return new HttpError(
    409,
    'The document changed before you did',
    `${what} ${NOTHING_LOST}`,
    backToTheme(url),
  );
}

export interface ThemeDocumentsModel {
  returnId: string;
  themeId: string;
  /** Each question's documents, offered ones (from last year's return) included. */
  byQuestion: ReadonlyMap<string, readonly QuestionDocument[]>;
  errors?: FormErrors | undefined;
  notice?: { done: DocumentDone; fileName: string; documentId: string } | undefined;
}

export const QUESTION_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const QUESTION_DOCUMENTS: DocumentPolicy = {
  kinds: ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'png', 'jpeg', 'gif'],
  maxBytes: QUESTION_DOCUMENT_MAX_BYTES,
  kindsText: 'a PDF, Word, Excel, PowerPoint, PNG, JPEG or GIF file',
  sizeText: '10 MB',
};

/** The most bytes the hidden field of what the theme page showed can take (see form-version.ts). */
export const THEME_SHOWN_MAX_BYTES = 200_000;

/**
 * The most bytes of text the theme form can send ("Attach" posts all of it): the largest theme a
 * template may have (40 questions), each question's five long fields (the reason, comments, impact,
 * area for development, a text answer) and two short ones full, of characters of three bytes each,
 * with every option of a "choose any" question ticked and its dates; the rating's two long fields;
 * and the hidden field of what the page showed. About 3.5 MB: a body's text past it is refused
 * unread.
 */
export const THEME_FORM_MAX_BYTES =
  LIMITS.questions * 3 * (5 * LONG_TEXT_MAX + 2 * SHORT_TEXT_MAX + LIMITS.options * 100 + 500) +
  3 * 2 * LONG_TEXT_MAX +
  THEME_SHOWN_MAX_BYTES +
  10_000;

/** Why a return cannot take a document of `size` bytes more, or null when it can. */
export function returnCapRefusal(totals: { count: number; bytes: number }, size: number): string | null {
  if (totals.count >= RETURN_DOCUMENTS_MAX)
    return `A return can have up to ${RETURN_DOCUMENTS_MAX} documents. Remove one before attaching another`;
  if (totals.bytes + size > RETURN_DOCUMENTS_MAX_BYTES)
    return `The documents on a return must be smaller than ${RETURN_DOCUMENTS_MAX_BYTES / (1024 * 1024)} MB in all. Remove one before attaching another`;
  return null;
}

/** The theme page's documents: each question's, and what the last documents route did. */
export async function loadThemeDocuments(
  db: DbOrTx,
  ctx: Pick<ReturnContext, 'id' | 'partnershipId'>,
  theme: ThemeInfo,
  query: unknown,
  errors?: FormErrors,
): Promise<ThemeDocumentsModel> {
  const ids = new Set(theme.questions.map((q) => q.id));
  const documents = await listQuestionsDocuments(db, ctx.partnershipId, ctx.id, [...ids]);
  const q = (query ?? {}) as Record<string, unknown>;
  let notice: ThemeDocumentsModel['notice'];
  const done = typeof q.done === 'string' && q.done in DONE ? (q.done as DocumentDone) : null;
  if (done && typeof q.document === 'string' && isUuid(q.document)) {
    const info = await questionDocumentInfo(db, ctx.partnershipId, ctx.id, q.document);
    if (info && ids.has(info.questionId) && info.removed === (done === 'removed'))
      notice = { done, fileName: info.fileName, documentId: q.document };
  }
  return {
    returnId: ctx.id,
    themeId: theme.id,
    byQuestion: documentsByQuestion(documents),
    errors,
    notice,
  };
}

const DONE: Record<DocumentDone, true> = { attached: true, removed: true, restored: true, kept: true };
