import { randomUUID } from 'node:crypto';

/** A JSON activity as a channel posts it; `conversation.id` is what tests look replies up by. */
export type TestActivity = Record<string, unknown> & {
  id: string;
  type?: string;
  text?: string;
  conversation: { id: string } & Record<string, unknown>;
};

export interface ActivityOptions {
  serviceUrl: string;
  conversationId?: string;
  text?: string;
  value?: unknown;
  fromId?: string;
  id?: string;
}

/** A message as the Bot Framework Emulator sends it. */
export function emulatorMessage(options: ActivityOptions): TestActivity {
  return {
    type: 'message',
    id: options.id ?? randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: options.serviceUrl,
    from: { id: options.fromId ?? 'user-1', name: 'User', role: 'user' },
    recipient: { id: 'labmate-bot', name: 'labmate', role: 'bot' },
    conversation: { id: options.conversationId ?? `conv-${randomUUID()}` },
    text: options.text,
    ...(options.value === undefined ? {} : { value: options.value }),
    locale: 'en-US',
    textFormat: 'plain',
  };
}

/** A direct message as Azure Bot Service's Slack channel posts it to /api/messages. */
export function absSlackMessage(options: ActivityOptions): TestActivity {
  return {
    ...emulatorMessage(options),
    channelId: 'slack',
    channelData: { SlackMessage: { type: 'event_callback', event: { type: 'message', channel: 'D0ADA' } }, ApiToken: 'xoxb-abs' },
  };
}

let teamsMessageCount = 0;

/**
 * Teams message ids are numeric; each must be unique, or the bot rightly drops the second as a redelivery
 * (a random suffix once made two messages of one test collide).
 */
function nextTeamsMessageId(): string {
  return String(1_700_000_000_000 + ++teamsMessageCount);
}

/** A Teams channel message that @mentions the bot, as Teams sends it. */
export function teamsChannelMessage(options: ActivityOptions & { mentionText?: string }): TestActivity {
  const botId = '28:labmate-app-id';
  const mentionText = options.mentionText ?? '<at>labmate</at>';
  return {
    type: 'message',
    id: options.id ?? nextTeamsMessageId(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: '29:user-1', name: 'Ada Lovelace', aadObjectId: options.fromId ?? '00000000-0000-0000-0000-00000000a11c' },
    recipient: { id: botId, name: 'labmate' },
    conversation: {
      id: options.conversationId ?? `19:${randomUUID()}@thread.tacv2;messageid=1700000000000`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    },
    text: `${mentionText} ${options.text ?? ''}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mentionText, mentioned: { id: botId, name: 'labmate' } }],
    channelData: {
      teamsChannelId: '19:general@thread.tacv2',
      teamsTeamId: '19:team@thread.tacv2',
      channel: { id: '19:general@thread.tacv2' },
      team: { id: '19:team@thread.tacv2' },
      tenant: { id: 'tenant-1' },
    },
    locale: 'en-US',
  };
}

/** What Teams sends when a card's Action.Execute button is pressed: an `adaptiveCard/action` invoke from that person. */
export function teamsCardInvoke(options: ActivityOptions & { action: { verb: string; data: unknown }; replyToId?: string }): TestActivity {
  return {
    ...teamsChannelMessage(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb: options.action.verb, data: options.action.data }, trigger: 'manual' },
  };
}

/** The conversationUpdate a channel sends when members join (the bot among them or not). */
export function membersAdded(options: ActivityOptions & { memberIds: string[]; channelId?: string }): TestActivity {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: options.channelId ?? 'emulator',
    serviceUrl: options.serviceUrl,
    from: { id: 'user-1' },
    recipient: { id: 'labmate-bot', name: 'labmate' },
    conversation: { id: options.conversationId ?? `conv-${randomUUID()}` },
    membersAdded: options.memberIds.map((id) => ({ id })),
  };
}
