import { htmlPieces } from './htmlFragments.js';

/**
 * Plain text and HTML fragments <-> Apertium's stream format, as apertium-destxt / apertium-deshtml and their
 * re- counterparts do it: reserved characters escaped with a backslash; what must pass through untouched
 * (line breaks, tags, protected elements) in superblanks ([...]), which every program of a pipeline copies
 * through in place.
 */

const RESERVED = /[\\^$/[\]{}@<>]/g;

/** Text as stream characters: reserved ones escaped, line breaks in superblanks. */
function escapeText(text: string): string {
  return text.replace(RESERVED, (char) => `\\${char}`).replace(/\r?\n/g, (newline) => `[${newline}]`);
}

export function toStream(text: string): string {
  // A NUL ends a frame in null-flush mode: it must never come from a message.
  // The trailing blank keeps a final full stop: without it the last punctuation is lost at the flush.
  return escapeText(text.replace(/\0/g, '')) + '[]';
}

export function fromStream(stream: string): string {
  let text = '';
  let inBlank = false;
  for (let index = 0; index < stream.length; index++) {
    const char = stream[index];
    if (char === '\\' && index + 1 < stream.length) {
      text += stream[++index];
    } else if (char === '[' && !inBlank) {
      inBlank = true;
    } else if (char === ']' && inBlank) {
      inBlank = false;
    } else {
      text += char;
    }
  }
  return text;
}

/** An HTML fragment in stream format, with its markup kept aside. */
interface HtmlStream {
  stream: string;
  /** Superblank `[n]` in the stream stands for markup[n]. */
  markup: string[];
}

/**
 * Tags, protected elements and character references we do not decode become numbered superblanks: the markup
 * itself stays here, so no part of it can be changed by the pipeline (lrx-proc drops the rest of a frame after a
 * superblank holding an escaped `^` at its end, seen with apertium-eng-spa), and a 25,000-character protected
 * element costs the pipeline three characters. The text between is decoded, then escaped for the stream.
 */
export function htmlToStream(html: string): HtmlStream {
  const markup: string[] = [];
  let stream = '';
  const keep = (piece: string) => {
    stream += `[${markup.length}]`;
    markup.push(piece);
  };
  for (const piece of htmlPieces(html)) {
    if (piece.kind !== 'text') {
      keep(piece.html);
      continue;
    }
    // A NUL ends a frame: none may reach the pipeline (markup never does, so it is kept whole).
    forEachCharacter(piece.html, (text) => (stream += escapeText(text.replace(/\0/g, ''))), keep);
  }
  return { stream: stream + '[]', markup };
}

/** The translated stream as HTML again: text encoded, each numbered superblank replaced by its markup. */
export function htmlFromStream(stream: string, markup: readonly string[]): string {
  let html = '';
  let blank: string | undefined;
  for (let index = 0; index < stream.length; index++) {
    let char = stream[index];
    if (char === '\\' && index + 1 < stream.length) {
      char = stream[++index];
    } else if (char === '[' && blank === undefined) {
      blank = '';
      continue;
    } else if (char === ']' && blank !== undefined) {
      html += /^\d+$/.test(blank) && Number(blank) < markup.length ? markup[Number(blank)] : encodeHtmlText(blank);
      blank = undefined;
      continue;
    }
    if (blank === undefined) html += encodeHtmlText(char);
    else blank += char;
  }
  return html + encodeHtmlText(blank ?? '');
}

/** The words of an HTML fragment, without its markup: what language detection should look at. */
export function htmlProse(html: string): string {
  const words: string[] = [];
  for (const piece of htmlPieces(html)) {
    if (piece.kind === 'text') forEachCharacter(piece.html, (text) => words.push(text), () => words.push(' '));
    else words.push(' ');
  }
  return words.join('');
}

function encodeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Longer than any reference worth reading: a '&' followed by more is text. */
const LONGEST_REFERENCE = 12;

/**
 * Walks HTML text: runs of decoded text go to `text`, character references it does not decode (&nbsp;, &copy;)
 * go to `other` as they are. A '&' that starts no reference is text, as a browser reads it.
 */
function forEachCharacter(html: string, text: (decoded: string) => void, other: (reference: string) => void): void {
  let start = 0;
  let position = 0;
  let end = -1; // the first ';' after position, searched again only once passed: linear in the length
  while ((position = html.indexOf('&', position)) >= 0) {
    if (end < position) end = html.indexOf(';', position);
    if (end < 0) break;
    const name = end - position <= LONGEST_REFERENCE ? html.slice(position + 1, end) : '';
    if (!/^(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*)$/i.test(name)) {
      position++;
      continue;
    }
    if (position > start) text(html.slice(start, position));
    const decoded = decodeReference(name);
    if (decoded === undefined) other(html.slice(position, end + 1));
    else text(decoded);
    start = position = end + 1;
  }
  if (start < html.length) text(html.slice(start));
}

function decodeReference(name: string): string | undefined {
  if (name[0] !== '#') return Object.hasOwn(NAMED_REFERENCES, name) ? NAMED_REFERENCES[name] : undefined;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  // A no-break space stays a reference: as a character it would glue two words into one for Apertium.
  return code > 0 && code <= 0x10ffff && code !== 0xa0 ? String.fromCodePoint(code) : undefined;
}
