import type { AppOverrides } from '../../app.js';
import { emulatorMessage, type ActivityOptions } from './activities.js';
import { FakeConnector, type ConnectorCall } from './connector.js';
import { postForReply } from './conversation.js';
import { startApp, type RunningApp } from './runningApp.js';

/** What `ask` may set on the Emulator message besides its text. */
export type AskOptions = Omit<ActivityOptions, 'serviceUrl' | 'text'> & { channelData?: Record<string, unknown> };

/** A running bot and the local connector it replies through: what most message tests start. */
export interface BotWithConnector {
  bot: RunningApp;
  connector: FakeConnector;
  /**
   * Sends one Emulator message (to a new conversation unless `conversationId` is given), checks it was accepted,
   * and returns the bot's next reply to that conversation.
   */
  ask(text: string, options?: AskOptions): Promise<ConnectorCall>;
  stop(): Promise<void>;
}

export async function startBotWithConnector(env: Record<string, string> = {}, overrides: Omit<AppOverrides, 'logger'> = {}): Promise<BotWithConnector> {
  const connector = new FakeConnector();
  await connector.start();
  const bot = await startApp(env, overrides);
  return {
    bot,
    connector,
    ask: (text, { channelData, ...options } = {}) =>
      postForReply(bot, connector, { ...emulatorMessage({ serviceUrl: connector.url, text, ...options }), ...(channelData ? { channelData } : {}) }),
    stop: async () => {
      await bot.stop();
      await connector.stop();
    },
  };
}
