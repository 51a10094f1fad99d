import type { RgbImage } from './ImageClassifier.js';

/**
 * Packed RGB shrunk to fit within `box` x `box` (shape kept) by area averaging: each output pixel is the mean of
 * the source area it covers, fractional edges weighted by how much of them it covers. For a thumbnail of pixels
 * already decoded this is half a millisecond of plain JS, where a sharp resize of the same 224 x 224 costs more than
 * a millisecond of libvips set-up and filtering (measured). An image that already fits comes back as it is.
 */
export function shrinkToFit(image: RgbImage, box: number): RgbImage {
  const { width, height, rgb } = image;
  if (width <= box && height <= box) return image;
  const scale = Math.min(box / width, box / height);
  const targetWidth = Math.max(1, Math.round(width * scale));
  const targetHeight = Math.max(1, Math.round(height * scale));
  const columns = new AreaWeights(width, targetWidth);
  const rows = new AreaWeights(height, targetHeight);

  // One output row at a time: the source rows it covers, each summed across into the row's totals by its share. A
  // source row on the edge between two output rows is read twice, which costs less than keeping every row's sums.
  const shrunk = new Uint8Array(targetWidth * targetHeight * 3);
  const totals = new Float64Array(targetWidth * 3);
  for (let y = 0; y < targetHeight; y++) {
    totals.fill(0);
    for (let rowTap = 0; rowTap < rows.taps; rowTap++) {
      const rowShare = rows.weights[y * rows.taps + rowTap];
      if (rowShare === 0) break;
      const rowStart = (rows.first[y] + rowTap) * width * 3;
      for (let x = 0; x < targetWidth; x++) {
        let red = 0;
        let green = 0;
        let blue = 0;
        let at = rowStart + columns.first[x] * 3;
        for (let tap = x * columns.taps, end = tap + columns.taps; tap < end; tap++, at += 3) {
          const share = columns.weights[tap];
          if (share === 0) break;
          red += rgb[at] * share;
          green += rgb[at + 1] * share;
          blue += rgb[at + 2] * share;
        }
        totals[x * 3] += red * rowShare;
        totals[x * 3 + 1] += green * rowShare;
        totals[x * 3 + 2] += blue * rowShare;
      }
    }
    // A Uint8Array store truncates (so + 0.5 rounds) and wraps past 255 (so the cap, against rounding error).
    const rowAt = y * targetWidth * 3;
    for (let at = 0; at < totals.length; at++) shrunk[rowAt + at] = Math.min(255, totals[at] + 0.5);
  }
  return { width: targetWidth, height: targetHeight, rgb: shrunk };
}

/**
 * For each of `target` output positions: the first source position it covers (`first`) and each covered one's
 * share of it (`weights`, `taps` per position, summing to 1, zero after the last covered one).
 */
class AreaWeights {
  readonly first: Int32Array;
  readonly weights: Float64Array;
  readonly taps: number;

  constructor(source: number, target: number) {
    const span = source / target;
    this.taps = Math.ceil(span) + 1;
    this.first = new Int32Array(target);
    this.weights = new Float64Array(target * this.taps);
    for (let index = 0; index < target; index++) {
      const start = index * span;
      const end = start + span;
      const first = Math.floor(start);
      const last = Math.min(source, Math.ceil(end));
      this.first[index] = first;
      for (let position = first; position < last; position++) {
        this.weights[index * this.taps + position - first] = (Math.min(end, position + 1) - Math.max(start, position)) / span;
      }
    }
  }
}
