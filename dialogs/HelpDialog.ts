import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { renderHelpCard, renderHelpText, type HelpView } from '../cards/helpCard.js';
import { renderHelpBlocks } from '../cards/slack/helpBlocks.js';
import { cardOrText } from '../channels/capabilities.js';
import type { ParsedCommand } from '../bots/commandRouter.js';

export const HELP_DIALOG = 'help';

/** Help, and the answer to a command nobody knows. */
export class HelpDialog extends Dialog<ParsedCommand> {
  constructor(private readonly help: HelpView) {
    super(HELP_DIALOG);
  }

  override async beginDialog(dc: DialogContext, command?: ParsedCommand): Promise<DialogTurnResult> {
    const view =
      command?.name === 'unknown'
        ? { ...this.help, intro: `I don't know the command \`${command.argument.split(/\s/)[0]}\`. ${this.help.intro}` }
        : this.help;
    await dc.context.sendActivity(cardOrText(dc.context.activity, renderHelpCard(view), renderHelpText(view), renderHelpBlocks(view)));
    return dc.endDialog();
  }
}
