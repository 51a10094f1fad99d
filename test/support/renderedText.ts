/**
 * What a person reads in a rendered reply, for tests: the texts of an Adaptive Card, of Slack blocks, and of
 * Markdown or mrkdwn with its escapes undone and its markup read the way a client reads it (a link shows its
 * label, a tag shows nothing), so a test fails when something a person wrote turned into markup.
 */
import assert from 'node:assert/strict';
import { AC } from './adaptiveCardSdk.js';
import type { Block, ButtonElement, MrkdwnTextObject, RichTextSection } from '../../cards/render/blockKit.js';

type Json = Record<string, unknown>;

/**
 * Every TextBlock, and every RichTextBlock with its TextRuns joined (Table cells included), then action titles, in
 * document order. Action data, URLs and an Action.Execute's fallback (the same button for other clients) are not read.
 */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Json;
    if (element.type === 'TextBlock') texts.push(String(element.text));
    if (element.type === 'RichTextBlock') {
      const inlines = (element.inlines as unknown[] | undefined) ?? [];
      return void texts.push(inlines.map((inline) => (typeof inline === 'string' ? inline : String((inline as Json).text))).join(''));
    }
    if (typeof element.type === 'string' && element.type.startsWith('Action.') && typeof element.title === 'string') texts.push(element.title);
    for (const [key, value] of Object.entries(element)) if (key !== 'data' && key !== 'fallback' && key !== 'selectAction') visit(value);
  };
  visit(card);
  return texts;
}

/**
 * The SDK reads the card back with no warning or error (unknown element, bad value, wrong version...), and writes
 * it out again as the very same JSON: nothing in it is unknown to the SDK, misspelt or dropped. (Its object model
 * has no fallback for actions, so an Action.Execute's fallback is compared apart: an Action.Submit of its own.)
 */
export function assertParsesCleanly(card: unknown): void {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  assert.deepEqual(events, [], 'the Adaptive Cards SDK reported problems with the card');
  const fallbacks: unknown[] = [];
  const withoutFallbacks = JSON.parse(JSON.stringify(card), (key, value: unknown) => {
    if (value && typeof value === 'object' && (value as Record<string, unknown>).type === 'Action.Execute' && 'fallback' in value) {
      const { fallback, ...rest } = value as Record<string, unknown>;
      fallbacks.push(fallback);
      return rest;
    }
    return value;
  }) as unknown;
  assert.deepEqual(parsed.toJSON(), withoutFallbacks, 'the SDK writes the card back as it was');
  for (const fallback of fallbacks) assert.equal((fallback as { type?: unknown }).type, 'Action.Submit');
}

/**
 * Header texts, rich_text sections (one string each, list items included), section fields and context lines
 * read as mrkdwn, and button titles, in order.
 */
export function blockKitTexts(blocks: Block[]): string[] {
  const texts: string[] = [];
  const section = (value: RichTextSection) => texts.push(value.elements.map((element) => element.text).join(''));
  const mrkdwn = (values: MrkdwnTextObject[]) => values.forEach((value) => texts.push(undoMrkdwn(value.text)));
  const buttons = (values: ButtonElement[]) => values.forEach((button) => texts.push(button.text.text));
  for (const block of blocks) {
    if (block.type === 'header') texts.push(block.text.text);
    if (block.type === 'rich_text') for (const element of block.elements) (element.type === 'rich_text_list' ? element.elements : [element]).forEach(section);
    if (block.type === 'section') {
      mrkdwn(block.fields);
      if (block.accessory) buttons([block.accessory]);
    }
    if (block.type === 'context') mrkdwn(block.elements);
    if (block.type === 'actions') buttons(block.elements);
  }
  return texts;
}

/** The text a client shows for Markdown or mrkdwn: escapes undone, markers dropped, links shown by their label. */
export function markdownTexts(text: string, flavour: 'markdown' | 'mrkdwn'): string {
  return flavour === 'markdown' ? undoMarkdown(text) : undoMrkdwn(text);
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/**
 * A small CommonMark reader, enough for what the renderer writes: `\x` is x; unescaped `*`, `_` and `~` are
 * emphasis markers; `` `code` `` is literal; `[label](url)` shows the label; `<...>` is a tag or an autolink that
 * shows no text of its own; `&amp;` is an entity; a "- " at the start of a line is a list marker.
 */
function undoMarkdown(text: string): string {
  let shown = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    const closing = (what: string, from = index + 1) => text.indexOf(what, from);
    const entity = /^&(amp|lt|gt|quot);/.exec(text.slice(index, index + 6));
    if (character === '\\' && ASCII_PUNCTUATION.test(text[index + 1] ?? '')) shown += text[++index];
    else if (character === '`' && closing('`') > 0) {
      shown += text.slice(index + 1, closing('`'));
      index = closing('`');
    } else if (character === '*' || character === '_' || character === '~' || character === '[') continue;
    else if (character === ']' && text[index + 1] === '(' && closing(')') > 0) index = closing(')');
    else if (character === '<' && closing('>') > 0) index = closing('>');
    else if (entity) {
      shown += ENTITIES[entity[1]];
      index += entity[0].length - 1;
    } else if ((index === 0 || text[index - 1] === '\n') && text.startsWith('- ', index)) index += 1;
    else shown += character;
  }
  return shown;
}

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Slack's reading of mrkdwn: a `*`, `_`, `~` or `` ` `` followed by a zero-width space is that character, any
 * other is a marker; `<url|label>` shows the label, `<!channel>` a mention; &amp; &lt; &gt; are the characters.
 */
function undoMrkdwn(text: string): string {
  let shown = '';
  let inCode = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === ZERO_WIDTH_SPACE) continue;
    if (inCode) {
      if (character === '`') inCode = false;
      else shown += character;
    } else if ('*_~`'.includes(character)) {
      // Slack formats only at word edges: a marker between two letters or digits (Standard_NC6) is just a character.
      const insideWord = /[\p{L}\p{N}]/u.test(text[index - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[index + 1] ?? '');
      if (text[index + 1] === ZERO_WIDTH_SPACE || insideWord) shown += character;
      else if (character === '`') inCode = true;
    } else if (character === '<' && text.indexOf('>', index) > 0) {
      const end = text.indexOf('>', index);
      const inside = text.slice(index + 1, end);
      shown += inside.includes('|') ? inside.slice(inside.indexOf('|') + 1) : inside.startsWith('!') ? `@${inside.slice(1)}` : inside;
      index = end;
    } else shown += character;
  }
  return shown.replace(/&(amp|lt|gt);/g, (_, name: string) => ENTITIES[name]);
}

/** Every button of a card: its title and the command it sends (fallbacks, which repeat a button, left out). */
export function cardButtons(card: unknown): Array<[title: string, command: string]> {
  const buttons: Array<[string, string]> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Json;
    if (typeof element.type === 'string' && element.type.startsWith('Action.') && element.data) {
      buttons.push([String(element.title), String((element.data as Json).command)]);
    }
    for (const [key, value] of Object.entries(element)) if (key !== 'fallback' && key !== 'data') visit(value);
  };
  visit(card);
  return buttons;
}
