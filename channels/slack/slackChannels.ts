import { ActivityTypes, TextFormatTypes, type Activity, type BotAdapter, type CloudAdapter } from 'botbuilder';
import type { SlackConfig } from '../../config/index.js';
import type { Card } from '../../cards/Card.js';
import { frozen } from '../../cards/frozen.js';
import { renderText } from '../../cards/render/text.js';
import { imageAttachments } from '../attachments/imageAttachments.js';
import { botFrameworkChannel, callerFrom } from '../botframework/botFrameworkChannel.js';
import type { Channel } from '../Channel.js';
import { renderBlockKit, SLACK_BLOCKS_CONTENT_TYPE, type Block } from '../../cards/render/blockKit.js';
import { MRKDWN } from '../../cards/render/mrkdwn.js';
import { isSlackApp, slackAppData, type SlackResponseOptions } from './slackChannelData.js';
import { slackFileCredential } from './slackCredential.js';

/**
 * Renderings of documents that are shared between turns (help): a rendering depends on nothing but the document, so
 * one that comes again is not rendered again. Weak: a turn's own document takes its rendering with it.
 */
const renderings = new WeakMap<Card, { text: string; blocks: Block[] }>();

/** Block Kit for the direct Slack app; the text is Slack's notification fallback. */
function blockKitReply(document: Card): Partial<Activity> {
  let rendering = renderings.get(document);
  if (!rendering) {
    rendering = renderBlockKit(document);
    // Only a frozen document is shared, and only its rendering is kept (frozen too: every turn sends the same one).
    if (Object.isFrozen(document)) renderings.set(document, frozen(rendering));
  }
  const { text, blocks } = rendering;
  return { type: ActivityTypes.Message, text, textFormat: TextFormatTypes.Markdown, attachments: [{ contentType: SLACK_BLOCKS_CONTENT_TYPE, content: blocks }] };
}

/**
 * The direct Slack app (slash commands, events, buttons at /api/slack/*): Block Kit replies, Slack user ids, files
 * on Slack's file hosts with the bot token, and an answered question's buttons replaced through its response_url.
 */
export function slackAppChannel(adapter: BotAdapter, config: SlackConfig): Channel {
  return {
    name: 'slack-app',
    adapter,
    owns: (activity) => isSlackApp(activity),
    render: blockKitReply,
    // An image block needs a public URL; the images people post in Slack are private.
    showsPictures: () => false,
    // Every request was signed with the app's signing secret: Slack names the user.
    caller: (activity) => callerFrom(activity, true),
    commandText: (activity) => (activity.text ?? '').trim(),
    imageReferences: (context) => imageAttachments(context.activity.attachments, slackFileCredential(config.botToken, config.fileHosts)),
    fileHosts: config.fileHosts,
    replaceAnswered: async (context, reply) => {
      if (slackAppData(context.activity)?.source !== 'interaction') return false;
      const slackResponse: SlackResponseOptions = { replaceOriginal: true };
      await context.sendActivity({ ...reply, channelData: { ...(reply.channelData as object | undefined), slackResponse } });
      return true;
    },
    update: async () => false,
  };
}

/**
 * Azure Bot Service's Slack channel (activities at /api/messages with channelId "slack"): Slack cannot show Adaptive
 * Cards, so replies are mrkdwn text (escaped by the renderer: the channel posts it as it is). Its user ids are
 * `U0123:T0456` (user:team); operators are named by the Slack user id.
 */
export function botServiceSlackChannel(adapter: CloudAdapter, config: SlackConfig): Channel {
  return botFrameworkChannel(adapter, {
    name: 'slack-botservice',
    owns: (activity) => activity.channelId === 'slack' && !isSlackApp(activity),
    render: (document) => ({ type: ActivityTypes.Message, text: renderText(document, MRKDWN), textFormat: TextFormatTypes.Markdown }),
    showsPictures: () => false,
    caller: (activity) => callerFrom(activity, true, (activity.from?.id ?? '').split(':')[0]),
    imageReferences: (context) => imageAttachments(context.activity.attachments, slackFileCredential(config.botToken, config.fileHosts)),
    fileHosts: config.fileHosts,
  });
}
