import type { EnvReader } from './envReader.js';

export interface SlackConfig {
  /** The direct Slack app; absent without SLACK_SIGNING_SECRET (its routes then answer 404). */
  app?: {
    /** Verifies every request from Slack. */
    signingSecret: string;
    /** Slack Web API base URL, overridable for tests. */
    apiUrl: string;
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
  const fileHosts = env.hostList('SLACK_FILE_HOSTS', ['files.slack.com']);
  if (!signingSecret) {
    if (botToken) env.problem('SLACK_SIGNING_SECRET', 'to be set, because SLACK_BOT_TOKEN is set (the direct Slack app needs both)');
    return { fileHosts };
  }
  return { app: { signingSecret, apiUrl }, botToken, fileHosts };
}
