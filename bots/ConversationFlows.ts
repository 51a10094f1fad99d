import { PrivateConversationState, type StatePropertyAccessor, type Storage } from 'botbuilder';
import type { Dialog, DialogSet, DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Turn } from '../dialogs/Turn.js';
import { setFlowTurn } from '../dialogs/flows.js';
import type { FlowStarter } from '../dialogs/labelling/Labelling.js';
import { BotTurn } from './BotTurn.js';

interface LoadedDialogs {
  set: DialogSet;
  /** botbuilder-dialogs' DialogTurnStatus. */
  status: typeof DialogTurnStatus;
}

/**
 * Flows that span turns (Other…: a button, then the tag typed in the next message), run as botbuilder dialogs.
 * Their state is botbuilder's PrivateConversationState over a Storage (memory now; Azure Blob Storage with several
 * instances): one per person in a conversation, so in a Teams channel only the person who pressed Other… answers it,
 * and everyone else's messages are read as usual. Single-turn commands do not go through here.
 *
 * botbuilder-dialogs (and its date, number and choice recognizers) takes about a third of a second to load, and
 * most messages are not the answer to a flow: the dialogs are loaded when a flow begins, or when a message comes
 * while one is open (begun by another instance, or before a restart).
 */
export class ConversationFlows implements FlowStarter {
  private readonly state: PrivateConversationState;
  private readonly flowState: StatePropertyAccessor<DialogState>;
  private loaded?: Promise<LoadedDialogs>;

  constructor(
    storage: Storage,
    private readonly loadDialogs: () => Promise<readonly Dialog[]>,
  ) {
    this.state = new PrivateConversationState(storage);
    this.flowState = this.state.createProperty('flows');
  }

  /** Starts `flow` for the person of this turn (ending any flow they had open). */
  async begin(turn: Turn, flow: string, options: Record<string, unknown>): Promise<void> {
    if (!(turn instanceof BotTurn)) throw new Error('flows run in bot turns');
    setFlowTurn(turn.context, { turn, text: '' });
    const dc = await (await this.dialogs()).set.createContext(turn.context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(flow, options);
    await this.state.saveChanges(turn.context);
    await turn.markFlow(true);
  }

  /** Gives the person's open flow this typed message first: true when the flow took it. */
  async continue(turn: BotTurn, text: string): Promise<boolean> {
    // The conversation's record (read with the turn's claim) says whether this person has a flow open: most
    // messages need neither the dialog state (a storage read) nor the dialogs library. An empty or absent dialog
    // stack (the flow ended on another instance, or its state expired) closes the flow.
    if (!(await turn.hasOpenFlow())) return false;
    if (!(await this.flowState.get(turn.context))?.dialogStack?.length) {
      await turn.markFlow(false);
      return false;
    }
    setFlowTurn(turn.context, { turn, text });
    const { set, status } = await this.dialogs();
    const dc = await set.createContext(turn.context);
    try {
      const result = await dc.continueDialog();
      return result.status === status.waiting || result.status === status.complete;
    } catch (error) {
      // A failure (the service is down) ends the flow: the apology says what to do, and the next message is read as usual.
      await dc.cancelAllDialogs();
      throw error;
    } finally {
      await this.state.saveChanges(turn.context);
      if (!(await this.flowState.get(turn.context))?.dialogStack?.length) await turn.markFlow(false);
    }
  }

  private dialogs(): Promise<LoadedDialogs> {
    this.loaded ??= Promise.all([import('botbuilder-dialogs'), this.loadDialogs()]).then(([{ DialogSet, DialogTurnStatus }, dialogs]) => {
      const set = new DialogSet(this.flowState);
      for (const dialog of dialogs) set.add(dialog);
      return { set, status: DialogTurnStatus };
    });
    return this.loaded;
  }
}
