import { percentEncode } from './escape.js';
import type { TextDialect } from './TextDialect.js';

/**
 * Slack's only three escapes. Without them `<!channel>` pings everyone and `<https://evil.example|here>` is a link.
 * Also what a link's address needs inside `<url|label>`.
 */
function escapeMrkdwnEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Zero-width space: invisible, but a formatting character followed by it no longer opens or closes formatting. */
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Text for mrkdwn: the three entities, and since mrkdwn has no escape for `*`, `_`, `~` and `` ` ``, each of those
 * that could open or close formatting is followed by a zero-width space, so that `*bold*` written by a person stays
 * as typed. One between two letters or digits (`Standard_NC6`) cannot, and is left alone: it copies cleanly.
 */
export function escapeMrkdwn(text: string): string {
  const escaped = escapeMrkdwnEntities(text);
  let result = '';
  for (let index = 0; index < escaped.length; index++) {
    const char = escaped[index];
    result += char;
    if (MARKERS.has(char) && !(WORD.test(escaped[index - 1] ?? '') && WORD.test(escaped[index + 1] ?? ''))) result += ZERO_WIDTH_SPACE;
  }
  return result;
}

const MARKERS = new Set(['*', '_', '~', '`']);
const WORD = /^[\p{L}\p{N}]$/u;

/** Slack truncates a message's text at 40,000 characters. */
export const MAX_MRKDWN_LENGTH = 39_000;

/** Slack's mrkdwn (not Markdown): `*bold*`, `<url|label>`, a line break per newline. */
export const MRKDWN: TextDialect = {
  strong: '*',
  emphasis: '_',
  bullet: '• ',
  escape: escapeMrkdwn,
  codeBody: escapeMrkdwnEntities,
  link: (label, href) => `<${escapeMrkdwnEntities(percentEncode(href, /[\s|]/g))}|${label}>`,
  factsInOneParagraph: true,
  unindent: false,
  limit: MAX_MRKDWN_LENGTH,
  measure: (text) => text.length,
};
