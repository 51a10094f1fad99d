/** A document's actions as Adaptive Card buttons. */
import type { Action } from '../documents/document.js';
import { AC, type AdaptiveCards } from './adaptiveCardSdk.js';

/** The Action.Execute verb every answer carries; the command itself is in its data. */
export const ANSWER_VERB = 'command';

export interface AdaptiveCardOptions {
  /**
   * The data of a command button (Action.Submit), `{ command }` by default. A channel adds what its client needs
   * to show the button press (Teams: an imBack); the renderer itself never names a channel.
   */
  commandData?: (command: string) => Record<string, unknown>;
}

/**
 * A command → Action.Submit. An answer (`answers`) → Action.Execute, so that clients with Universal Actions can
 * replace the answered card; its Action.Submit fallback is added to the JSON by `withSubmitFallbacks`.
 */
export function cardAction(action: Action, options: AdaptiveCardOptions): AdaptiveCards.Action {
  const button = action.answers ? new AC.ExecuteAction() : new AC.SubmitAction();
  if (button instanceof AC.ExecuteAction) {
    button.verb = ANSWER_VERB;
    button.data = { command: action.command };
  } else {
    button.data = options.commandData?.(action.command) ?? { command: action.command };
  }
  button.title = action.title;
  if (action.style) button.style = action.style;
  return button;
}

/** Every Action.Execute in the card JSON gets an Action.Submit fallback with its title, data and style. */
export function withSubmitFallbacks(card: Record<string, unknown>): Record<string, unknown> {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute') {
      // Added after toJSON(): the SDK's object model has no fallback for actions and drops it when serializing.
      const { title, data, style } = element;
      element.fallback = { type: 'Action.Submit', title, data, ...(style === undefined ? {} : { style }) };
    }
    for (const [key, value] of Object.entries(element)) if (key !== 'data' && key !== 'fallback') visit(value);
  };
  visit(card);
  return card;
}
