import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { adapterForReference } from '../channels/proactiveAdapter.js';

/** Posts to a conversation outside any turn (the end of a long operation). */
export interface ConversationNotifier {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * Continues each conversation through the adapter it came from: the direct Slack app's for its own
 * conversations, the Bot Framework's for the rest (Teams, Emulator, Azure Bot Service's Slack channel).
 */
export function adapterNotifier(
  botAppId: string,
  adapters: { botFramework: BotAdapter; slackApp?: BotAdapter; slackApiUrl?: string },
): ConversationNotifier {
  return {
    continueConversation: (reference, logic) =>
      adapterForReference(reference, adapters).continueConversationAsync(botAppId, reference, logic),
  };
}
