import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { emulatorMessage, type TestActivity } from './activities.js';
import { adaptiveCardOf, type ConnectorCall, type FakeConnector } from './connector.js';
import { cardButtons } from './renderedText.js';
import type { RunningApp } from './runningApp.js';

/** Posts an activity, checks the bot accepted it, and returns the bot's next message to its conversation. */
export async function postForReply(bot: RunningApp, connector: FakeConnector, activity: TestActivity, timeoutMs = 10_000): Promise<ConnectorCall> {
  const conversationId = activity.conversation.id;
  const before = connector.messagesTo(conversationId).length;
  assert.equal((await bot.post(activity)).status, 200);
  return (await connector.waitForMessages(conversationId, before + 1, timeoutMs))[before];
}

/**
 * A new Emulator conversation with one person in it (others speak with `who`); each call returns the bot's reply.
 * `bot` is read at each post, so a test may switch to another instance.
 */
export function emulatorConversation(connector: FakeConnector, bot: () => RunningApp, fromId: string, timeoutMs = 10_000) {
  const id = `conv-${randomUUID()}`;
  const message = (who: string, fields: { text?: string; value?: unknown }) => emulatorMessage({ serviceUrl: connector.url, conversationId: id, fromId: who, ...fields });
  const post = (activity: TestActivity) => postForReply(bot(), connector, activity, timeoutMs);
  return {
    id,
    /** A message as this conversation sends it, to add attachments to before `post`. */
    message,
    post,
    say: (text: string, who = fromId) => post(message(who, { text })),
    /** An Action.Submit (the Emulator's way of pressing a button): a message whose value is the button's data. */
    press: (command: string, who = fromId) => {
      const activity = message(who, { value: { command } });
      delete activity.text;
      return post(activity);
    },
  };
}

/** The command a reply's card button runs, found by the button's title; fails naming the buttons there are. */
export function buttonCommand(reply: ConnectorCall, title: string): string {
  const buttons = cardButtons(adaptiveCardOf(reply));
  const found = buttons.find(([label]) => label === title);
  assert.ok(found, `no ${title} button in: ${JSON.stringify(buttons)}`);
  return found[1];
}
