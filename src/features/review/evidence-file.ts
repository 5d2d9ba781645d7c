/** An evidence upload in answer to a request: PDF, Word, Excel, PNG or JPEG, at most 5 MB. */
import { checkDocumentFile, type DocumentCheck, type DocumentPolicy } from '../../lib/document-files.ts';

export { formatFileSize } from '../../lib/document-files.ts';

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export const EVIDENCE_FILES: DocumentPolicy = {
  kinds: ['pdf', 'docx', 'xlsx', 'doc', 'xls', 'png', 'jpeg'],
  maxBytes: EVIDENCE_MAX_BYTES,
  kindsText: 'a PDF, Word, Excel, PNG or JPEG file',
  sizeText: '5 MB',
};

/** Checks an uploaded file; the message names the problem in the GOV.UK error pattern. */
export const checkEvidenceFile = (fileName: string, data: Buffer, truncated: boolean): DocumentCheck =>
  checkDocumentFile(fileName, data, truncated, EVIDENCE_FILES);
