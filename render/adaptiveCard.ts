/**
 * A document as an Adaptive Card (schema 1.5), built through the official object model so that the card is one
 * the SDK itself can read back. Every line is a RichTextBlock of TextRuns: no Markdown anywhere in the card.
 */
import { linesOf, plainText, type ResultDocument, type Section, type Table } from '../documents/document.js';
import { cardAction, withSubmitFallbacks, type AdaptiveCardOptions } from './adaptiveCardActions.js';
import { AC, type AdaptiveCards } from './adaptiveCardSdk.js';
import { factBlock, richTextBlock } from './adaptiveCardText.js';
import { clip } from './escape.js';
import { renderWithinLimit, textLength, utf8Length } from './limits.js';

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

export function renderAdaptiveCard(document: ResultDocument, options: AdaptiveCardOptions = {}): Record<string, unknown> {
  const fill = (card: Record<string, unknown>) => utf8Length(JSON.stringify(card)) / MAX_CARD_JSON_LENGTH;
  const leastFill = (candidate: ResultDocument) => textLength(candidate, { perLine: LEAST_JSON_PER_LINE }) / MAX_CARD_JSON_LENGTH;
  return renderWithinLimit(document, (candidate) => cardJson(candidate, options), fill, leastFill);
}

function cardJson(document: ResultDocument, options: AdaptiveCardOptions): Record<string, unknown> {
  const card = new AC.AdaptiveCard();
  card.version = AC.Versions.v1_5;
  const fallback = document.title ?? linesOf(document)[0];
  if (fallback) card.fallbackText = clip(plainText(fallback), MAX_FALLBACK_TEXT);

  if (document.title) card.addItem(richTextBlock(document.title, { bolder: true, larger: true }));
  for (const section of document.sections) {
    const container = sectionContainer(section, options);
    // A line between parts; the first part of the card needs none above it.
    container.separator = card.getItemCount() > 0;
    card.addItem(container);
  }
  if (document.notes?.length) {
    const notes = new AC.Container();
    for (const note of document.notes) notes.addItem(richTextBlock(note, { subtle: true }));
    notes.separator = card.getItemCount() > 0;
    card.addItem(notes);
  }
  for (const action of document.actions ?? []) card.addAction(cardAction(action, options));
  return withSubmitFallbacks(card.toJSON() as Record<string, unknown>);
}

/** Heading, lines, bullets, facts and table; a picture to their left; the section's buttons under them. */
function sectionContainer(section: Section, options: AdaptiveCardOptions): AdaptiveCards.Container {
  const container = new AC.Container();
  const beside = section.picture ? new AC.Column('stretch') : undefined;
  const content = beside ?? container;
  if (section.heading) content.addItem(richTextBlock(section.heading, { bolder: true }));
  for (const value of section.lines ?? []) content.addItem(richTextBlock(value));
  for (const value of section.bullets ?? []) content.addItem(richTextBlock(value, { prefix: '• ' }));
  for (const entry of section.facts ?? []) content.addItem(factBlock(entry));
  if (section.table) content.addItem(table(section.table));

  if (section.picture && beside) {
    const image = new AC.Image();
    image.url = section.picture.url;
    image.altText = section.picture.alt;
    image.size = AC.Size.Small;
    const pictureColumn = new AC.Column('auto');
    pictureColumn.addItem(image);
    const columns = new AC.ColumnSet();
    columns.addColumn(pictureColumn);
    columns.addColumn(beside);
    container.addItem(columns);
  }
  if (section.actions?.length) {
    const buttons = new AC.ActionSet();
    for (const action of section.actions) buttons.addAction(cardAction(action, options));
    container.addItem(buttons);
  }
  return container;
}

/** An Adaptive Card Table: the column names as its header row, every cell a RichTextBlock. */
function table(source: Table): AdaptiveCards.Table {
  const result = new AC.Table();
  for (let index = 0; index < source.columns.length; index += 1) {
    const column = new AC.TableColumnDefinition();
    column.width = new AC.SizeAndUnit(1, AC.SizeUnit.Weight);
    result.addColumn(column);
  }
  result.firstRowAsHeaders = true;
  result.addRow(tableRow(source.columns.map((cell) => richTextBlock(cell, { bolder: true }))));
  for (const row of source.rows) result.addRow(tableRow(source.columns.map((_, index) => richTextBlock(row[index] ?? { spans: [] }))));
  return result;
}

function tableRow(cells: AdaptiveCards.RichTextBlock[]): AdaptiveCards.TableRow {
  const row = new AC.TableRow();
  for (const content of cells) {
    const cell = new AC.TableCell();
    cell.addItem(content);
    row.addCell(cell);
  }
  return row;
}
