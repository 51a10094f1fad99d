/** Cutting a long text into documents the service accepts, and documents into per-request batches. */

export interface TextPart {
  text: string;
  /** Where the part starts in the whole text, to shift offsets back. */
  offset: number;
}

/** Azure AI Language's per-document limit, in characters. */
const MAX_DOCUMENT_CHARS = 5120;

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Splits on sentence boundaries; a sentence longer than the limit is cut at a space, or hard when it has none. */
export function splitIntoDocuments(text: string, maxChars = MAX_DOCUMENT_CHARS): TextPart[] {
  if (text.length <= maxChars) return [{ text, offset: 0 }];
  const parts: TextPart[] = [];
  let current: TextPart | undefined;
  for (const { segment, index } of sentenceSegmenter.segment(text)) {
    for (const piece of cutLongSentence(segment, index, maxChars)) {
      if (current && current.text.length + piece.text.length <= maxChars) {
        current.text += piece.text;
      } else {
        if (current) parts.push(current);
        current = { ...piece };
      }
    }
  }
  if (current) parts.push(current);
  return parts;
}

function cutLongSentence(sentence: string, offset: number, maxChars: number): TextPart[] {
  const pieces: TextPart[] = [];
  let start = 0;
  while (sentence.length - start > maxChars) {
    const window = sentence.slice(start, start + maxChars);
    const lastSpace = window.lastIndexOf(' ');
    const cut = lastSpace > 0 ? lastSpace + 1 : maxChars;
    pieces.push({ text: sentence.slice(start, start + cut), offset: offset + start });
    start += cut;
  }
  pieces.push({ text: sentence.slice(start), offset: offset + start });
  return pieces;
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
