import type { WebClient } from '@slack/web-api';
import type { Block } from '../../cards/render/blockKit.js';
import type { Logger } from '../../logging/logger.js';
import { postJson } from './postJson.js';
import { slackResponseJson } from './slackJson.js';
import { withinRateLimit } from './slackRateLimit.js';

/** One Slack message: mrkdwn text (the notification fallback when blocks are present) and Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks?: Block[];
}

/** What a response_url accepts on top of a message. */
export interface SlackResponse extends SlackMessage {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

/** The Slack calls the adapter makes; the real one speaks to Slack's Web API and to response URLs. */
export interface SlackApi {
  postMessage(channel: string, message: SlackMessage, threadTs?: string): Promise<{ ts: string }>;
  updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void>;
  deleteMessage(channel: string, ts: string): Promise<void>;
  respond(responseUrl: string, response: SlackResponse): Promise<void>;
}

/**
 * chat.* through `@slack/web-api` with the bot token (SLACK_API_URL as its base), and response URLs with postJson.
 * A response URL is only followed to Slack's hooks host (or the configured API host, for tests and proxies): the
 * request was signed, but a URL is still not something to POST to blindly.
 */
export function createSlackApi(config: { apiUrl: string; botToken?: string; timeoutMs: number; logger?: Logger }): SlackApi {
  // The Web API client is loaded with the first chat.* call: slash commands and buttons may never need it.
  let loaded: Promise<WebClient> | undefined;
  const webClient = () =>
    (loaded ??= import('@slack/web-api').then(
      ({ WebClient }) =>
        new WebClient(config.botToken, {
          slackApiUrl: config.apiUrl,
          // A chat answer that arrives after minutes helps nobody; the default retries for about 30 minutes.
          retryConfig: { retries: 2, factor: 2, minTimeout: 500 },
          timeout: config.timeoutMs,
          // A 429 fails the call at once instead of pausing every conversation's calls; withinRateLimit retries it.
          rejectRateLimitedCalls: true,
        }),
    ));
  const tokenClient = async () => {
    if (!config.botToken) throw new Error('SLACK_BOT_TOKEN is not set: the bot can answer slash commands and buttons, but cannot post messages');
    return webClient();
  };
  const limited = <T>(method: string, call: () => Promise<T>) => withinRateLimit(method, config.timeoutMs, call, config.logger);
  const allowedHosts = new Set(['hooks.slack.com', new URL(config.apiUrl).host]);

  return {
    async postMessage(channel, message, threadTs) {
      const client = await tokenClient();
      const result = await limited('chat.postMessage', () => client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, thread_ts: threadTs }));
      return { ts: result.ts ?? '' };
    },
    async updateMessage(channel, ts, message) {
      const client = await tokenClient();
      await limited('chat.update', () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks ?? [] }));
    },
    async deleteMessage(channel, ts) {
      const client = await tokenClient();
      await limited('chat.delete', () => client.chat.delete({ channel, ts }));
    },
    async respond(responseUrl, response) {
      const url = new URL(responseUrl);
      const trusted = allowedHosts.has(url.host) && (url.protocol === 'https:' || url.host === new URL(config.apiUrl).host);
      if (!trusted) throw new Error(`refusing to post to a response_url on ${url.host}`);
      const status = await postJson(url, slackResponseJson(response), config.timeoutMs);
      if (status < 200 || status > 299) throw new Error(`the response_url answered HTTP ${status}`);
    },
  };
}
