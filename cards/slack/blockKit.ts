import { escapeMrkdwn } from '../mrkdwn.js';

/**
 * Typed builders for the few Block Kit blocks labmate uses. Slack refuses a whole message when one block breaks a
 * limit, so the builders cut text to the documented sizes instead of letting a long result fail to send.
 */

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}
export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: { title: PlainText; text: MrkdwnText; confirm: PlainText; deny: PlainText; style?: 'primary' | 'danger' };
}
export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: MrkdwnText; fields?: MrkdwnText[]; accessory?: ButtonElement }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: ButtonElement[] };

/** The attachment content type that carries blocks through an activity to the Slack adapter. */
export const SLACK_BLOCKS_CONTENT_TYPE = 'application/vnd.slack.blocks';

export const LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  buttonsPerActions: 25,
} as const;

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: cut(text, LIMITS.headerText), emoji: true } };
}

/**
 * `text` is mrkdwn: escape what came from outside with `escapeMrkdwn` before building it. `fields` (mrkdwn too) show
 * in two columns under the text; `accessory` is a button at its right.
 */
export function section(text: string, options: { fields?: string[]; accessory?: ButtonElement } = {}): Block {
  return {
    type: 'section',
    text: mrkdwn(cut(text, LIMITS.sectionText)),
    ...(options.fields ? { fields: options.fields.slice(0, LIMITS.fieldsPerSection).map((field) => mrkdwn(cut(field, LIMITS.fieldText))) } : {}),
    ...(options.accessory ? { accessory: options.accessory } : {}),
  };
}

/**
 * Text from outside (a translation, a long message) as escaped sections: split at line or word breaks into as many
 * sections as it takes, so nothing is cut off at Slack's 3,000 characters per section.
 */
export function textSections(text: string): Block[] {
  const chunks: string[] = [];
  let rest = text;
  // Room for escaping: `&` becomes `&amp;`; a chunk that still overflows is cut by `section`.
  const size = LIMITS.sectionText - 200;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const end = breakAt > size / 2 ? breakAt + 1 : size;
    chunks.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  // Slack refuses a section whose text is empty.
  return chunks.map((chunk) => section(chunk.trim() === '' ? '_(empty)_' : escapeMrkdwn(chunk)));
}

export function fields(pairs: string[]): Block {
  return { type: 'section', fields: pairs.slice(0, LIMITS.fieldsPerSection).map((text) => mrkdwn(cut(text, LIMITS.fieldText))) };
}

export function context(...texts: string[]): Block {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((text) => mrkdwn(cut(text, LIMITS.sectionText))) };
}

export function divider(): Block {
  return { type: 'divider' };
}

export function actions(buttons: ButtonElement[]): Block {
  return { type: 'actions', elements: buttons.slice(0, LIMITS.buttonsPerActions) };
}

/**
 * A button that runs a command as if typed: its value is `{"command": ...}`, which the bot routes like a card
 * button's `value.command`. `actionId` must be unique within the message.
 */
export function commandButton(title: string, command: string, actionId: string, style?: 'primary' | 'danger'): ButtonElement {
  return button(title, { command }, actionId, style);
}

/** A button carrying any JSON value (for self-contained confirmations); the value must fit in 2,000 characters. */
export function button(title: string, value: unknown, actionId: string, style?: 'primary' | 'danger'): ButtonElement {
  const json = JSON.stringify(value);
  if (json.length > LIMITS.buttonValue) throw new RangeError(`a Slack button value is limited to ${LIMITS.buttonValue} characters`);
  return {
    type: 'button',
    text: { type: 'plain_text', text: cut(title, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: json,
    ...(style ? { style } : {}),
  };
}

/** Keeps a message under Slack's 50-block limit, saying what was left out. */
export function limitBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= LIMITS.blocksPerMessage) return blocks;
  const kept = blocks.slice(0, LIMITS.blocksPerMessage - 1);
  return [...kept, context(`… ${blocks.length - kept.length} more part(s) left out.`)];
}

function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
