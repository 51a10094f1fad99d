import type { Activity } from 'botbuilder';
import { SLACK_BLOCKS_CONTENT_TYPE, type Block } from './blockKit.js';
import type { SlackMessage } from './SlackApi.js';

/** Slack caps message text near 40,000 characters; longer text is cut rather than refused. */
const MAX_TEXT = 39_000;

/**
 * An outgoing activity as a Slack message: Block Kit blocks from a `application/vnd.slack.blocks` attachment, and
 * the text, which the channel's renderer already wrote as escaped mrkdwn. Undefined when there is nothing to show.
 */
export function slackMessageFrom(activity: Partial<Activity>): SlackMessage | undefined {
  const attachments = activity.attachments ?? [];
  const blocks = attachments.find((attachment) => attachment.contentType === SLACK_BLOCKS_CONTENT_TYPE)?.content as Block[] | undefined;
  const text = activity.text ?? '';
  if (text === '' && !blocks) return undefined;
  return { text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text, ...(blocks ? { blocks } : {}) };
}
