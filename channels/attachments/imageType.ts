import type { ImageFormat } from '../../services/imageClassifier/ImageClassifier.js';

/** What an image really is, read from its first bytes: an attachment's claimed type or file name is never trusted. */

/** Bytes needed to tell every supported type apart. */
export const SNIFF_BYTES = 12;

export function sniffImageType(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
  const ascii = (text: string, at = 0) => starts([...text].map((char) => char.charCodeAt(0)), at);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii('GIF87a') || ascii('GIF89a')) return 'gif';
  if (ascii('RIFF') && ascii('WEBP', 8)) return 'webp';
  // "BM" alone is two printable letters; a BMP header also gives a pixel-data offset inside the first KBs.
  if (ascii('BM') && bytes.length >= 14 && bytes[6] === 0 && bytes[7] === 0 && bytes[8] === 0 && bytes[9] === 0) return 'bmp';
  return undefined;
}
