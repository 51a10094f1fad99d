import type { ChannelRegistry } from '../channels/Channel.js';
import type { Notifier, ProactiveTurn } from '../dialogs/Turn.js';
import type { ConversationHandle } from '../state/ConversationHandle.js';
import { BotTurn, type TurnServices } from './BotTurn.js';

/**
 * Posts to a conversation outside any turn, through the channel it was saved from: built from the channel registry
 * before the bot, so the features that post proactively (VM outcomes, notices, training, job ends) need no bot.
 */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly channels: ChannelRegistry,
    private readonly services: TurnServices,
    /** The bot's app id, which proactive turns are continued under (empty without authentication). */
    private readonly botAppId: string,
  ) {}

  async notify(conversation: ConversationHandle, send: (turn: ProactiveTurn) => Promise<void>): Promise<void> {
    const channel = this.channels.named(conversation.channel);
    await channel.adapter.continueConversationAsync(this.botAppId, conversation.reference, (context) =>
      send(new BotTurn(context, this.channels.for(context.activity), this.services)),
    );
  }
}
