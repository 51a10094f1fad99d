import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/** Posts to a conversation outside any turn (the end of a long operation). */
export interface ConversationNotifier {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function adapterNotifier(adapter: CloudAdapter, botAppId: string): ConversationNotifier {
  return {
    continueConversation: (reference, logic) => adapter.continueConversationAsync(botAppId, reference, logic),
  };
}
