import { ActivityTypes, TurnContext, type Activity, type InvokeResponse, type ResourceResponse } from 'botbuilder';
import { DirectChannelAdapter } from '../DirectChannelAdapter.js';
import type { Conversations, ShownMessage } from './Conversations.js';

const INVOKE_RESPONSE = Symbol('tryoutInvokeResponse');

/**
 * A botbuilder adapter for the try-out page: activities the page posts run through the same bot as
 * /api/messages, and what the bot sends goes to the pages open on that conversation (Conversations). An invoke's
 * response comes back to the request that made it, as Teams gets it. Proactive turns: DirectChannelAdapter.
 */
export class TryoutAdapter extends DirectChannelAdapter {
  constructor(private readonly conversations: Conversations) {
    super();
  }

  /** Runs one turn; resolves with the invoke response when the activity was an invoke. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
    return context.turnState.get(INVOKE_RESPONSE) as InvokeResponse | undefined;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'invokeResponse') {
        context.turnState.set(INVOKE_RESPONSE, activity.value);
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Message) {
        responses.push({ id: this.conversations.post(conversationOf(context, activity), shown(activity)) });
      } else {
        // Typing and other activity types have nothing to show on the page.
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    if (!activity.id) throw new Error('updateActivity needs the id of the message to rewrite');
    this.conversations.update(conversationOf(context, activity), activity.id, shown(activity));
    return { id: activity.id };
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('the try-out page does not delete messages');
  }
}

function conversationOf(context: TurnContext, activity: Partial<Activity>): string {
  return activity.conversation?.id ?? context.activity.conversation.id;
}

/** Only what the page renders: the text and the attachments (Adaptive Cards), nothing of the routing. */
function shown(activity: Partial<Activity>): ShownMessage {
  return {
    ...(activity.text ? { text: activity.text, textFormat: activity.textFormat } : {}),
    ...(activity.attachments?.length ? { attachments: activity.attachments.map(({ contentType, content }) => ({ contentType, content })) } : {}),
  };
}
