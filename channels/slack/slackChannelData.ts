import type { Activity } from 'botbuilder';

/**
 * What the direct Slack app puts in `activity.channelData`, so the bot and the Slack adapter can tell its activities
 * from those of Azure Bot Service's Slack channel (which carry `channelData.SlackMessage` instead).
 */
export interface SlackAppChannelData {
  slackApp: {
    /** Which endpoint the request came through. */
    source: 'command' | 'event' | 'interaction' | 'proactive';
    teamId: string;
    /** Slash commands and interactions: where answers go (5 uses within 30 minutes). */
    responseUrl?: string;
    /** The Slack message that this activity is (events) or that the button sits on (interactions). */
    messageTs?: string;
  };
}

/** Options an outgoing activity can carry in `channelData.slackResponse` for the direct Slack app. */
export interface SlackResponseOptions {
  /** Through a response_url: "ephemeral" (only the person who asked sees it; the default) or "in_channel". */
  responseType?: 'ephemeral' | 'in_channel';
  /** Through an interaction's response_url: replace the message the button sat on (a confirmation). */
  replaceOriginal?: boolean;
}

export function slackAppData(activity: Pick<Activity, 'channelId' | 'channelData'>): SlackAppChannelData['slackApp'] | undefined {
  if (activity.channelId !== 'slack') return undefined;
  return (activity.channelData as Partial<SlackAppChannelData> | undefined)?.slackApp;
}

/** True for activities of the direct Slack app (not Azure Bot Service's Slack channel). */
export function isSlackApp(activity: Pick<Activity, 'channelId' | 'channelData'>): boolean {
  return slackAppData(activity) !== undefined;
}

/** Conversation ids of the direct app: the Slack channel id, plus `:thread_ts` for a thread. */
export function slackConversationId(channel: string, threadTs?: string): string {
  return threadTs ? `${channel}:${threadTs}` : channel;
}

export function parseSlackConversationId(conversationId: string): { channel: string; threadTs?: string } {
  const at = conversationId.indexOf(':');
  return at < 0 ? { channel: conversationId } : { channel: conversationId.slice(0, at), threadTs: conversationId.slice(at + 1) };
}
