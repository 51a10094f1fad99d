import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { renderHelpCard, renderHelpText, type HelpView } from '../cards/helpCard.js';
import { hasImageAttachments } from '../channels/attachments/imageAttachments.js';
import { renderHelpBlocks } from '../cards/slack/helpBlocks.js';
import { cardOrText } from '../channels/capabilities.js';
import { textWithoutMention } from '../channels/teams/mentions.js';
import type { MainDialog } from '../dialogs/MainDialog.js';
import type { AutoTranslation } from './autoTranslate.js';
import type { Logger } from '../logging/logger.js';
import type { CommandAuthorizer } from './authorization.js';
import { commandFromCardAction } from './cardActions.js';
import { parseCommand } from './commandRouter.js';
import type { RecentIds } from '../channels/RecentIds.js';

/** Longer messages are refused before any analysis: Teams itself caps a message near 28 KB. */
export const MAX_MESSAGE_CHARS = 25_000;

export interface LabmateBotOptions {
  conversationState: ConversationState;
  mainDialog: MainDialog;
  welcome: HelpView;
  /** Translates the conversation both ways when a conversation asked for it. */
  autoTranslation?: AutoTranslation;
  /** Checks commands that change infrastructure before dispatch. */
  authorizer?: CommandAuthorizer;
  /** Recently seen activity ids: a redelivered activity is acknowledged and not acted on again. */
  recentActivities?: RecentIds;
  logger?: Logger;
}

/** The answer to a card's Action.Execute: a short message, the work itself is posted to the conversation. */
const INVOKE_HANDLED: AdaptiveCardInvokeResponse = {
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: 'OK' as unknown as Record<string, unknown>,
};

export class LabmateBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(private readonly options: LabmateBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.welcomed = options.conversationState.createProperty<boolean>('welcomed');

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });
  }

  /** Saves conversation state after every turn, whatever the handlers did. */
  override async run(context: TurnContext): Promise<void> {
    if (await this.isRedelivery(context)) return;
    await super.run(context);
    await this.options.conversationState.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // A message with images is classified, whatever its text says.
    if (hasImageAttachments(context.activity)) {
      await this.options.mainDialog.run(context, this.dialogState, { name: 'classify', argument: '', implicit: true });
      return;
    }
    const text = commandText(context);
    if (text.length > MAX_MESSAGE_CHARS) {
      await context.sendActivity(
        `That message has ${text.length.toLocaleString('en')} characters; I analyse up to ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Please send a shorter part.`,
      );
      return;
    }
    await this.dispatch(context, text);
  }

  /** Teams' Action.Execute: answered within Teams' 5 s with a short message; the command runs like a typed one. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const text = commandFromCardAction(invokeValue.action?.verb, invokeValue.action?.data);
    if (!text) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This card action is not known to labmate.' } };
    }
    const refusal = await this.dispatch(context, text);
    return refusal ? { ...INVOKE_HANDLED, value: refusal as unknown as Record<string, unknown> } : INVOKE_HANDLED;
  }

  /** Authorization before dispatch: a refused command is answered with why (also returned), and never reaches a dialog. */
  private async dispatch(context: TurnContext, text: string): Promise<string | undefined> {
    const command = this.options.autoTranslation ? await this.options.autoTranslation.route(context, text) : parseCommand(text);
    const decision = this.options.authorizer?.authorize(context.activity, command);
    if (decision && !decision.allowed) {
      await context.sendActivity(decision.message);
      return decision.message;
    }
    await this.options.mainDialog.run(context, this.dialogState, command);
    return undefined;
  }

  /** Channels retry (Teams after 15 s): the same activity id in the same conversation acts once. */
  private async isRedelivery(context: TurnContext): Promise<boolean> {
    const { id, channelId, conversation, type } = context.activity;
    if (!id || !this.options.recentActivities || this.options.recentActivities.firstTime(`${channelId}/${conversation?.id}/${id}`)) return false;
    this.options.logger?.info('ignored a redelivered activity', { activityId: id, channelId, conversationId: conversation?.id });
    if (type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: INVOKE_HANDLED } });
    return true;
  }

  /** Once per conversation, when the bot itself is added (not for every person who joins). */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.recipient.id);
    if (!botAdded || (await this.welcomed.get(context, false))) return;
    await this.welcomed.set(context, true);
    const welcome = this.options.welcome;
    await context.sendActivity(cardOrText(context.activity, renderHelpCard(welcome), renderHelpText(welcome), renderHelpBlocks(welcome)));
  }
}

/**
 * The text to route: a card button's `value.command`, a card action's `value.action` (Action.Submit, Slack
 * buttons) as the command it stands for, else the message text without the @mention.
 */
function commandText(context: TurnContext): string {
  const value = context.activity.value as { command?: unknown; action?: unknown } | undefined;
  if (typeof value?.command === 'string') return value.command.trim();
  const action = commandFromCardAction(value?.action, value);
  if (action) return action;
  return textWithoutMention(context.activity);
}
