/** The little of fontkit (pdfkit's font reader) that `pdf.ts` uses: whether a face draws a character. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
