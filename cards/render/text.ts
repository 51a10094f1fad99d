/**
 * A document as chat text in a dialect (Markdown here; each channel may bring its own). Every button becomes a
 * command to type.
 */
import { code, data, text, type Action, type Card, type Section } from '../Card.js';
import { renderWithinLimit, textLength } from './limits.js';
import { inlineText } from './inlineText.js';
import { CELL_SEPARATOR, headerLine, rowParts } from './tableText.js';
import type { TextDialect } from './TextDialect.js';

export { MARKDOWN } from './markdownDialect.js';
export type { TextDialect } from './TextDialect.js';

export function renderText(document: Card, dialect: TextDialect): string {
  const fill = (rendered: string) => dialect.measure(rendered) / dialect.limit;
  // Every character of every line is in the text, escaped or not.
  const leastFill = (candidate: Card) => textLength(candidate) / dialect.limit;
  return renderWithinLimit(document, (candidate) => layout(candidate, dialect), fill, leastFill);
}

/** Paragraphs separated by a blank line: the one separator both formats read the same way. */
function layout(document: Card, dialect: TextDialect): string {
  const blocks: string[] = [];
  if (document.title) blocks.push(inlineText(document.title, dialect, 'strong'));
  for (const section of document.sections) blocks.push(...sectionBlocks(section, dialect));
  for (const note of document.notes ?? []) blocks.push(inlineText(note, dialect, 'emphasis'));
  blocks.push(...actionBlocks(document.actions ?? [], dialect));
  // Four spaces at the start of a Markdown line open a code block; Markdown shows no indentation anyway.
  const unindented = dialect.unindent ? blocks.map((block) => block.replace(/^[ \t]+/gm, '')) : blocks;
  return unindented.filter((block) => block !== '').join('\n\n');
}

function sectionBlocks(section: Section, dialect: TextDialect): string[] {
  const { bullet } = dialect;
  const blocks: string[] = [];
  if (section.heading) blocks.push(inlineText(section.heading, dialect, 'strong'));
  for (const value of section.lines ?? []) blocks.push(inlineText(value, dialect));
  if (section.bullets?.length) blocks.push(section.bullets.map((value) => bullet + inlineText(value, dialect)).join('\n'));

  const facts = (section.facts ?? []).map(
    (entry) => `${inlineText({ spans: [...entry.label.spans, text(':')] }, dialect, 'strong')} ${inlineText(entry.value, dialect)}`,
  );
  // Some clients break a line at every newline; Markdown joins lines into one paragraph unless a blank line parts them.
  if (facts.length > 0) blocks.push(...(dialect.factsInOneParagraph ? [facts.join('\n')] : facts));

  if (section.table) {
    blocks.push(inlineText(headerLine(section.table), dialect, 'strong'));
    const rows = section.table.rows.map((row) => {
      const { first, rest } = rowParts(row);
      return `${bullet}${inlineText(first, dialect, 'strong')}${rest ? inlineText({ spans: [data(CELL_SEPARATOR), ...rest.spans] }, dialect) : ''}`;
    });
    if (rows.length > 0) blocks.push(rows.join('\n'));
  }
  blocks.push(...actionBlocks(section.actions ?? [], dialect));
  return blocks;
}

/** Buttons as what to type: a command action's command, or each answer with the button's title beside it. */
function actionBlocks(actions: Action[], dialect: TextDialect): string[] {
  const command = (action: Action) => inlineText({ spans: [code(action.command)] }, dialect);
  const commands = actions.filter((action) => !action.answers).map(command);
  const answers = actions
    .filter((action) => action.answers)
    .map((action) => `${command(action)} ${inlineText({ spans: [data(`(${action.title})`)] }, dialect)}`);
  const blocks: string[] = [];
  if (commands.length > 0) blocks.push(`${inlineText({ spans: [text('Try:')] }, dialect)} ${orList(commands)}.`);
  if (answers.length > 0) blocks.push(`${inlineText({ spans: [text('To answer, reply')] }, dialect)} ${orList(answers)}.`);
  return blocks;
}

/** "a", "a or b", "a, b or c". */
function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
