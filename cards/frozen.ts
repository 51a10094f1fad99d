/**
 * The value with every object and array in it frozen: for what is built once and then shared by every turn (the help
 * document, its renderings), so that a turn that changed it by mistake fails at once instead of changing everyone's.
 */
export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) frozen(child);
  }
  return value;
}
