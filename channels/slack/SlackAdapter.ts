import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { Logger } from '../../logging/logger.js';
import { DirectChannelAdapter } from '../DirectChannelAdapter.js';
import type { InlineReply } from './InlineReply.js';
import type { ResponseUrls } from './ResponseUrls.js';
import type { SlackApi, SlackResponse } from './SlackApi.js';
import { parseSlackConversationId, slackAppData, type SlackAppChannelData, type SlackResponseOptions } from './slackChannelData.js';
import { slackMessageFrom } from './slackMessages.js';

const INLINE_REPLY = Symbol('slackInlineReply');

interface SlackAdapterOptions {
  api: SlackApi;
  responseUrls: ResponseUrls;
  logger: Logger;
}

/**
 * A botbuilder adapter for the direct Slack app. Incoming Slack requests become activities (see slackActivities.ts)
 * and run through the same bot as /api/messages; outgoing activities become Slack messages:
 * - in a slash command or button turn, through its response_url (ephemeral unless the activity asks otherwise),
 *   the first one possibly inside the HTTP answer itself;
 * - otherwise (events, proactive messages without a usable response_url) with chat.postMessage.
 */
export class SlackAdapter extends DirectChannelAdapter {
  constructor(private readonly options: SlackAdapterOptions) {
    super();
  }

  /** Runs one turn for an activity built from a Slack request. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>, inline?: InlineReply): Promise<void> {
    const data = slackAppData(activity as Activity);
    if (data?.responseUrl && activity.conversation && activity.from) {
      this.options.responseUrls.remember(data.responseUrl, activity.conversation.id, activity.from.id);
    }
    const context = new TurnContext(this, activity);
    if (inline) context.turnState.set(INLINE_REPLY, inline);
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(activity.value) || 1000, 10_000)));
        responses.push({ id: '' });
        continue;
      }
      // Slack has no typing indicator for bots posting through the Web API; other activity types have no Slack form.
      const message = activity.type === ActivityTypes.Message ? slackMessageFrom(activity) : undefined;
      if (!message) {
        responses.push({ id: '' });
        continue;
      }
      const options = (activity.channelData as { slackResponse?: SlackResponseOptions } | undefined)?.slackResponse ?? {};
      const response: SlackResponse = {
        ...message,
        ...(options.responseType ? { response_type: options.responseType } : {}),
        ...(options.replaceOriginal ? { replace_original: true } : {}),
      };
      responses.push({ id: await this.deliver(context, activity, response) });
    }
    return responses;
  }

  override async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const message = slackMessageFrom(activity);
    if (!activity.id || !activity.conversation || !message) throw new Error('updateActivity needs the message id (ts), the conversation and content');
    await this.options.api.updateMessage(parseSlackConversationId(activity.conversation.id).channel, activity.id, message);
    return { id: activity.id };
  }

  override async deleteActivity(_context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    if (!reference.activityId || !reference.conversation) throw new Error('deleteActivity needs the message id (ts) and the conversation');
    await this.options.api.deleteMessage(parseSlackConversationId(reference.conversation.id).channel, reference.activityId);
  }

  /** Marks a proactive turn as the direct app's, so replies are rendered for it (Block Kit) and sent by this adapter. */
  protected override proactiveActivity(activity: Partial<Activity>): Partial<Activity> {
    return { ...activity, channelData: { slackApp: { source: 'proactive', teamId: '' } } satisfies SlackAppChannelData };
  }

  private async deliver(context: TurnContext, activity: Partial<Activity>, response: SlackResponse): Promise<string> {
    const inline = context.turnState.get(INLINE_REPLY) as InlineReply | undefined;
    if (inline && !response.replace_original && inline.offer(response)) return `inline-${randomUUID()}`;
    if (inline) await inline.sent;

    const responseUrl = this.responseUrlFor(context);
    if (responseUrl) {
      await this.options.api.respond(responseUrl, response);
      return `response-${randomUUID()}`;
    }
    const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
    const { channel, threadTs } = parseSlackConversationId(conversationId);
    const { ts } = await this.options.api.postMessage(channel, response, threadTs);
    return ts;
  }

  /**
   * The turn's own response_url while it has uses left; for a proactive turn, the newest usable one from the same
   * person in the same conversation (it reaches channels the bot is not a member of, and DMs between people).
   */
  private responseUrlFor(context: TurnContext): string | undefined {
    const { responseUrls } = this.options;
    const data = slackAppData(context.activity);
    if (data?.responseUrl) return responseUrls.take(data.responseUrl) ? data.responseUrl : undefined;
    if (data?.source !== 'proactive') return undefined;
    const latest = responseUrls.latestFor(context.activity.conversation.id, context.activity.from?.id ?? '');
    return latest && responseUrls.take(latest) ? latest : undefined;
  }
}
