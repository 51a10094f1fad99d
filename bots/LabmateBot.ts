import { ActivityHandler, ActivityTypes, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type TurnContext } from 'botbuilder';
import type { ChannelRegistry } from '../channels/Channel.js';
import type { Capabilities } from '../dialogs/Capabilities.js';
import type { Notifier, ProactiveTurn } from '../dialogs/Turn.js';
import type { ConversationHandle } from '../state/ConversationHandle.js';
import { linesOf, plainText, type Card } from '../cards/Card.js';
import { helpFor, WELCOME_TEXT } from '../dialogs/help.js';
import type { Logger } from '../logging/logger.js';
import { BotTurn, claimActivity, type TurnServices } from './BotTurn.js';
import type { Dispatcher } from './Dispatcher.js';

interface LabmateBotOptions extends TurnServices {
  dispatcher: Dispatcher;
  capabilities: Capabilities;
  channels: ChannelRegistry;
  /** The bot's app id, which proactive turns are continued under (empty without authentication). */
  botAppId: string;
  logger: Logger;
}

/** The answer to a card's Action.Execute: a short message; the work itself is posted to the conversation. */
const INVOKE_HANDLED: AdaptiveCardInvokeResponse = {
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: 'OK' as unknown as Record<string, unknown>,
};

/**
 * The bot behind every channel: messages (typed, a button's command, posted images) and card invokes go through
 * the one dispatch; a redelivered activity acts once; the bot says hello once per conversation.
 */
export class LabmateBot extends ActivityHandler implements Notifier {
  constructor(private readonly options: LabmateBotOptions) {
    super();
    this.onMembersAdded(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (await this.isRedelivery(context)) return;
    // Messages, nearly every turn, go straight to the dispatch, past ActivityHandler's chain of async handlers (all
    // it would do is call the same one; the profile showed it per turn). It routes the rest (members added, invokes).
    if (context.activity.type === ActivityTypes.Message) await this.handleMessage(context);
    else await super.run(context);
  }

  /** A turn of this context, through its channel. */
  private turnOf(context: TurnContext): BotTurn {
    return new BotTurn(context, this.options.channels.for(context.activity), this.options);
  }

  /** Replies with a document outside the dispatch (the turn error handler). */
  async replyWith(context: TurnContext, document: Card): Promise<void> {
    await this.turnOf(context).reply(document);
  }

  async notify(conversation: ConversationHandle, send: (turn: ProactiveTurn) => Promise<void>): Promise<void> {
    const channel = this.options.channels.named(conversation.channel);
    await channel.adapter.continueConversationAsync(this.options.botAppId, conversation.reference, (context) => send(this.turnOf(context)));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = this.turnOf(context);
    const command = buttonCommand(context.activity.value);
    if (command !== undefined) {
      await this.options.dispatcher.dispatch(turn, command, 'button');
    } else if (turn.channel.imageReferences(context).length > 0) {
      // A message with images is classified, whatever its text says.
      await this.options.dispatcher.dispatch(turn, '', 'images');
    } else {
      await this.options.dispatcher.dispatch(turn, turn.channel.commandText(context.activity), 'typed');
    }
  }

  /** Teams' Action.Execute: the command runs like a button's; the invoke is answered within Teams' 5 s. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const command = buttonCommand(invokeValue.action?.data);
    if (command === undefined) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This card action is not known to labmate.' } };
    }
    const refusal = await this.options.dispatcher.dispatch(this.turnOf(context), command, 'button');
    const refused = refusal && linesOf(refusal).map(plainText).join(' ');
    return refused ? { ...INVOKE_HANDLED, value: refused as unknown as Record<string, unknown> } : INVOKE_HANDLED;
  }

  /** Channels retry (Teams after 15 s): the same activity id in the same conversation acts once. */
  private async isRedelivery(context: TurnContext): Promise<boolean> {
    if (await claimActivity(context, this.options.settings)) return false;
    const { id, channelId, conversation, type } = context.activity;
    this.options.logger.info('ignored a redelivered activity', { activityId: id, channelId, conversationId: conversation?.id });
    if (type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: INVOKE_HANDLED } });
    return true;
  }

  /** Once per conversation, when the bot itself is added (not for every person who joins). */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.recipient.id);
    if (!botAdded) return;
    const turn = this.turnOf(context);
    if (await turn.welcomeOnce()) await turn.reply(helpFor(this.options.capabilities, WELCOME_TEXT));
  }
}

/** The command a button sends (`{ command }`, whatever the channel), if the value is one. */
function buttonCommand(value: unknown): string | undefined {
  const command = (value as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' ? command.trim() : undefined;
}
