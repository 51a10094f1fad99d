import type { BotAdapter, ConversationReference } from 'botbuilder';

/**
 * Which adapter continues a saved conversation: the direct Slack app's for references it produced (channelId
 * "slack" and its Slack API URL as serviceUrl), the Bot Framework adapter for everything else, including Azure Bot
 * Service's Slack channel.
 */
export function adapterForReference(
  reference: Partial<ConversationReference>,
  adapters: { botFramework: BotAdapter; slackApp?: BotAdapter; slackApiUrl?: string },
): BotAdapter {
  const fromSlackApp = reference.channelId === 'slack' && adapters.slackApp !== undefined && reference.serviceUrl === adapters.slackApiUrl;
  return fromSlackApp && adapters.slackApp ? adapters.slackApp : adapters.botFramework;
}
