/**
 * A document as Slack Block Kit, for the direct Slack app. Lines, bullets, headings and tables are `rich_text`
 * (literal text); facts and notes are mrkdwn, escaped, with `verbatim` so Slack adds no links or mentions of its
 * own. Pictures are left out: an image block needs a public address and the pictures people post are private.
 */
import { linesOf, plainText, text, type Action, type Fact, type Line, type Card, type Section } from '../Card.js';
import { clip } from './escape.js';
import { inlineText } from './inlineText.js';
import { renderWithinLimit, textLength } from './limits.js';
import { shortenLine } from './shortenLine.js';
import { CELL_SEPARATOR, headerLine, rowParts } from './tableText.js';
import type { ActionsBlock, Block, ButtonElement, ContextBlock, MrkdwnTextObject, SectionBlock } from './blockKitTypes.js';
import { MAX_RICH_TEXT_LENGTH, packRichText, richTextItem, type RichTextItem } from './blockKitRichText.js';
import { escapeMrkdwn, MRKDWN } from './mrkdwn.js';

export type * from './blockKitTypes.js';

/** The attachment content type that carries blocks through an activity to the Slack adapter. */
export const SLACK_BLOCKS_CONTENT_TYPE = 'application/vnd.slack.blocks';

/** Slack's limits for one message and its parts. */
export const MAX_BLOCKS = 50;
/** Slack truncates a message's text at 40,000 characters; the blocks' texts are held to the same. */
export const MAX_BLOCK_KIT_TEXT = 39_000;
const MAX_HEADER = 150;
const MAX_FIELDS = 10;
const MAX_FIELD = 2_000;
const MAX_MRKDWN = 3_000;
const MAX_BUTTON_TEXT = 75;
const MAX_BUTTON_VALUE = 2_000;
const MAX_BUTTONS = 25;
/** The notification text is a glance, not the message. */
const MAX_NOTIFICATION = 300;

export function renderBlockKit(document: Card): { text: string; blocks: Block[] } {
  // Block Kit shortens a line to no fewer than MAX_HEADER characters (a header's limit, the smallest).
  const leastFill = (candidate: Card) => textLength(candidate, { longest: MAX_HEADER }) / MAX_BLOCK_KIT_TEXT;
  const { text, blocks } = renderWithinLimit(document, build, fill, leastFill);
  return { text, blocks };
}

interface Rendering {
  text: string;
  blocks: Block[];
  /** The longest line put in rich text, before shortening: over the limit, the document is cut with a note. */
  longestLine: number;
}

/** How full a message is: the largest of its shares of the block limit, the text limit and the line limit. */
function fill(rendering: Rendering): number {
  return Math.max(rendering.blocks.length / MAX_BLOCKS, textLengthOf(rendering.blocks) / MAX_BLOCK_KIT_TEXT, rendering.longestLine / MAX_RICH_TEXT_LENGTH);
}

function build(document: Card): Rendering {
  const buttons = buttonMaker();
  const blocks: Block[] = [];
  const items: RichTextItem[] = [];
  if (document.title) blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(plainText(document.title), MAX_HEADER), emoji: false } });
  for (const section of document.sections) blocks.push(...sectionBlocks(section, buttons, items));
  for (const note of document.notes ?? []) blocks.push({ type: 'context', elements: [mrkdwn(note)] } satisfies ContextBlock);
  blocks.push(...actionsBlocks(document.actions ?? [], buttons));
  const first = document.title ?? linesOf(document)[0];
  const longestLine = items.reduce((longest, item) => Math.max(longest, item.fullLength), 0);
  return { text: escapeMrkdwn(clip(first ? plainText(first) : '', MAX_NOTIFICATION)), blocks, longestLine };
}

/** The section's blocks; its rich-text items are also added to `allItems`, to be measured. */
function sectionBlocks(section: Section, buttons: ButtonMaker, allItems: RichTextItem[]): Block[] {
  const items: RichTextItem[] = [];
  if (section.heading) items.push(richTextItem('line', section.heading, { bold: true }));
  for (const value of section.lines ?? []) items.push(richTextItem('line', value));
  for (const value of section.bullets ?? []) items.push(richTextItem('bullet', value));
  const blocks: Block[] = packRichText(items);

  const facts = section.facts ?? [];
  for (let start = 0; start < facts.length; start += MAX_FIELDS) {
    blocks.push({ type: 'section', fields: facts.slice(start, start + MAX_FIELDS).map(field) } satisfies SectionBlock);
  }
  const rows = section.table ? tableItems(section.table.columns.length > 0 ? headerLine(section.table) : undefined, section.table.rows) : [];
  blocks.push(...packRichText(rows));
  allItems.push(...items, ...rows);

  const actions = section.actions ?? [];
  const fieldsBlock = blocks.find((block): block is SectionBlock => block.type === 'section');
  const accessory = actions.length === 1 && fieldsBlock ? buttons.make(actions[0]) : undefined;
  if (fieldsBlock && accessory) fieldsBlock.accessory = accessory;
  else blocks.push(...actionsBlocks(actions, buttons));
  return blocks;
}

/** The column names as a bold line, then a line per row: the first cell bold, the others after a middle dot. */
function tableItems(header: Line | undefined, rows: Line[][]): RichTextItem[] {
  const items = header ? [richTextItem('line', header, { bold: true })] : [];
  for (const row of rows) {
    const { first, rest } = rowParts(row);
    const bold = { spans: first.spans.map((span) => ({ ...span, style: span.style === 'plain' ? ('strong' as const) : span.style })) };
    items.push(richTextItem('line', rest ? { spans: [...bold.spans, text(CELL_SEPARATOR), ...rest.spans] } : bold));
  }
  return items;
}

/** "*Label:* value", shortened from the end of the value until it is within a field's limit. */
function field(entry: Fact): MrkdwnTextObject {
  const label = shortenLine({ spans: [...entry.label.spans, text(':')] }, 200);
  return mrkdwnWithin(MAX_FIELD, (value) => `${inlineText(label, MRKDWN, 'strong')} ${inlineText(value, MRKDWN)}`, entry.value);
}

function mrkdwn(value: Line): MrkdwnTextObject {
  return mrkdwnWithin(MAX_MRKDWN, (shortened) => inlineText(shortened, MRKDWN), value);
}

/**
 * Escaping can make text several times longer (`&` is `&amp;`), so the line is shortened as text and rendered
 * again, rather than cutting the mrkdwn through an escape or a pair of markers.
 */
function mrkdwnWithin(max: number, render: (value: Line) => string, value: Line): MrkdwnTextObject {
  let current = value;
  let rendered = render(current);
  while (rendered.length > max && plainText(current).length > 0) {
    const length = plainText(current).length;
    current = shortenLine(current, Math.floor((length * max) / rendered.length) - 1);
    rendered = render(current);
  }
  return { type: 'mrkdwn', text: clip(rendered, max), verbatim: true };
}

function actionsBlocks(actions: Action[], buttons: ButtonMaker): ActionsBlock[] {
  const elements = actions.map((action) => buttons.make(action)).filter((button): button is ButtonElement => button !== undefined);
  const blocks: ActionsBlock[] = [];
  for (let start = 0; start < elements.length; start += MAX_BUTTONS) blocks.push({ type: 'actions', elements: elements.slice(start, start + MAX_BUTTONS) });
  return blocks;
}

interface ButtonMaker {
  make(action: Action): ButtonElement | undefined;
}

/** Buttons numbered in order: an action_id must be unique within a message. */
function buttonMaker(): ButtonMaker {
  let count = 0;
  return {
    make(action) {
      const value = JSON.stringify({ command: action.command });
      // A shortened command would run something else: one too long for a button's value gets no button.
      if (value.length > MAX_BUTTON_VALUE) return undefined;
      count += 1;
      const style = action.style === 'positive' ? { style: 'primary' as const } : action.style === 'destructive' ? { style: 'danger' as const } : {};
      return { type: 'button', text: { type: 'plain_text', text: clip(action.title, MAX_BUTTON_TEXT), emoji: false }, action_id: `labmate-action-${count}`, value, ...style };
    },
  };
}

/** The characters of every text in the blocks. */
function textLengthOf(blocks: Block[]): number {
  let length = 0;
  const add = (texts: ReadonlyArray<{ text: string } | { text: { text: string } }>) => {
    for (const item of texts) length += typeof item.text === 'string' ? item.text.length : item.text.text.length;
  };
  for (const block of blocks) {
    if (block.type === 'header') add([block.text]);
    else if (block.type === 'section') add(block.accessory ? [...block.fields, block.accessory] : block.fields);
    else if (block.type === 'context') add(block.elements);
    else if (block.type === 'actions') add(block.elements);
    else for (const element of block.elements) for (const section of element.type === 'rich_text_list' ? element.elements : [element]) add(section.elements);
  }
  return length;
}
