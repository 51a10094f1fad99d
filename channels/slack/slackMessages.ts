import type { Activity } from 'botbuilder';
import { clip } from '../../cards/render/escape.js';
import { SLACK_BLOCKS_CONTENT_TYPE, type Block } from '../../cards/render/blockKit.js';
import { MAX_MRKDWN_LENGTH } from '../../cards/render/mrkdwn.js';
import type { SlackMessage } from './SlackApi.js';

/**
 * An outgoing activity as a Slack message: Block Kit blocks from a `application/vnd.slack.blocks` attachment, and
 * the text, which the channel's renderer already wrote as escaped mrkdwn (cut, not refused, should it still be over
 * Slack's limit). Undefined when there is nothing to show.
 */
export function slackMessageFrom(activity: Partial<Activity>): SlackMessage | undefined {
  const attachments = activity.attachments ?? [];
  const blocks = attachments.find((attachment) => attachment.contentType === SLACK_BLOCKS_CONTENT_TYPE)?.content as Block[] | undefined;
  const text = activity.text ?? '';
  if (text === '' && !blocks) return undefined;
  return { text: clip(text, MAX_MRKDWN_LENGTH), ...(blocks ? { blocks } : {}) };
}
