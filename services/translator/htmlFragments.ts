/** Reading the html text type (TranslateOptions.textType): one reader for every backend. */

/** How a protected element starts, exactly as labmate writes it (Azure Translator's documented marker). */
export const PROTECTED_START = '<span class="notranslate">';
const SPAN_END = '</span>';

interface HtmlPiece {
  /** text: HTML text with its character references; tag: one tag; protected: a whole protected element. */
  kind: 'text' | 'tag' | 'protected';
  html: string;
}

/**
 * An html text as its text, tags and protected elements, in order; joining the pieces gives the text back. Linear
 * in the length whatever the input: each search resumes where the last one ended, and a '<' with no '>' after it
 * is text, as a browser reads it. An unclosed protected element runs to the end (it is never translated).
 */
export function htmlPieces(html: string): HtmlPiece[] {
  const pieces: HtmlPiece[] = [];
  let textStart = 0;
  let position = 0;
  const pushText = (end: number) => {
    if (end > textStart) pieces.push({ kind: 'text', html: html.slice(textStart, end) });
  };
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) break;
    if (!/[A-Za-z/!]/.test(html[open + 1] ?? '')) {
      position = open + 1;
      continue;
    }
    const isProtected = html.startsWith(PROTECTED_START, open);
    const end = isProtected ? protectedEnd(html, open + PROTECTED_START.length) : html.indexOf('>', open + 1) + 1;
    if (end === 0) break; // no '>' anywhere after: the rest is text
    pushText(open);
    pieces.push({ kind: isProtected ? 'protected' : 'tag', html: html.slice(open, end) });
    textStart = position = end;
  }
  pushText(html.length);
  return pieces;
}

/** Where the protected element whose content starts at `from` ends, counting spans nested in it. */
function protectedEnd(html: string, from: number): number {
  let depth = 1;
  let position = from;
  for (;;) {
    const next = html.indexOf('<', position);
    if (next < 0) return html.length;
    if (html.startsWith(SPAN_END, next) && --depth === 0) return next + SPAN_END.length;
    if (html.startsWith('<span', next) && /[\s>]/.test(html[next + 5] ?? '')) depth++;
    position = next + 1;
  }
}

/** An html text with some of its markup kept aside, each piece standing in the text as a numbered stand-in. */
interface MarkupAside {
  html: string;
  kept: string[];
}

/** Replaces the pieces of the given kinds with `start` + number + `end`. */
export function setMarkupAside(html: string, kinds: ReadonlyArray<HtmlPiece['kind']>, start: string, end: string): MarkupAside {
  const kept: string[] = [];
  let text = '';
  for (const piece of htmlPieces(html)) {
    if (kinds.includes(piece.kind)) {
      text += `${start}${kept.length}${end}`;
      kept.push(piece.html);
    } else {
      text += piece.html;
    }
  }
  return { html: text, kept };
}

/**
 * The stand-ins replaced by what they stand for, wherever the translation put them (a moved stand-in brings its
 * markup along); one the backend altered stays as it came, for the caller to notice. Linear in the length.
 */
export function restoreMarkup(translated: string, kept: readonly string[], start: string, end: string): string {
  let html = '';
  let position = 0;
  let found: number;
  while ((found = translated.indexOf(start, position)) >= 0) {
    const digits = found + start.length;
    let digitsEnd = digits;
    while (digitsEnd < translated.length && translated[digitsEnd] >= '0' && translated[digitsEnd] <= '9') digitsEnd++;
    const index = Number(translated.slice(digits, digitsEnd));
    const known = digitsEnd > digits && translated.startsWith(end, digitsEnd) && index < kept.length;
    const after = known ? digitsEnd + end.length : digits;
    html += translated.slice(position, found) + (known ? kept[index] : translated.slice(found, after));
    position = after;
  }
  return html + translated.slice(position);
}
