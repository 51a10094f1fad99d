/** A document's actions as Adaptive Card buttons. */
import type { Action } from '../Card.js';
import type { CardAction } from './adaptiveCardTypes.js';

/** The Action.Execute verb every answer carries; the command itself is in its data. */
const ANSWER_VERB = 'command';

export interface AdaptiveCardOptions {
  /**
   * The data of a command button (Action.Submit), `{ command }` by default. A channel adds what its client needs
   * to show the button press (Teams: an imBack); the renderer itself never names a channel.
   */
  commandData?: (command: string) => Record<string, unknown>;
}

/**
 * A command → Action.Submit. An answer (`answers`) → Action.Execute, so that clients with Universal Actions can
 * replace the answered card, with an Action.Submit fallback (same title, data and style) for clients without them.
 */
export function cardAction(action: Action, options: AdaptiveCardOptions): CardAction {
  const style = action.style ? { style: action.style } : {};
  if (!action.answers) {
    return { type: 'Action.Submit', title: action.title, ...style, data: options.commandData?.(action.command) ?? { command: action.command } };
  }
  const data = { command: action.command };
  return {
    type: 'Action.Execute',
    title: action.title,
    ...style,
    data,
    verb: ANSWER_VERB,
    fallback: { type: 'Action.Submit', title: action.title, data, ...style },
  };
}
