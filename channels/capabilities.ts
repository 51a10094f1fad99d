import { ActivityTypes, CardFactory, MessageFactory, TextFormatTypes, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/adaptive.js';
import { SLACK_BLOCKS_CONTENT_TYPE, type Block } from '../cards/slack/blockKit.js';
import { isSlackApp } from './slack/slackChannelData.js';

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

/**
 * The one place that picks how a result is shown: Block Kit for the direct Slack app (when the caller has a Block
 * Kit rendering; the text rides along as Slack's notification fallback), the Adaptive Card where the channel
 * renders cards, and the Markdown text everywhere else. Text for Slack (both the direct app and Azure Bot
 * Service's Slack channel) is turned into mrkdwn on the way out, by the Slack adapter and by
 * `SlackMrkdwnMiddleware`.
 */
export function cardOrText(
  incoming: Pick<Activity, 'channelId' | 'channelData'>,
  card: AdaptiveCard,
  text: string,
  blocks?: Block[],
): Partial<Activity> {
  if (blocks && isSlackApp(incoming)) {
    return {
      type: ActivityTypes.Message,
      text,
      textFormat: TextFormatTypes.Markdown,
      attachments: [{ contentType: SLACK_BLOCKS_CONTENT_TYPE, content: blocks }],
    };
  }
  if (rendersAdaptiveCards(incoming)) return MessageFactory.attachment(CardFactory.adaptiveCard(card));
  return { type: ActivityTypes.Message, text, textFormat: TextFormatTypes.Markdown };
}
