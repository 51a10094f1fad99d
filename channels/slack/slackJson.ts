import type { Block } from '../../cards/render/blockKit.js';
import type { SlackResponse } from './SlackApi.js';

/** The JSON of frozen blocks (a shared rendering, such as help's), written once. */
const blocksJson = new WeakMap<readonly Block[], string>();

/**
 * A message as the JSON Slack reads, for a response_url or a slash command's HTTP answer. Blocks that are frozen
 * are the same for every turn that sends them: their JSON (most of the message) is written once and reused.
 */
export function slackResponseJson(response: SlackResponse): string {
  const { blocks, ...rest } = response;
  if (!blocks || !Object.isFrozen(blocks)) return JSON.stringify(response);
  let json = blocksJson.get(blocks);
  if (json === undefined) blocksJson.set(blocks, (json = JSON.stringify(blocks)));
  // `rest` always has its text, so its JSON ends with a member: the blocks follow it.
  return `${JSON.stringify(rest).slice(0, -1)},"blocks":${json}}`;
}
