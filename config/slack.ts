import type { EnvReader } from './envReader.js';

export interface SlackConfig {
  /** Verifies every request from Slack; without it the Slack routes answer 404. */
  signingSecret: string;
  /** xoxb- token for chat.postMessage and file downloads. */
  botToken?: string;
  /** Slack Web API base URL, overridable for tests. */
  apiUrl: string;
}

export function readSlack(env: EnvReader): SlackConfig | undefined {
  const apiUrl = env.url('SLACK_API_URL') ?? 'https://slack.com/api';
  const signingSecret = env.optional('SLACK_SIGNING_SECRET');
  const botToken = env.optional('SLACK_BOT_TOKEN');
  if (!signingSecret) {
    if (botToken) env.problem('SLACK_SIGNING_SECRET', 'to be set, because SLACK_BOT_TOKEN is set (the direct Slack app needs both)');
    return undefined;
  }
  return { signingSecret, botToken, apiUrl };
}
