/**
 * An evidence upload: PDF, Word, Excel, PNG or JPEG, known by its bytes (never by its declared type),
 * at most 5 MB. The file's name must agree with what its bytes are, so a download opens in the
 * program its name promises.
 */

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export type EvidenceKind = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'png' | 'jpeg';

export const EVIDENCE_CONTENT_TYPES: Record<EvidenceKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

const EXTENSIONS: Record<EvidenceKind, string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  doc: ['doc'],
  xls: ['xls'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
};

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What the bytes are, or null for anything else. */
export function sniffEvidence(bytes: Buffer, extension: string): EvidenceKind | null {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG) && bytes.length > 16) return 'png';
  if (startsWith(bytes, JPEG) && bytes.length > 4) return 'jpeg';
  if (startsWith(bytes, ZIP)) {
    // An Office Open XML file is a zip whose entries name its kind ([Content_Types].xml, word/…, xl/…).
    const head = bytes.toString('latin1');
    if (!head.includes('[Content_Types].xml')) return null;
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    return null;
  }
  // Word 97-2003 and Excel 97-2003 share one container: its name says which it is.
  if (startsWith(bytes, OLE) && bytes.length >= 512) return extension === 'xls' ? 'xls' : 'doc';
  return null;
}

export type EvidenceCheck =
  | { ok: true; fileName: string; contentType: string }
  | { ok: false; error: string };

/** Checks an uploaded file; the message names the problem in the GOV.UK error pattern. */
export function checkEvidenceFile(fileName: string, data: Buffer, truncated: boolean): EvidenceCheck {
  if (truncated || data.length > EVIDENCE_MAX_BYTES)
    return { ok: false, error: 'The selected file must be smaller than 5 MB' };
  if (data.length === 0) return { ok: false, error: 'The selected file is empty' };
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const extension = /\.([A-Za-z0-9]+)$/.exec(base)?.[1]?.toLowerCase() ?? '';
  const kind = sniffEvidence(data, extension);
  if (!kind || !EXTENSIONS[kind].includes(extension))
    return { ok: false, error: 'The selected file must be a PDF, Word, Excel, PNG or JPEG file' };
  // Kept as a plain name: letters, digits and a few marks, so it is safe in a download header.
  const safe =
    base
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 ._()-]+/g, '-')
      .replace(/^[.\s-]+/, '')
      .slice(-120) || `evidence.${extension}`;
  return { ok: true, fileName: safe, contentType: EVIDENCE_CONTENT_TYPES[kind] };
}

/** A size as people read it: "340 KB", "1.2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
