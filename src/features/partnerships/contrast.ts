/**
 * Colour contrast as WCAG 2.2 defines it (relative luminance of sRGB colours), used to refuse a
 * header colour on which the header's white text would be hard to read.
 */

/** The minimum contrast for normal text at level AA. */
export const MIN_TEXT_CONTRAST = 4.5;

/** `#rrggbb` or `#rgb` (any case, surrounding spaces ignored) as `#rrggbb` lower case; null otherwise. */
export function normaliseHexColour(value: string): string | null {
  const v = value.trim().toLowerCase();
  const long = /^#?([0-9a-f]{6})$/.exec(v);
  if (long) return `#${long[1]}`;
  const short = /^#?([0-9a-f]{3})$/.exec(v);
  if (short) return `#${[...short[1]!].map((c) => c + c).join('')}`;
  return null;
}

function channel(hex: string): number {
  const c = Number.parseInt(hex, 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour: 0 for black, 1 for white. */
export function relativeLuminance(colour: string): number {
  const hex = normaliseHexColour(colour);
  if (!hex) throw new Error(`not a hex colour: ${colour}`);
  const r = channel(hex.slice(1, 3));
  const g = channel(hex.slice(3, 5));
  const b = channel(hex.slice(5, 7));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Whether white text on `background` reaches 4.5:1. */
export function whiteTextReadableOn(background: string): boolean {
  return contrastRatio('#ffffff', background) >= MIN_TEXT_CONTRAST;
}
