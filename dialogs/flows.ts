import type { TurnContext } from 'botbuilder';
import type { Turn } from './Turn.js';

/** Where a conversation flow finds the turn it runs in, and the text the person typed (their @mention removed). */
const FLOW_TURN = Symbol('labmate.flowTurn');

interface FlowTurn {
  turn: Turn;
  text: string;
}

export function setFlowTurn(context: TurnContext, flowTurn: FlowTurn): void {
  context.turnState.set(FLOW_TURN, flowTurn);
}

export function flowTurnOf(context: TurnContext): FlowTurn {
  const flowTurn = context.turnState.get(FLOW_TURN) as FlowTurn | undefined;
  if (!flowTurn) throw new Error('a conversation flow ran outside ConversationFlows');
  return flowTurn;
}
