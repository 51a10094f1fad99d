/**
 * Lines as Slack `rich_text`. Its text elements are literal: nothing a person wrote becomes markup, a link or a
 * mention, so this is how Block Kit shows a document's lines (Slack recommends it for user-defined text).
 */
import { plainText, type Line, type Span } from '../Card.js';
import type { RichTextBlock, RichTextInline, RichTextSection, RichTextStyle } from './blockKitTypes.js';
import { shortenLine } from './shortenLine.js';

/**
 * Characters in one rich_text block. Slack documents 3,000 for a section's text and no figure for rich_text; the
 * same limit keeps us on the safe side, and longer runs of lines continue in the next block.
 */
export const MAX_RICH_TEXT_LENGTH = 3_000;

/** A line on its own, or one entry of a bulleted list. */
export interface RichTextItem {
  kind: 'line' | 'bullet';
  section: RichTextSection;
  length: number;
  /** The line's length before it was shortened to MAX_RICH_TEXT_LENGTH. */
  fullLength: number;
}

/** A line as a rich-text item; `extra` applies to every span (bold for a heading). */
export function richTextItem(kind: RichTextItem['kind'], value: Line, extra: RichTextStyle = {}): RichTextItem {
  const line = shortenLine(value, MAX_RICH_TEXT_LENGTH);
  const elements = line.spans.filter((span) => span.text !== '').map((span) => inline(span, extra));
  // An empty line still takes its place; Slack refuses a text element with no text.
  if (elements.length === 0) elements.push({ type: 'text', text: ' ' });
  const length = elements.reduce((sum, element) => sum + element.text.length, 0);
  return { kind, section: { type: 'rich_text_section', elements }, length, fullLength: plainText(value).length };
}

/** Items into as few rich_text blocks as the length allows; consecutive bullets share a list. */
export function packRichText(items: RichTextItem[]): RichTextBlock[] {
  const blocks: RichTextBlock[] = [];
  let current: RichTextBlock | undefined;
  let used = 0;
  for (const item of items) {
    if (!current || used + item.length > MAX_RICH_TEXT_LENGTH) {
      current = { type: 'rich_text', elements: [] };
      blocks.push(current);
      used = 0;
    }
    used += item.length;
    const last = current.elements[current.elements.length - 1];
    if (item.kind === 'line') current.elements.push(item.section);
    else if (last?.type === 'rich_text_list') last.elements.push(item.section);
    else current.elements.push({ type: 'rich_text_list', style: 'bullet', elements: [item.section] });
  }
  return blocks;
}

function inline(span: Span, extra: RichTextStyle): RichTextInline {
  const style: RichTextStyle = { ...extra };
  if (span.style === 'strong') style.bold = true;
  if (span.style === 'emphasis' || span.style === 'placeholder') style.italic = true;
  if (span.style === 'code') style.code = true;
  const styled = Object.keys(style).length > 0 ? { style } : {};
  return span.href ? { type: 'link', url: span.href, text: span.text, ...styled } : { type: 'text', text: span.text, ...styled };
}
