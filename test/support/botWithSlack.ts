import { FakeConnector } from './connector.js';
import { startApp, type RunningApp } from './runningApp.js';
import { FakeSlack, slackAppEnv } from './slack.js';

/** A running bot with the direct Slack app on, its local Slack, and the local connector for its other channels. */
export interface BotWithSlack {
  bot: RunningApp;
  slack: FakeSlack;
  connector: FakeConnector;
  stop(): Promise<void>;
}

export async function startBotWithSlack(env: Record<string, string> = {}): Promise<BotWithSlack> {
  const connector = new FakeConnector();
  const slack = new FakeSlack();
  await Promise.all([connector.start(), slack.start()]);
  const bot = await startApp({ ...slackAppEnv(slack), ...env });
  return {
    bot,
    slack,
    connector,
    stop: async () => {
      await bot.stop();
      await Promise.all([connector.stop(), slack.stop()]);
    },
  };
}
