import { textBlock } from './adaptive.js';

/** The texts a person reads in an Adaptive Card or Slack Block Kit, as slots that can be rewritten in place. */
export interface TextSlot {
  text: string;
  set(value: string): void;
}

/** Keys that carry data for the bot, or addresses: never shown, never translated. */
const DATA_KEYS = new Set(['data', 'verb', 'id', 'value', 'url', 'iconUrl', 'fallbackText', 'speak', 'msteams', '$schema', 'version', 'type']);

/**
 * TextBlock and TextRun texts, FactSet titles and values, action titles, input labels and placeholders, and
 * choice titles: what a person reads. Action data, verbs, ids and values stay as they are.
 */
export function cardTexts(card: unknown): TextSlot[] {
  const slots: TextSlot[] = [];
  const readable = (owner: Record<string, unknown>, key: string) => {
    const text = owner[key];
    if (typeof text === 'string' && /\p{L}/u.test(text)) slots.push({ text, set: (value) => (owner[key] = value) });
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const type = typeof element.type === 'string' ? element.type : '';
    if (type === 'TextBlock' || type === 'TextRun') readable(element, 'text');
    if (type.startsWith('Action.')) readable(element, 'title');
    if (type.startsWith('Input.')) {
      readable(element, 'label');
      readable(element, 'placeholder');
      for (const choice of (element.choices as Array<Record<string, unknown>> | undefined) ?? []) readable(choice, 'title');
    }
    if (type === 'FactSet') {
      for (const fact of (element.facts as Array<Record<string, unknown>> | undefined) ?? []) {
        readable(fact, 'title');
        readable(fact, 'value');
      }
    }
    for (const [key, value] of Object.entries(element)) {
      if (!DATA_KEYS.has(key) && key !== 'choices' && key !== 'facts' && typeof value === 'object') visit(value);
    }
  };
  visit(card);
  return slots;
}

/** Block Kit keys that carry data for the bot or Slack, never shown: button values, ids, addresses. */
const BLOCK_KIT_DATA_KEYS = new Set(['value', 'action_id', 'block_id', 'url', 'image_url', 'alt_text']);

/**
 * Every Block Kit text object (`plain_text` or `mrkdwn`): headers, sections and their fields, context lines,
 * button labels and confirm dialogs. Button values and action ids stay as they are.
 */
export function blockKitTexts(blocks: unknown): TextSlot[] {
  const slots: TextSlot[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if ((element.type === 'plain_text' || element.type === 'mrkdwn') && typeof element.text === 'string') {
      if (/\p{L}/u.test(element.text)) slots.push({ text: element.text, set: (value) => (element.text = value) });
      return;
    }
    for (const [key, value] of Object.entries(element)) if (!BLOCK_KIT_DATA_KEYS.has(key) && typeof value === 'object') visit(value);
  };
  visit(blocks);
  return slots;
}

/** The card with a subtle warning line at the end of its body. */
export function withCardNote(card: unknown, note: string): unknown {
  const content = card as { body?: unknown[] };
  return { ...content, body: [...(content.body ?? []), textBlock(note, { subtle: true, color: 'warning' })] };
}
