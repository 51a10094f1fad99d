import { PrivateConversationState, type StatePropertyAccessor, type Storage } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Turn } from '../commands/Turn.js';
import { setFlowTurn } from '../handlers/flows.js';
import type { FlowStarter } from '../handlers/labelling/Labelling.js';
import { BotTurn } from './BotTurn.js';

/**
 * Flows that span turns (Other…: a button, then the tag typed in the next message), run as botbuilder dialogs.
 * Their state is botbuilder's PrivateConversationState over a Storage (memory now; Azure Blob Storage with several
 * instances): one per person in a conversation, so in a Teams channel only the person who pressed Other… answers it,
 * and everyone else's messages are read as usual. Single-turn commands do not go through here.
 */
export class ConversationFlows implements FlowStarter {
  private readonly state: PrivateConversationState;
  private readonly stack: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(storage: Storage, dialogs: readonly Dialog[]) {
    this.state = new PrivateConversationState(storage);
    this.stack = this.state.createProperty('flows');
    this.dialogs = new DialogSet(this.stack);
    for (const dialog of dialogs) this.dialogs.add(dialog);
  }

  /** Starts `flow` for the person of this turn (ending any flow they had open). */
  async begin(turn: Turn, flow: string, options: Record<string, unknown>): Promise<void> {
    if (!(turn instanceof BotTurn)) throw new Error('flows run in bot turns');
    setFlowTurn(turn.context, { turn, text: '' });
    const dc = await this.dialogs.createContext(turn.context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(flow, options);
    await this.state.saveChanges(turn.context);
  }

  /** Gives the person's open flow this typed message first: true when the flow took it. */
  async continue(turn: BotTurn, text: string): Promise<boolean> {
    // Most messages come with no flow open: the stored stack says so without a dialog context (which costs more
    // than the rest of a short turn) and without writing anything back.
    if (!(await this.stack.get(turn.context))?.dialogStack?.length) return false;
    setFlowTurn(turn.context, { turn, text });
    const dc = await this.dialogs.createContext(turn.context);
    if (!dc.activeDialog) return false;
    try {
      const result = await dc.continueDialog();
      return result.status === DialogTurnStatus.waiting || result.status === DialogTurnStatus.complete;
    } catch (error) {
      // A failure (the service is down) ends the flow: the apology says what to do, and the next message is read as usual.
      await dc.cancelAllDialogs();
      throw error;
    } finally {
      await this.state.saveChanges(turn.context);
    }
  }
}
