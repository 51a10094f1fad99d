/**
 * Lines as Adaptive Card RichTextBlocks of TextRuns. A TextRun's text is never read as Markdown, so what a person
 * wrote cannot become a link, a rule (`***`) or an HTML tag that Teams and Web Chat drop (`<text>`).
 */
import type { Fact, Line, Span, Tone } from '../documents/document.js';
import { AC, type AdaptiveCards } from './adaptiveCardSdk.js';

/** How a line looks as a whole, beyond its spans' own styles. */
export interface LineLook {
  bolder?: boolean;
  larger?: boolean;
  subtle?: boolean;
  /** Text before the spans, in the line's tone ("• " for a bullet). */
  prefix?: string;
}

export function richTextBlock(line: Line, look: LineLook = {}): AdaptiveCards.RichTextBlock {
  const block = new AC.RichTextBlock();
  const spans = look.prefix ? [{ text: look.prefix, style: 'plain' as const, translate: false }, ...line.spans] : line.spans;
  for (const run of textRuns(spans, line, look)) block.addInline(run);
  return block;
}

/** "Label: value" in one block, label bold: it wraps in a narrow column, where a FactSet breaks words apart. */
export function factBlock(entry: Fact): AdaptiveCards.RichTextBlock {
  const block = new AC.RichTextBlock();
  const label = [...entry.label.spans, { text: ':', style: 'plain' as const, translate: false }];
  for (const run of textRuns(label, entry.label, { bolder: true })) block.addInline(run);
  for (const run of textRuns([{ text: ' ', style: 'plain', translate: false }, ...entry.value.spans], entry.value, {})) block.addInline(run);
  return block;
}

const COLORS: Record<Exclude<Tone, 'default'>, keyof typeof AdaptiveCards.TextColor> = {
  good: 'Good',
  warning: 'Warning',
  attention: 'Attention',
  accent: 'Accent',
};

function textRuns(spans: Span[], line: Line, look: LineLook): AdaptiveCards.TextRun[] {
  const runs = spans.filter((span) => span.text !== '').map((span) => textRun(span, line, look));
  // An empty line keeps its place (a RichTextBlock with no inlines shows nothing at all).
  return runs.length > 0 ? runs : [new AC.TextRun(' ')];
}

function textRun(span: Span, line: Line, look: LineLook): AdaptiveCards.TextRun {
  const run = new AC.TextRun(span.text);
  if (look.bolder || span.style === 'strong') run.weight = AC.TextWeight.Bolder;
  if (look.larger) run.size = AC.TextSize.Medium;
  if (span.style === 'emphasis' || span.style === 'placeholder') run.italic = true;
  if (span.style === 'code') run.fontType = AC.FontType.Monospace;
  if (line.tone && line.tone !== 'default') run.color = AC.TextColor[COLORS[line.tone]];
  if (look.subtle || line.subtle) run.isSubtle = true;
  if (span.href) {
    // Only labmate writes links (document.ts): never an address taken from a message.
    const open = new AC.OpenUrlAction();
    open.url = span.href;
    run.selectAction = open;
    run.underline = true;
  }
  return run;
}
