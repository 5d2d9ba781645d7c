/** A logo upload: PNG or JPEG, known by its first bytes (never by its name or declared type). */

export const LOGO_MAX_BYTES = 200 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The image's type from its magic bytes, or null when it is neither a PNG nor a JPEG. */
export function sniffLogoType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  // A PNG's signature is followed by its IHDR chunk; a JPEG's SOI by another marker.
  if (startsWith(bytes, PNG_SIGNATURE) && bytes.length > 16) return 'image/png';
  if (startsWith(bytes, JPEG_SIGNATURE) && bytes.length > 4) return 'image/jpeg';
  return null;
}
