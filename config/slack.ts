import type { EnvReader } from './envReader.js';

export interface SlackConfig {
  /** The direct Slack app; absent without SLACK_SIGNING_SECRET or SLACK_APP_TOKEN (its routes then answer 404). */
  app?: {
    /** Verifies every HTTP request from Slack; absent with Socket Mode only (the HTTP routes then answer 404). */
    signingSecret?: string;
    /** Slack Web API base URL, overridable for tests. */
    apiUrl: string;
    /** SLACK_APP_TOKEN (xapp-…, scope connections:write): Socket Mode over a WebSocket, no public address needed. */
    appToken?: string;
  };
  /** xoxb- token for chat.postMessage and file downloads. */
  botToken?: string;
  /** SLACK_FILE_HOSTS: where Slack serves files, the only hosts the bot token is sent to. */
  fileHosts: string[];
}

export function readSlack(env: EnvReader): SlackConfig {
  const apiUrl = env.url('SLACK_API_URL') ?? 'https://slack.com/api';
  const signingSecret = env.optional('SLACK_SIGNING_SECRET');
  const botToken = env.optional('SLACK_BOT_TOKEN');
  const appToken = env.optional('SLACK_APP_TOKEN');
  const fileHosts = env.hostList('SLACK_FILE_HOSTS', ['files.slack.com']);
  if (appToken !== undefined && !appToken.startsWith('xapp-')) env.problem('SLACK_APP_TOKEN', 'to be an app-level token (xapp-…, scope connections:write)');
  if (appToken && !botToken) env.problem('SLACK_BOT_TOKEN', 'to be set, because SLACK_APP_TOKEN is set (Socket Mode answers with chat.postMessage)');
  if (!signingSecret && !appToken) {
    if (botToken) env.problem('SLACK_SIGNING_SECRET', 'to be set, because SLACK_BOT_TOKEN is set (the direct Slack app needs both, or SLACK_APP_TOKEN for Socket Mode)');
    return { fileHosts };
  }
  return { app: { signingSecret, apiUrl, ...(appToken ? { appToken } : {}) }, botToken, fileHosts };
}
