/**
 * A document as an Adaptive Card (schema 1.5), written as plain JSON in the form the official SDK writes and reads
 * back (cards/render/adaptiveCardTypes.ts). Every line is a RichTextBlock of TextRuns: no Markdown anywhere in the card.
 */
import { linesOf, plainText, type Card, type Section, type Table } from '../Card.js';
import { cardAction, type AdaptiveCardOptions } from './adaptiveCardActions.js';
import { CARD_SCHEMA, CARD_VERSION, type AdaptiveCard, type CardBodyElement, type Container, type Image, type RichTextBlock, type Table as CardTable, type TableRow } from './adaptiveCardTypes.js';
import { factBlock, richTextBlock } from './adaptiveCardText.js';
import { clip } from './escape.js';
import { jsonBytesAtMost, renderWithinLimit, textLength, utf8Length } from './limits.js';

export type { AdaptiveCardOptions } from './adaptiveCardActions.js';

/** Teams refuses a message over about 28 KB; the card stays under this many UTF-8 bytes of JSON (so characters too). */
export const MAX_CARD_JSON_LENGTH = 24_000;
/**
 * Every line is in the card's JSON, with at least this much around it: a RichTextBlock and its TextRun take 62
 * characters, and a fact (two lines, label and value) takes well over twice this in one block.
 */
const LEAST_JSON_PER_LINE = 30;
/** What a client that cannot show the card shows instead: a glance. */
const MAX_FALLBACK_TEXT = 200;

export function renderAdaptiveCard(document: Card, options: AdaptiveCardOptions = {}): AdaptiveCard {
  const fill = (card: AdaptiveCard) => utf8Length(JSON.stringify(card)) / MAX_CARD_JSON_LENGTH;
  const leastFill = (candidate: Card) => textLength(candidate, { perLine: LEAST_JSON_PER_LINE }) / MAX_CARD_JSON_LENGTH;
  const mostFill = (card: AdaptiveCard) => jsonBytesAtMost(card) / MAX_CARD_JSON_LENGTH;
  return renderWithinLimit(document, (candidate) => cardJson(candidate, options), fill, leastFill, mostFill);
}

function cardJson(document: Card, options: AdaptiveCardOptions): AdaptiveCard {
  const body: CardBodyElement[] = [];
  if (document.title) body.push(richTextBlock(document.title, { bolder: true, larger: true }));
  for (const section of document.sections) body.push(separated(sectionContainer(section, options), body.length > 0));
  if (document.notes?.length) {
    const notes: Container = { type: 'Container', items: document.notes.map((note) => richTextBlock(note, { subtle: true })) };
    body.push(separated(notes, body.length > 0));
  }
  const card: AdaptiveCard = { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: CARD_VERSION };
  const fallback = document.title ?? linesOf(document)[0];
  if (fallback) card.fallbackText = clip(plainText(fallback), MAX_FALLBACK_TEXT);
  card.body = body;
  if (document.actions?.length) card.actions = document.actions.map((action) => cardAction(action, options));
  return card;
}

/** A line between parts; the first part of the card needs none above it. */
function separated(container: Container, separator: boolean): Container {
  return separator ? { type: 'Container', separator: true, items: container.items } : container;
}

/** Heading, lines, bullets, facts and table; a picture to their left; the section's buttons under them. */
function sectionContainer(section: Section, options: AdaptiveCardOptions): Container {
  const content: CardBodyElement[] = [];
  if (section.heading) content.push(richTextBlock(section.heading, { bolder: true }));
  for (const value of section.lines ?? []) content.push(richTextBlock(value));
  for (const value of section.bullets ?? []) content.push(richTextBlock(value, { prefix: '• ' }));
  for (const entry of section.facts ?? []) content.push(factBlock(entry));
  if (section.table) content.push(table(section.table));

  const items: CardBodyElement[] = [];
  if (section.picture) {
    const image: Image = { type: 'Image', url: section.picture.url, altText: section.picture.alt, size: 'Small' };
    items.push({
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'auto', items: [image] },
        { type: 'Column', width: 'stretch', items: content },
      ],
    });
  } else {
    items.push(...content);
  }
  if (section.actions?.length) items.push({ type: 'ActionSet', actions: section.actions.map((action) => cardAction(action, options)) });
  return { type: 'Container', items };
}

/** An Adaptive Card Table: the column names as its header row (the default), every cell a RichTextBlock. */
function table(source: Table): CardTable {
  const row = (cells: RichTextBlock[]): TableRow => ({ type: 'TableRow', cells: cells.map((content) => ({ type: 'TableCell', items: [content] })) });
  return {
    type: 'Table',
    columns: source.columns.map(() => ({ width: 1 })),
    rows: [
      row(source.columns.map((cell) => richTextBlock(cell, { bolder: true }))),
      ...source.rows.map((cells) => row(source.columns.map((_, index) => richTextBlock(cells[index] ?? { spans: [] })))),
    ],
  };
}
