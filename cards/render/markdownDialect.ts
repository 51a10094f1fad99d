import { escapeMarkdown, percentEncode } from './escape.js';
import { utf8Length } from './limits.js';
import type { TextDialect } from './TextDialect.js';

/** Teams refuses a message over about 28 KB; counted in UTF-8 bytes, which also keeps it under as many characters. */
export const MAX_MARKDOWN_LENGTH = 25_000;

/** CommonMark, as Bot Framework clients that show text read it (Teams text, Web Chat's text mode, Telegram...). */
export const MARKDOWN: TextDialect = {
  strong: '**',
  // `_` rather than `*` for emphasis: next to a strong span's `**`, a `*` would make a run of three.
  emphasis: '_',
  bullet: '- ',
  escape: (text) => escapeMarkdown(oneParagraph(text)),
  codeBody: (text) => text,
  link: (label, href) => `[${label}](${percentEncode(href, /[\s()<>\\]/g)})`,
  factsInOneParagraph: false,
  unindent: true,
  limit: MAX_MARKDOWN_LENGTH,
  measure: utf8Length,
};

/**
 * A blank line inside a span would end the Markdown paragraph (and could open an indented code block): line
 * breaks are kept as single ones, which stay inside the paragraph. Split rather than matched with a pattern, which
 * would backtrack over a long run of spaces.
 */
function oneParagraph(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  const last = lines.length - 1;
  return lines
    .map((line, index) => {
      const start = index === 0 ? line : line.trimStart();
      return index === last ? start : start.trimEnd();
    })
    .filter((line, index) => line !== '' || index === 0 || index === last)
    .join('\n');
}
