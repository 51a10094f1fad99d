import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import { parseJsonObject } from '../http/readJsonBody.js';
import type { EventEnvelope, Interaction, SlackMessageEvent, SlashCommand } from './slackPayloads.js';
import { slackConversationId, type SlackAppChannelData } from './slackChannelData.js';
import { plainTextFromSlack } from './slackText.js';

/**
 * Slack requests as Bot Framework activities, so the same bot (router, dialogs, state, authorization) serves
 * them: `channelId` "slack", `from.id` the Slack user id, `conversation.id` the Slack channel id (plus
 * `:thread_ts` in a thread), `serviceUrl` the Slack API URL.
 */

export function activityFromSlashCommand(command: SlashCommand, serviceUrl: string): Partial<Activity> {
  return message({
    id: command.triggerId || randomUUID(),
    serviceUrl,
    userId: command.userId,
    userName: command.userName,
    botId: command.apiAppId,
    channel: command.channelId,
    text: plainTextFromSlack(command.text),
    channelData: { slackApp: { source: 'command', teamId: command.teamId, responseUrl: command.responseUrl || undefined } },
  });
}

/**
 * An @mention in a channel, or a direct message (with or without files). Anything else, including the bot's own
 * messages and edits, is not for the bot: undefined.
 */
export function activityFromEvent(envelope: Extract<EventEnvelope, { type: 'event_callback' }>, serviceUrl: string): Partial<Activity> | undefined {
  const event = envelope.event;
  if (!isForTheBot(event, envelope.botUserId)) return undefined;
  const botUserId = envelope.botUserId ?? (event.type === 'app_mention' ? /^\s*<@([A-Z0-9]+)>/.exec(event.text)?.[1] : undefined);
  const attachments: Attachment[] = event.files
    .filter((file) => file.urlPrivateDownload !== '')
    .map((file) => ({ contentType: file.mimetype || 'application/octet-stream', contentUrl: file.urlPrivateDownload, name: file.name }));
  return {
    ...message({
      id: event.ts || randomUUID(),
      serviceUrl,
      userId: event.user as string,
      botId: botUserId ?? envelope.apiAppId,
      channel: event.channel,
      threadTs: event.threadTs,
      text: plainTextFromSlack(event.text, botUserId),
      channelData: { slackApp: { source: 'event', teamId: envelope.teamId, messageTs: event.ts } },
    }),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/** A button press: a message whose `value` is the button's JSON value (e.g. `{ "command": "help" }`). */
export function activityFromInteraction(interaction: Interaction, serviceUrl: string): Partial<Activity> | undefined {
  const value = interaction.actions.map((action) => parseJsonObject(action.value ?? '')).find((parsed) => parsed !== undefined);
  if (value === undefined || !interaction.channelId) return undefined;
  return {
    ...message({
      id: interaction.triggerId || randomUUID(),
      serviceUrl,
      userId: interaction.userId,
      userName: interaction.userName,
      botId: interaction.apiAppId,
      channel: interaction.channelId,
      threadTs: interaction.threadTs,
      channelData: {
        slackApp: { source: 'interaction', teamId: interaction.teamId, responseUrl: interaction.responseUrl, messageTs: interaction.messageTs },
      },
    }),
    value,
  };
}

function isForTheBot(event: SlackMessageEvent, botUserId: string | undefined): boolean {
  if (event.botId || !event.user || event.user === botUserId || !event.channel) return false;
  // file_share is a message with files; other subtypes are edits, deletions, joins...
  if (event.subtype && event.subtype !== 'file_share') return false;
  if (event.type === 'app_mention') return true;
  return event.type === 'message' && event.channelType === 'im';
}

function message(options: {
  id: string;
  serviceUrl: string;
  userId: string;
  userName?: string;
  botId: string;
  channel: string;
  threadTs?: string;
  text?: string;
  channelData: SlackAppChannelData;
}): Partial<Activity> {
  const direct = options.channel.startsWith('D');
  return {
    type: ActivityTypes.Message,
    id: options.id,
    timestamp: new Date(),
    channelId: 'slack',
    serviceUrl: options.serviceUrl,
    from: { id: options.userId, name: options.userName ?? options.userId, role: 'user' },
    recipient: { id: options.botId || 'labmate', name: 'labmate', role: 'bot' },
    conversation: {
      id: slackConversationId(options.channel, options.threadTs),
      isGroup: !direct,
      conversationType: direct ? 'personal' : 'channel',
      name: '',
    },
    ...(options.text === undefined ? {} : { text: options.text }),
    channelData: options.channelData,
  };
}
