/**
 * The little of fontkit (pdfkit's font reader) that `pdf.ts` uses: whether a face draws a character,
 * and a face read once, which pdfkit takes in place of the file (it lays text out with `layout`).
 */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Buffer): Font;
}
