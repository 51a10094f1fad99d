/**
 * One line of a document as chat text, in a dialect. Every span is escaped for the dialect; formatting comes only
 * from a span's style, so nothing a person wrote can become a link, a mention, a rule or a tag.
 */
import type { Line, Span } from '../Card.js';
import { codeText } from './escape.js';
import type { TextDialect } from './TextDialect.js';

/** A style applied to the whole line by its place (a heading is bold): spans of that style add no markers. */
type LineStyle = 'strong' | 'emphasis';

/** The line's spans, escaped and styled; `lineStyle` wraps the whole line in that style. */
export function inlineText(line: Line, dialect: TextDialect, lineStyle?: LineStyle): string {
  const text = line.spans.map((span) => spanText(span, dialect, lineStyle)).join('');
  return lineStyle ? wrap(dialect[lineStyle], text) : text;
}

function spanText(span: Span, dialect: TextDialect, lineStyle: LineStyle | undefined): string {
  if (span.text === '') return '';
  if (span.style === 'code') return wrap('`', dialect.codeBody(oneLine(codeText(span.text))));
  const escaped = dialect.escape(span.text);
  const linked = span.href ? dialect.link(escaped, span.href) : escaped;
  const style: LineStyle | undefined = span.style === 'strong' ? 'strong' : span.style === 'plain' ? undefined : 'emphasis';
  return style && style !== lineStyle ? wrap(dialect[style], linked) : linked;
}

/** A code span on one line: its line breaks, with the spaces around them, become one space. Linear in the length. */
function oneLine(text: string): string {
  if (!text.includes('\n')) return text;
  return text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** Markers around the text, with surrounding spaces left outside them (`** bold **` is not bold anywhere). */
function wrap(marker: string, text: string): string {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (end <= start) return text;
  return `${text.slice(0, start)}${marker}${text.slice(start, end)}${marker}${text.slice(end)}`;
}
