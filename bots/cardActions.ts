/**
 * Card buttons whose value is a self-contained action object ({ action, vm, requestId }), from an
 * Action.Submit (a message with `value`), an Action.Execute (invoke `adaptiveCard/action`, verb + data) or a
 * Slack button: each becomes the command a person could have typed, so it is authorized and routed the same way.
 */
const ACTIONS: Record<string, (data: Record<string, unknown>) => string | undefined> = {
  'vm.confirmStop': (data) => (isRequestId(data.requestId) ? `vm confirm ${data.requestId}` : undefined),
  'vm.cancelStop': (data) => (isRequestId(data.requestId) ? `vm cancel ${data.requestId}` : undefined),
};

export function commandFromCardAction(action: unknown, data: unknown): string | undefined {
  if (typeof action !== 'string' || !Object.hasOwn(ACTIONS, action)) return undefined;
  return ACTIONS[action](data && typeof data === 'object' ? (data as Record<string, unknown>) : {});
}

function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}$/.test(value);
}
