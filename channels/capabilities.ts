import { ActivityTypes, CardFactory, MessageFactory, TextFormatTypes, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/adaptive.js';

/**
 * Channels whose clients render Adaptive Cards. Azure Bot Service's Slack channel (and every channel not
 * listed) gets the Markdown text instead: an Adaptive Card there renders as an image at best.
 */
const ADAPTIVE_CARD_CHANNELS = new Set(['msteams', 'emulator', 'webchat', 'directline']);

export function rendersAdaptiveCards(activity: Pick<Activity, 'channelId' | 'channelData'>): boolean {
  // The Emulator and Web Chat can ask for text, to see what Slack users will see.
  if ((activity.channelData as { textOnly?: unknown } | undefined)?.textOnly === true) return false;
  return ADAPTIVE_CARD_CHANNELS.has(activity.channelId);
}

/** A reply carrying the card where the channel renders cards, and the Markdown text everywhere else. */
export function cardOrText(
  incoming: Pick<Activity, 'channelId' | 'channelData'>,
  card: AdaptiveCard,
  text: string,
): Partial<Activity> {
  if (rendersAdaptiveCards(incoming)) return MessageFactory.attachment(CardFactory.adaptiveCard(card));
  return { type: ActivityTypes.Message, text, textFormat: TextFormatTypes.Markdown };
}
