import { strict as assert } from 'node:assert';
import type { AppOverrides } from '../../app.js';
import { emulatorMessage, type ActivityOptions } from './activities.js';
import { FakeConnector, type ConnectorCall } from './connector.js';
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
    ask: async (text, { channelData, ...options } = {}) => {
      const activity = { ...emulatorMessage({ serviceUrl: connector.url, text, ...options }), ...(channelData ? { channelData } : {}) };
      const conversationId = activity.conversation.id;
      const before = connector.messagesTo(conversationId).length;
      assert.equal((await bot.post(activity)).status, 200);
      const messages = await connector.waitForMessages(conversationId, before + 1, 10_000);
      return messages[before];
    },
    stop: async () => {
      await bot.stop();
      await connector.stop();
    },
  };
}
