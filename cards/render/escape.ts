/**
 * Escaping for text formats. A span from the document is text, never markup: these functions make sure a
 * client shows it as written, whatever characters a person typed.
 */

/**
 * The ASCII punctuation CommonMark (and GitHub's extensions) give meaning to. CommonMark lets any ASCII punctuation
 * be backslash-escaped, so escaping a few more than needed is harmless. `=` is here because a line of `===` under a
 * paragraph turns it into a heading; `&` because `&lt;` would be read as an entity; `"`, `'`, `:` and the like mean
 * nothing outside link syntax, which the escaped brackets already stop.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~<>=&]/g;

/** Backslash-escapes Markdown syntax: `[x](url)` stays text, `***` is not a rule, `<text>` is not a tag. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/**
 * Text inside a code span. Markups have no escape inside a code span (CommonMark would need a longer fence, which
 * not every client understands), so a backtick, which would end the span, becomes the look-alike modifier prime.
 */
export function codeText(text: string): string {
  return text.replace(/`/g, 'ʹ');
}

/** At most `max` characters (UTF-16 units, as the limits count them), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = max - 1;
  // Never keep half of a surrogate pair (an emoji): the lone half would show as a broken character.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Characters that would end a link's syntax, percent-encoded. */
export function percentEncode(url: string, characters: RegExp): string {
  return url.replace(characters, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
