/**
 * Lines as Adaptive Card RichTextBlocks of TextRuns. A TextRun's text is never read as Markdown, so what a person
 * wrote cannot become a link, a rule (`***`) or an HTML tag that Teams and Web Chat drop (`<text>`).
 */
import { data, type Fact, type Line, type Span, type Tone } from '../Card.js';
import type { RichTextBlock, TextRun } from './adaptiveCardTypes.js';

/** How a line looks as a whole, beyond its spans' own styles. */
interface LineLook {
  bolder?: boolean;
  larger?: boolean;
  subtle?: boolean;
  /** Text before the spans, in the line's tone ("• " for a bullet). */
  prefix?: string;
}

export function richTextBlock(line: Line, look: LineLook = {}): RichTextBlock {
  const spans = look.prefix ? [data(look.prefix), ...line.spans] : line.spans;
  return { type: 'RichTextBlock', inlines: textRuns(spans, line, look) };
}

/** "Label: value" in one block, label bold: it wraps in a narrow column, where a FactSet breaks words apart. */
export function factBlock(entry: Fact): RichTextBlock {
  const label = [...entry.label.spans, data(':')];
  const value = [data(' '), ...entry.value.spans];
  return { type: 'RichTextBlock', inlines: [...textRuns(label, entry.label, { bolder: true }), ...textRuns(value, entry.value, {})] };
}

const COLORS: Record<Exclude<Tone, 'default'>, NonNullable<TextRun['color']>> = {
  good: 'Good',
  warning: 'Warning',
  attention: 'Attention',
  accent: 'Accent',
};

function textRuns(spans: Span[], line: Line, look: LineLook): TextRun[] {
  const runs = spans.filter((span) => span.text !== '').map((span) => textRun(span, line, look));
  // An empty line keeps its place (a RichTextBlock with no inlines shows nothing at all).
  return runs.length > 0 ? runs : [{ type: 'TextRun', text: ' ' }];
}

/** A TextRun with only the properties that differ from the defaults, as the SDK's toJSON() writes it. */
function textRun(span: Span, line: Line, look: LineLook): TextRun {
  const run: TextRun = { type: 'TextRun', text: span.text };
  if (look.larger) run.size = 'Medium';
  if (look.bolder || span.style === 'strong') run.weight = 'Bolder';
  if (line.tone && line.tone !== 'default') run.color = COLORS[line.tone];
  if (look.subtle || line.subtle) run.isSubtle = true;
  if (span.style === 'code') run.fontType = 'Monospace';
  if (span.style === 'emphasis' || span.style === 'placeholder') run.italic = true;
  if (span.href) {
    // Only labmate writes links (document.ts): never an address taken from a message.
    run.underline = true;
    run.selectAction = { type: 'Action.OpenUrl', url: span.href };
  }
  return run;
}
