/**
 * A markup for chat text: how it marks strong and emphasis, writes a link and a code span, and escapes what a
 * person wrote. The text renderer is written once against this; each format is one dialect.
 */
export interface TextDialect {
  /** Around strong text (`**`) and emphasised text (`_`). */
  strong: string;
  emphasis: string;
  /** Before each bullet line. */
  bullet: string;
  /** A span's text as text: nothing in it may become markup, a link or a mention. */
  escape(text: string): string;
  /** A code span's body (already free of the code marker). */
  codeBody(text: string): string;
  /** labmate's own link, with an escaped label. */
  link(label: string, href: string): string;
  /** Facts on one line each, in one paragraph (a client that breaks lines at newlines), or one paragraph each. */
  factsInOneParagraph: boolean;
  /** The text may not start lines with spaces (Markdown reads four of them as a code block). */
  unindent: boolean;
  /** The most a message may hold, and how it is counted. */
  limit: number;
  measure(text: string): number;
}
