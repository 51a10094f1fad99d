import { ActivityTypes, CardFactory, TextFormatTypes, TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import type { Caller } from '../../state/Caller.js';
import type { Card } from '../../cards/Card.js';
import { renderAdaptiveCard, type AdaptiveCardOptions } from '../../cards/render/adaptiveCard.js';
import { renderText, MARKDOWN } from '../../cards/render/text.js';
import type { Channel } from '../Channel.js';
import { imageAttachments } from '../attachments/imageAttachments.js';
import { botConnectorCredential } from './botConnectorCredential.js';

/** An Adaptive Card reply. */
export function cardReply(document: Card, options?: AdaptiveCardOptions): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(renderAdaptiveCard(document, options))] };
}

/** A Markdown text reply, for clients that show no cards. */
function markdownReply(document: Card): Partial<Activity> {
  return { type: ActivityTypes.Message, text: renderText(document, MARKDOWN), textFormat: TextFormatTypes.Markdown };
}

/** The sender as most Bot Framework channels name them: `from.id`; `verified` as the channel can vouch for it. */
export function callerFrom(activity: Activity, verified: boolean, userId = activity.from?.id ?? ''): Caller {
  return { key: `${activity.channelId}/${userId}`, userId, name: activity.from?.name || userId, channel: activity.channelId, verified };
}

/** The text without the bot's @mention (botbuilder removes the tagged text), with the spacing clients add tidied. */
function textWithoutMention(activity: Activity): string {
  const text = activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (text ?? '').replace(/&nbsp;|\u00a0/g, ' ').trim();
}

/** How far /api/messages vouches for who sent an activity. */
interface BotFrameworkTrust {
  /** MicrosoftAppId is set: every activity carries a token the Bot Framework signed for the channel. */
  authenticated: boolean;
}

/**
 * A Bot Framework client (what reaches /api/messages with a given channelId): the defaults below, with `spec`
 * replacing what that client does differently. All of them are continued through the one CloudAdapter. With
 * authentication on, a channel service (Teams, Slack...) names the user, so the id is vouched for; without it the
 * bot is a local trial (start-up refuses operators on any other address), where everyone is who they say.
 */
export function botFrameworkChannel(adapter: CloudAdapter, spec: Partial<Channel> & Pick<Channel, 'name' | 'owns' | 'render' | 'showsPictures'>): Channel {
  return {
    adapter,
    caller: (activity) => callerFrom(activity, true),
    commandText: textWithoutMention,
    imageReferences: (context) => imageAttachments(context.activity.attachments, botConnectorCredential(context)),
    fileHosts: [],
    replaceAnswered: async () => false,
    update: async () => false,
    ...spec,
  };
}

/**
 * The Emulator, Web Chat and Direct Line: Adaptive Cards, pictures included. `channelData.textOnly` asks for the
 * Markdown instead (to see what text-only clients get).
 */
export function webChatChannel(adapter: CloudAdapter, trust: BotFrameworkTrust): Channel {
  const textOnly = (activity: Activity) => (activity.channelData as { textOnly?: unknown } | undefined)?.textOnly === true;
  const channelIds = new Set(['emulator', 'webchat', 'directline']);
  return botFrameworkChannel(adapter, {
    name: 'webchat',
    owns: (activity) => channelIds.has(activity.channelId),
    // Direct Line and the Emulator send whatever user id the client chose: vouched for only in a local trial.
    caller: (activity) => callerFrom(activity, !trust.authenticated),
    render: (document, incoming) => (textOnly(incoming) ? markdownReply(document) : cardReply(document)),
    showsPictures: (incoming) => !textOnly(incoming),
  });
}

/** Any other Bot Framework channel: Markdown text, which every client shows. */
export function otherBotFrameworkChannel(adapter: CloudAdapter): Channel {
  return botFrameworkChannel(adapter, {
    name: 'botframework',
    owns: () => true,
    render: markdownReply,
    showsPictures: () => false,
  });
}
