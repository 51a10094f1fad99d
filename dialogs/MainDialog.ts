import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type Dialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { ParsedCommand, RouteTable } from '../bots/commandRouter.js';

const DISPATCH = 'dispatch';

/** Hands each command to the dialog its route names; a dialog still waiting for an answer gets the turn first. */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly routes: RouteTable,
    dialogs: Dialog[],
  ) {
    super('main');
    for (const dialog of dialogs) this.addDialog(dialog);
    this.addDialog(new WaterfallDialog(DISPATCH, [(step) => this.dispatch(step), (step) => step.endDialog()]));
    this.initialDialogId = DISPATCH;
  }

  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>, command: ParsedCommand): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, command);
  }

  private async dispatch(step: WaterfallStepContext) {
    const command = step.options as ParsedCommand;
    return step.beginDialog(this.routes.resolve(command), command);
  }
}
