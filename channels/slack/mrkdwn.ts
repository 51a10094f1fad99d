import { percentEncode } from '../../render/escape.js';
import type { TextDialect } from '../../render/TextDialect.js';

/**
 * Slack's only three escapes. Without them `<!channel>` pings everyone and `<https://evil.example|here>` is a link.
 * Also what a link's address needs inside `<url|label>`.
 */
export function escapeMrkdwnEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Zero-width space: invisible, but a formatting character followed by it no longer opens or closes formatting. */
export const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Text for mrkdwn: the three entities, and since mrkdwn has no escape for `*`, `_`, `~` and `` ` ``, each of those
 * is followed by a zero-width space so that `*bold*` written by a person stays as typed.
 */
export function escapeMrkdwn(text: string): string {
  return escapeMrkdwnEntities(text).replace(/[*_~`]/g, `$&${ZERO_WIDTH_SPACE}`);
}

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
