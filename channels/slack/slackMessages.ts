import type { Activity } from 'botbuilder';
import { SLACK_BLOCKS_CONTENT_TYPE, type Block } from '../../cards/slack/blockKit.js';
import { markdownToMrkdwn } from '../../cards/mrkdwn.js';
import type { SlackMessage } from './SlackApi.js';

/** Slack caps message text near 40,000 characters; longer text is cut rather than refused. */
const MAX_TEXT = 39_000;

/**
 * An outgoing activity as a Slack message: Block Kit blocks from a `application/vnd.slack.blocks` attachment, and
 * the text as mrkdwn (escaped, bold converted). Adaptive Cards do not exist in Slack: a card that reached here is
 * replaced by its fallback text. Undefined when there is nothing to show.
 */
export function slackMessageFrom(activity: Partial<Activity>): SlackMessage | undefined {
  const attachments = activity.attachments ?? [];
  const blocks = attachments.find((attachment) => attachment.contentType === SLACK_BLOCKS_CONTENT_TYPE)?.content as Block[] | undefined;
  const cardFallback = attachments
    .map((attachment) => (attachment.content as { fallbackText?: unknown } | undefined)?.fallbackText)
    .find((fallback): fallback is string => typeof fallback === 'string');
  const source = activity.text || cardFallback || '';
  const text = source === '' ? '' : markdownToMrkdwn(source, { escape: true });
  if (text === '' && !blocks) return undefined;
  return { text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text, ...(blocks ? { blocks } : {}) };
}
