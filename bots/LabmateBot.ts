import { ActivityHandler, ActivityTypes, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type TurnContext } from 'botbuilder';
import type { ChannelRegistry } from '../channels/Channel.js';
import type { Capabilities } from '../dialogs/Capabilities.js';
import { linesOf, plainText, type Card } from '../cards/Card.js';
import { welcomeFor } from '../dialogs/help.js';
import type { Logger } from '../logging/logger.js';
import { BotTurn, claimActivity, type TurnServices } from './BotTurn.js';
import type { Dispatcher } from './Dispatcher.js';

interface LabmateBotOptions extends TurnServices {
  dispatcher: Dispatcher;
  capabilities: Capabilities;
  channels: ChannelRegistry;
  logger: Logger;
}

/** How long an invoke waits for its command before it is answered and the work goes on (Teams allows about 5 s). */
const INVOKE_ANSWER_MS = 2500;

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
export class LabmateBot extends ActivityHandler {
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

  /**
   * Teams' Action.Execute: the command runs like a button's. Teams gives an invoke about 5 s: a command done within
   * INVOKE_ANSWER_MS answers with its refusal, if any; a slower one gets "OK" then, and its work is posted after.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const command = buttonCommand(invokeValue.action?.data);
    if (command === undefined) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This card action is not known to labmate.' } };
    }
    const dispatched = this.options.dispatcher.dispatch(this.turnOf(context), command, 'button');
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<'too slow'>((resolve) => (timer = setTimeout(resolve, INVOKE_ANSWER_MS, 'too slow')));
    const first = await Promise.race([dispatched, tooSlow]).finally(() => clearTimeout(timer));
    if (first === 'too slow') {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: INVOKE_HANDLED } });
      await dispatched;
      return INVOKE_HANDLED;
    }
    const refused = first && linesOf(first).map(plainText).join(' ');
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
    if (await turn.welcomeOnce()) await turn.reply(welcomeFor(this.options.capabilities));
  }
}

/** The command a button sends (`{ command }`, whatever the channel), if the value is one. */
function buttonCommand(value: unknown): string | undefined {
  const command = (value as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' ? command.trim() : undefined;
}
