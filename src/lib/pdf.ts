/**
 * Writing A4 documents with pdfkit's standard Helvetica: a title block, headings, paragraphs,
 * labelled fields and a footer on every page. Text outside Windows-1252 (rare in returns) is replaced
 * rather than breaking the document.
 */
import PDFDocument from 'pdfkit';

export const PDF_MARGIN = 56;
export const PDF_BLACK = '#0b0c0c';
export const PDF_GREY = '#505a5f';
export const PDF_RED = '#d4351c';

const PDF_EXTRA = new Set(['–', '—', '‘', '’', '“', '”', '•', '…', '€']);

/** Keeps text within what the standard PDF fonts can draw. */
export function pdfText(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    out +=
      ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || PDF_EXTRA.has(ch)
        ? ch
        : '?';
  }
  return out;
}

export interface ParaOptions {
  bold?: boolean;
  size?: number;
  colour?: string;
  indent?: number;
}

export interface PdfWriter {
  doc: PDFKit.PDFDocument;
  /** The width between the margins. */
  width: number;
  /** Starts a new page when fewer than `space` points are left. */
  room(space: number): void;
  heading(text: string, size: number): void;
  para(text: string, options?: ParaOptions): void;
  /** "Label: value", the label bold. */
  field(label: string, value: string, indent?: number): void;
  /** The small grey partnership line and the large bold title at the top of the first page. */
  titleBlock(caption: string, title: string): void;
  /** Writes `footer(page, pages)` at the foot of every page and ends the document. */
  finish(footer: (page: number, pages: number) => string): Promise<Buffer>;
}

export function pdfWriter(info: {
  title: string;
  author: string;
  subject: string;
  generatedAt: Date;
  /** Leave content streams uncompressed (tests read the text). */
  compress?: boolean | undefined;
}): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PDF_MARGIN,
    compress: info.compress ?? true,
    bufferPages: true,
    info: {
      Title: pdfText(info.title),
      Author: pdfText(info.author),
      Subject: pdfText(info.subject),
      Creator: 'Section 11 Audit',
      CreationDate: info.generatedAt,
    },
    lang: 'en-GB',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - PDF_MARGIN * 2;
  const room = (space: number) => {
    if (doc.y > doc.page.height - PDF_MARGIN - space) doc.addPage();
  };
  return {
    doc,
    width,
    room,
    heading(text, size) {
      room(80);
      doc
        .moveDown(0.6)
        .font('Helvetica-Bold')
        .fontSize(size)
        .fillColor(PDF_BLACK)
        .text(pdfText(text), PDF_MARGIN, undefined, { width });
      doc.moveDown(0.3);
    },
    para(text, opts = {}) {
      doc
        .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(opts.size ?? 10)
        .fillColor(opts.colour ?? PDF_BLACK)
        .text(pdfText(text), PDF_MARGIN + (opts.indent ?? 0), undefined, {
          width: width - (opts.indent ?? 0),
        });
    },
    field(label, value, indent = 0) {
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor(PDF_BLACK)
        .text(pdfText(`${label}: `), PDF_MARGIN + indent, undefined, {
          continued: true,
          width: width - indent,
        })
        .font('Helvetica')
        .text(pdfText(value));
    },
    titleBlock(caption, title) {
      doc.font('Helvetica').fontSize(11).fillColor(PDF_GREY).text(pdfText(caption), { width });
      doc.font('Helvetica-Bold').fontSize(20).fillColor(PDF_BLACK).text(pdfText(title), { width });
      doc.moveDown(0.3);
    },
    finish(footer) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font('Helvetica')
          .fontSize(8)
          .fillColor(PDF_GREY)
          .text(pdfText(footer(i + 1, range.count)), PDF_MARGIN, doc.page.height - PDF_MARGIN / 2 - 8, {
            width,
            align: 'center',
            lineBreak: false,
          });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
}
