import type { Middleware, TurnContext } from 'botbuilder';
import { markdownToMrkdwn } from '../../cards/mrkdwn.js';
import { isSlackApp } from './slackChannelData.js';

/**
 * For Azure Bot Service's Slack channel (activities at /api/messages with `channelId` "slack"): every outgoing
 * text becomes Slack mrkdwn (`**bold**` would show its stars). Escaping is left to the channel, which posts the
 * text for us. The direct Slack app converts in its own adapter.
 */
export class SlackMrkdwnMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId === 'slack' && !isSlackApp(context.activity)) {
      context.onSendActivities(async (_context, activities, send) => {
        for (const activity of activities) {
          if (activity.type === 'message' && activity.text) activity.text = markdownToMrkdwn(activity.text, { escape: false });
        }
        return send();
      });
    }
    await next();
  }
}
