/**
 * Writing accessible A4 documents with pdfkit: tagged PDF 1.7 (a structure tree of headings,
 * paragraphs, lists and tables with header cells, in reading order; the footers marked as page
 * artefacts), its language and title shown, and Noto Sans embedded (shipped in `assets/fonts`
 * under the SIL Open Font License), so names such as "Łukasz" or "Ŵyn" print as typed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { BoundedCache } from './bounded-cache.ts';

export const PDF_MARGIN = 56;
export const PDF_BLACK = '#0b0c0c';
export const PDF_GREY = '#505a5f';
export const PDF_RED = '#d4351c';

const fontsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../assets/fonts');
const REGULAR = readFileSync(join(fontsFolder, 'NotoSans-Regular.ttf'));
const BOLD = readFileSync(join(fontsFolder, 'NotoSans-Bold.ttf'));
/**
 * Each face read once, for every document: pdfkit reads a font given as a file again for each one,
 * and lays each word out again with it (OpenType tables and all): a third of a findings report's
 * time (issue 21). The regular face is also asked which characters it can draw.
 */
const REGULAR_FACE = fontkit.create(REGULAR);
const BOLD_FACE = fontkit.create(BOLD);
const coverage = REGULAR_FACE;

/** How many words each face keeps laid out between documents (a few MB). */
export const PDF_WORD_LAYOUTS = 5_000;

/**
 * Words laid out with one face, kept from one document to the next, the least recently used let go
 * once there are `limit` (`BoundedCache`). pdfkit lays out each word of a document once (OpenType
 * shaping, its costliest work: about 250 ms of a findings report at 10,000 returns) and keeps it in
 * a cache of its own for that document alone; a layout depends on the face and the word only (the
 * document keeps which glyphs it used apart), so documents share one cache per face. pdfkit reads
 * and writes its cache as an object's properties: `cache` is the bounded cache behind that.
 */
export class WordLayouts {
  private readonly runs: BoundedCache<string, unknown>;
  /** What pdfkit is given as its cache. */
  readonly cache: Record<string, unknown>;
  constructor(limit: number) {
    const runs = new BoundedCache<string, unknown>(limit);
    this.runs = runs;
    this.cache = new Proxy(Object.create(null) as Record<string, unknown>, {
      get: (_, word) => (typeof word === 'string' ? runs.get(word) : undefined),
      set: (_, word, run) => {
        if (typeof word !== 'string') return false;
        runs.set(word, run);
        return true;
      },
    });
  }
  get size(): number {
    return this.runs.size;
  }
}
const REGULAR_LAYOUTS = new WordLayouts(PDF_WORD_LAYOUTS);
const BOLD_LAYOUTS = new WordLayouts(PDF_WORD_LAYOUTS);

/** The words kept laid out, by face (for tests). */
export function pdfWordLayouts(): { body: number; bold: number } {
  return { body: REGULAR_LAYOUTS.size, bold: BOLD_LAYOUTS.size };
}

/** Keeps text within what the embedded font can draw: any other character becomes "?". */
export function pdfText(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    out += ch === '\n' || (code >= 0x20 && coverage.hasGlyphForCodePoint(code)) ? ch : '?';
  }
  return out;
}

export interface ParaOptions {
  bold?: boolean;
  size?: number;
  colour?: string;
  indent?: number;
}

export type PdfCell = string | number | null;

export interface PdfTable {
  headers: string[];
  rows: PdfCell[][];
}

type Struct = PDFKit.PDFStructureElement;

export interface PdfWriter {
  doc: PDFKit.PDFDocument;
  /** The width between the margins. */
  width: number;
  /** Starts a new page when fewer than `space` points are left. */
  room(space: number): void;
  /** A heading of level 2 (sections) to 4, listed in the document outline when level 2. */
  heading(text: string, level: 2 | 3 | 4, options?: { size?: number }): void;
  para(text: string, options?: ParaOptions): void;
  /** "Label: value", the label bold, as one paragraph. */
  field(label: string, value: string, indent?: number): void;
  /** A bulleted or numbered list. */
  list(items: string[], ordered: boolean): void;
  /**
   * A table with a row of column headers. `weights` share out the width left once every column is
   * as wide as its longest word, so no word is ever broken.
   */
  table(table: PdfTable, weights: number[]): void;
  /** The small grey partnership line and the title (the document's one level 1 heading). */
  titleBlock(caption: string, title: string): void;
  /**
   * Writes `footer(page, pages)` on one line at the foot of every page (put what matters most
   * first: a line too long is shortened at its end) and ends the document.
   */
  finish(footer: (page: number, pages: number) => string): Promise<Buffer>;
}

const HEADING_SIZES = { 2: 15, 3: 12, 4: 10.5 } as const;
const CELL_GAP = 6;

export function pdfWriter(info: {
  title: string;
  author: string;
  subject: string;
  generatedAt: Date;
  /** Leave content streams uncompressed. */
  compress?: boolean | undefined;
}): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PDF_MARGIN,
    compress: info.compress ?? true,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'Section 11 Audit',
      CreationDate: info.generatedAt,
    },
  });
  // pdfkit takes a face already read (anything with `layout`), though its types say only a file.
  doc.registerFont('Body', REGULAR_FACE as unknown as Buffer);
  doc.registerFont('Bold', BOLD_FACE as unknown as Buffer);
  // Each face's words laid out in earlier documents (pdfkit's font, made as a face is first used,
  // keeps its cache as `layoutCache`).
  const shareLayouts = (name: string, layouts: WordLayouts) => {
    const font = (doc.font(name) as unknown as { _font: { layoutCache?: unknown } })._font;
    font.layoutCache = layouts.cache;
  };
  shareLayouts('Bold', BOLD_LAYOUTS);
  shareLayouts('Body', REGULAR_LAYOUTS);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - PDF_MARGIN * 2;
  const room = (space: number) => {
    if (doc.y > doc.page.height - PDF_MARGIN - space) doc.addPage();
  };
  /** Adds a structure element to the document (or to `parent`) whose content `draw` writes. */
  const tag = (type: string, draw: () => void, parent: Struct = root) => {
    const element = doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  };
  const para = (text: string, opts: ParaOptions = {}) =>
    tag('P', () => {
      doc
        .font(opts.bold ? 'Bold' : 'Body')
        .fontSize(opts.size ?? 10)
        .fillColor(opts.colour ?? PDF_BLACK)
        .text(pdfText(text), PDF_MARGIN + (opts.indent ?? 0), undefined, {
          width: width - (opts.indent ?? 0),
        });
    });

  /**
   * Sets the footer's font at 8 points, or smaller (down to 6.5) for a long line, and shortens what
   * still does not fit with an ellipsis, so the footer never wraps below the page.
   */
  const oneLine = (text: string) => {
    doc.font('Body');
    let size = 8;
    while (size > 6.5 && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
    doc.fontSize(size);
    let fitted = text;
    while (fitted.length > 1 && doc.widthOfString(`${fitted}…`) > width) fitted = fitted.slice(0, -1);
    return fitted === text ? text : `${fitted.trimEnd()}…`;
  };

  return {
    doc,
    width,
    room,
    heading(text, level, options = {}) {
      room(80);
      doc.moveDown(level === 2 ? 0.6 : 0.4);
      if (level === 2) doc.outline.addItem(text);
      tag(`H${level}`, () => {
        doc
          .font('Bold')
          .fontSize(options.size ?? HEADING_SIZES[level])
          .fillColor(PDF_BLACK)
          .text(pdfText(text), PDF_MARGIN, undefined, { width });
      });
      doc.moveDown(0.3);
    },
    para,
    field(label, value, indent = 0) {
      tag('P', () => {
        doc
          .font('Bold')
          .fontSize(10)
          .fillColor(PDF_BLACK)
          .text(pdfText(`${label}: `), PDF_MARGIN + indent, undefined, {
            continued: true,
            width: width - indent,
          })
          .font('Body')
          .text(pdfText(value));
      });
    },
    list(items, ordered) {
      const list = doc.struct('L');
      root.add(list);
      const labelWidth = 16;
      items.forEach((item, i) => {
        const li = doc.struct('LI');
        list.add(li);
        room(20);
        const y = doc.y;
        tag(
          'Lbl',
          () => {
            doc
              .font('Body')
              .fontSize(10)
              .fillColor(PDF_BLACK)
              .text(ordered ? `${i + 1}.` : '•', PDF_MARGIN + 6, y, { width: labelWidth, lineBreak: false });
          },
          li,
        );
        tag(
          'LBody',
          () => {
            doc
              .font('Body')
              .fontSize(10)
              .text(pdfText(item), PDF_MARGIN + 6 + labelWidth, y, { width: width - 6 - labelWidth });
          },
          li,
        );
        li.end();
      });
      list.end();
      doc.x = PDF_MARGIN;
    },
    table({ headers, rows }, weights) {
      const size = 9;
      // A column's least width is its widest word; a long table repeats most of its words (dates,
      // statuses), so each word is measured once.
      const measured = new Map<string, number>();
      const wordWidth = (word: string, bold: boolean) => {
        const key = `${bold ? 'B' : 'R'}${word}`;
        let w = measured.get(key);
        if (w === undefined) {
          w = doc
            .font(bold ? 'Bold' : 'Body')
            .fontSize(size)
            .widthOfString(word);
          measured.set(key, w);
        }
        return w;
      };
      const widest = (text: string, bold: boolean) => {
        let most = 0;
        for (const w of pdfText(text).split(/\s+/)) most = Math.max(most, wordWidth(w, bold));
        return most;
      };
      const least = headers.map((h, i) =>
        Math.max(widest(h, true), ...rows.map((r) => widest(r[i] === null ? '' : String(r[i]), false))),
      );
      const minimum = least.map((w) => Math.min(w + CELL_GAP + 1, width / headers.length));
      const spare = Math.max(0, width - minimum.reduce((s, w) => s + w, 0));
      const total = weights.reduce((s, w) => s + w, 0);
      const cols = minimum.map((w, i) => w + (spare * weights[i]!) / total);
      const table = doc.struct('Table');
      root.add(table);
      const line = (cells: PdfCell[], header: boolean) => {
        room(30);
        const tr = doc.struct('TR');
        table.add(tr);
        const y = doc.y;
        let x = PDF_MARGIN;
        let bottom = y;
        cells.forEach((c, i) => {
          // pdfkit writes `scope` as the Table attribute Scope; its type definitions omit it.
          const options = (header ? { scope: 'Column' } : {}) as PDFKit.Mixins.StructureElementOptions;
          const cell = doc.struct(header ? 'TH' : 'TD', options);
          tr.add(cell);
          cell.add(() => {
            doc
              .font(header ? 'Bold' : 'Body')
              .fontSize(size)
              .fillColor(PDF_BLACK)
              .text(pdfText(c === null ? '' : String(c)), x, y, { width: cols[i]! - CELL_GAP });
          });
          cell.end();
          bottom = Math.max(bottom, doc.y);
          x += cols[i]!;
        });
        tr.end();
        doc.y = bottom + 3;
      };
      line(headers, true);
      for (const r of rows) line(r, false);
      table.end();
      doc.x = PDF_MARGIN;
      doc.moveDown(0.5);
    },
    titleBlock(caption, title) {
      para(caption, { size: 11, colour: PDF_GREY });
      doc.outline.addItem(title);
      tag('H1', () => {
        doc.font('Bold').fontSize(20).fillColor(PDF_BLACK).text(pdfText(title), { width });
      });
      doc.moveDown(0.3);
    },
    finish(footer) {
      root.end();
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc.markContent('Artifact', { type: 'Pagination' });
        const text = oneLine(pdfText(footer(i + 1, range.count)));
        doc.fillColor(PDF_GREY).text(text, PDF_MARGIN, doc.page.height - PDF_MARGIN / 2 - 8, {
          width,
          align: 'center',
          lineBreak: false,
        });
        doc.endMarkedContent();
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
}

/** Every character a report usually holds: the letters, figures and punctuation of English. */
const WARM_UP_TEXT = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/**
 * Makes a small document of a heading, a paragraph and a table in both faces and throws it away, so
 * that a new process's first real document does not pay for what the first one pays once (the
 * faces' tables read as glyphs are first laid out, and the code compiled): at start, after the
 * server listens, about half a second of work that a person's first findings report (1.2–1.5 s
 * at 10,000 returns) would otherwise wait for.
 */
export async function warmUpPdf(): Promise<void> {
  const w = pdfWriter({ title: 'Warm-up', author: '', subject: '', generatedAt: new Date(0) });
  w.titleBlock(WARM_UP_TEXT, WARM_UP_TEXT);
  w.heading(WARM_UP_TEXT, 2);
  w.para(WARM_UP_TEXT);
  w.para(WARM_UP_TEXT, { bold: true });
  w.field(WARM_UP_TEXT, WARM_UP_TEXT);
  w.list([WARM_UP_TEXT], true);
  w.table({ headers: [WARM_UP_TEXT, 'Red'], rows: [[WARM_UP_TEXT, 1]] }, [3, 1]);
  await w.finish((page, pages) => `${WARM_UP_TEXT} ${page} of ${pages}`);
}
