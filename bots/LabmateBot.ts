import { TeamsActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { renderHelpCard, renderHelpText, type HelpView } from '../cards/helpCard.js';
import { renderHelpBlocks } from '../cards/slack/helpBlocks.js';
import { cardOrText } from '../channels/capabilities.js';
import { textWithoutMention } from '../channels/teams/mentions.js';
import type { MainDialog } from '../dialogs/MainDialog.js';
import { parseCommand } from './commandRouter.js';

/** Longer messages are refused before any analysis: Teams itself caps a message near 28 KB. */
export const MAX_MESSAGE_CHARS = 25_000;

export interface LabmateBotOptions {
  conversationState: ConversationState;
  mainDialog: MainDialog;
  welcome: HelpView;
}

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
    await super.run(context);
    await this.options.conversationState.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = commandText(context);
    if (text.length > MAX_MESSAGE_CHARS) {
      await context.sendActivity(
        `That message has ${text.length.toLocaleString('en')} characters; I analyse up to ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Please send a shorter part.`,
      );
      return;
    }
    await this.options.mainDialog.run(context, this.dialogState, parseCommand(text));
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

/** The text to route: a card button's `value.command`, else the message text without the @mention. */
function commandText(context: TurnContext): string {
  const value = context.activity.value as { command?: unknown } | undefined;
  if (typeof value?.command === 'string') return value.command.trim();
  return textWithoutMention(context.activity);
}
