/** Splitting texts into request-sized parts and putting them back together, in order. */

export interface RequestLimits {
  /** Array elements per request. */
  elements: number;
  /** Characters per request, counted across all target languages. */
  characters: number;
}

/** A text as trimmed parts with the whitespace between them: glue[0] + parts[0] + glue[1] + ... + glue[n]. */
interface SplitText {
  parts: string[];
  glue: string[];
}

interface PartRef {
  /** Index of the text in the caller's list. */
  text: number;
  /** Index of the part in that text. */
  part: number;
  content: string;
}

/** Cuts a text into parts of at most `max` characters, at sentence ends where it can, else at spaces. */
function splitText(text: string, max: number): SplitText {
  const parts: string[] = [];
  const glue: string[] = [];
  let position = 0;
  let whitespace = /^\s*/.exec(text)?.[0] ?? '';
  glue.push(whitespace);
  position = whitespace.length;
  while (position < text.length) {
    let end = text.length;
    if (end - position > max) end = cutPoint(text, position, max);
    const part = text.slice(position, end).trimEnd();
    parts.push(part);
    position += part.length;
    whitespace = /^\s*/.exec(text.slice(position))?.[0] ?? '';
    glue.push(whitespace);
    position += whitespace.length;
  }
  return { parts, glue };
}

function cutPoint(text: string, start: number, max: number): number {
  const window = text.slice(start, start + max);
  const sentenceEnd = lastMatchEnd(window, /[.!?。！？]\s/g);
  if (sentenceEnd > max / 2) return start + sentenceEnd;
  const space = window.search(/\s\S*$/);
  if (space > max / 2) return start + space + 1;
  // No break in sight: cut at the limit, never inside a surrogate pair.
  const code = text.charCodeAt(start + max - 1);
  return start + max - (code >= 0xd800 && code <= 0xdbff ? 1 : 0);
}

function lastMatchEnd(text: string, pattern: RegExp): number {
  let end = -1;
  for (const match of text.matchAll(pattern)) end = (match.index ?? 0) + match[0].length;
  return end;
}

export function join(split: SplitText, translatedParts: string[]): string {
  let result = split.glue[0];
  translatedParts.forEach((part, index) => (result += part + split.glue[index + 1]));
  return result;
}

/**
 * Splits every text and packs the parts into requests that respect the limits, with `targets` target
 * languages multiplying every character. Parts keep their order across requests.
 */
export function planRequests(
  texts: readonly string[],
  targets: number,
  limits: RequestLimits,
): { splits: SplitText[]; requests: PartRef[][] } {
  const budget = Math.floor(limits.characters / targets);
  const splits = texts.map((text) => splitText(text, budget));
  const requests: PartRef[][] = [];
  let current: PartRef[] = [];
  let characters = 0;
  splits.forEach((split, text) =>
    split.parts.forEach((content, part) => {
      if (current.length >= limits.elements || characters + content.length > budget) {
        requests.push(current);
        current = [];
        characters = 0;
      }
      current.push({ text, part, content });
      characters += content.length;
    }),
  );
  if (current.length > 0) requests.push(current);
  return { splits, requests };
}
