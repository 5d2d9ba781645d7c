/**
 * Uploaded documents (evidence for a request, documents on a question): known by their bytes, never
 * by their declared type, within a size limit. The file's name must agree with what its bytes are,
 * so a download opens in the program its name promises; the name kept is safe in a download header.
 */

export type DocumentKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'ppt' | 'png' | 'jpeg' | 'gif';

export const DOCUMENT_CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

const EXTENSIONS: Record<DocumentKind, string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  doc: ['doc'],
  xls: ['xls'],
  ppt: ['ppt'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
};

/** What a form accepts: the kinds, the most bytes, and both said as the error messages say them. */
export interface DocumentPolicy {
  kinds: readonly DocumentKind[];
  maxBytes: number;
  /** "a PDF, Word, Excel, PNG or JPEG file" */
  kindsText: string;
  /** "5 MB" */
  sizeText: string;
}

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF = [0x47, 0x49, 0x46, 0x38]; // GIF8 (7a or 9a)
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A stream's name in an OLE container's directory (UTF-16LE). */
const oleStream = (name: string) => Buffer.from(name, 'utf16le');
const WORD_STREAM = oleStream('WordDocument');
const EXCEL_STREAMS = [oleStream('Workbook'), oleStream('Book\u0000')];
const POWERPOINT_STREAM = oleStream('PowerPoint Document');

/** What the bytes are, or null for anything else. */
export function sniffDocument(bytes: Buffer): DocumentKind | null {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG) && bytes.length > 16) return 'png';
  if (startsWith(bytes, JPEG) && bytes.length > 4) return 'jpeg';
  if (startsWith(bytes, GIF) && bytes.length > 12 && (bytes[4] === 0x37 || bytes[4] === 0x39)) return 'gif';
  if (startsWith(bytes, ZIP)) {
    // An Office Open XML file is a zip whose entries name its kind ([Content_Types].xml, word/…).
    const head = bytes.toString('latin1');
    if (!head.includes('[Content_Types].xml')) return null;
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    if (head.includes('ppt/')) return 'pptx';
    return null;
  }
  // Word, Excel and PowerPoint 97-2003 share one container: the streams in its directory say which.
  if (startsWith(bytes, OLE) && bytes.length >= 512) {
    if (bytes.includes(WORD_STREAM)) return 'doc';
    if (bytes.includes(POWERPOINT_STREAM)) return 'ppt';
    if (EXCEL_STREAMS.some((s) => bytes.includes(s))) return 'xls';
  }
  return null;
}

export type DocumentCheck =
  | { ok: true; fileName: string; contentType: string }
  | { ok: false; error: string };

/** A file name reduced to letters, digits and a few marks: safe in a Content-Disposition header. */
export function safeFileName(fileName: string, fallback: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return (
    base
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 ._()-]+/g, '-')
      .replace(/^[.\s-]+/, '')
      .slice(-120) || fallback
  );
}

/** Checks an uploaded file against a policy; the message names the problem in the GOV.UK pattern. */
export function checkDocumentFile(
  fileName: string,
  data: Buffer,
  truncated: boolean,
  policy: DocumentPolicy,
): DocumentCheck {
  if (truncated || data.length > policy.maxBytes)
    return { ok: false, error: `The selected file must be smaller than ${policy.sizeText}` };
  if (data.length === 0) return { ok: false, error: 'The selected file is empty' };
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const extension = /\.([A-Za-z0-9]+)$/.exec(base)?.[1]?.toLowerCase() ?? '';
  const kind = sniffDocument(data);
  if (!kind || !policy.kinds.includes(kind) || !EXTENSIONS[kind].includes(extension))
    return { ok: false, error: `The selected file must be ${policy.kindsText}` };
  return {
    ok: true,
    fileName: safeFileName(fileName, `document.${extension}`),
    contentType: DOCUMENT_CONTENT_TYPES[kind],
  };
}

/** A size as people read it: "340 KB", "1.2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
