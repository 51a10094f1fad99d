/**
 * Plain text <-> Apertium's stream format, as apertium-destxt and apertium-retxt do it: reserved characters
 * escaped with a backslash, line breaks kept in superblanks ([...]) so they pass through untouched.
 */

const RESERVED = /[\\^$/[\]{}@<>]/g;

export function toStream(text: string): string {
  // A NUL ends a frame in null-flush mode: it must never come from a message.
  const escaped = text.replace(/\0/g, '').replace(RESERVED, (char) => `\\${char}`);
  // The trailing blank keeps a final full stop: without it the last punctuation is lost at the flush.
  return escaped.replace(/\r?\n/g, (newline) => `[${newline}]`) + '[]';
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
