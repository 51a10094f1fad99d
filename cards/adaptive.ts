/** Typed builders for the few Adaptive Card elements labmate uses (schema 1.5). */

export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: string; title: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  fallbackText?: string;
}

export type TextColor = 'default' | 'good' | 'warning' | 'attention' | 'accent';

export function adaptiveCard(body: CardElement[], options: { actions?: CardAction[]; fallbackText?: string } = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(options.actions && options.actions.length > 0 ? { actions: options.actions } : {}),
    ...(options.fallbackText ? { fallbackText: options.fallbackText } : {}),
  };
}

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function textBlock(text: string, options: { color?: TextColor; subtle?: boolean; weight?: 'Bolder' } = {}): CardElement {
  return {
    type: 'TextBlock',
    text,
    wrap: true,
    ...(options.color && options.color !== 'default' ? { color: options.color } : {}),
    ...(options.subtle ? { isSubtle: true } : {}),
    ...(options.weight ? { weight: options.weight } : {}),
  };
}

export function factSet(facts: Array<[title: string, value: string]>): CardElement {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) };
}

export function container(items: CardElement[], options: { separator?: boolean } = {}): CardElement {
  return { type: 'Container', items, ...(options.separator ? { separator: true, spacing: 'Medium' } : {}) };
}

/**
 * A button that sends a command as if typed. Teams shows it as the person's message (imBack);
 * other Adaptive Card hosts send it as `value.command`, which the router reads.
 */
export function commandButton(title: string, command: string): CardAction {
  return { type: 'Action.Submit', title, data: { command, msteams: { type: 'imBack', value: command } } };
}

/**
 * Action.Execute (Teams' Universal Actions: arrives as the invoke `adaptiveCard/action`) with an Action.Submit
 * fallback for hosts without it (arrives as a message whose `value` is `data`). `data` is self-contained.
 */
export function executeButton(title: string, verb: string, data: Record<string, unknown>, options: { destructive?: boolean } = {}): CardAction {
  const style = options.destructive ? { style: 'destructive' } : {};
  return { type: 'Action.Execute', title, verb, data, ...style, fallback: { type: 'Action.Submit', title, data, ...style } };
}
