/**
 * botframework-connector writes to stderr when it refuses a token: a signature that does not verify prints the
 * signing keys it has ("Error finding key for token. Available keys: ..."), an expired token prints a stack. The
 * TokenGate already logs every refusal as one line, so these two are dropped; anything else goes through as is.
 */
let installed = false;

export function quietTokenErrors(): void {
  if (installed) return;
  installed = true;
  const write = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === 'string' && first.startsWith('Error finding key for token')) return;
    if (first instanceof Error && first.name === 'TokenExpiredError') return;
    write(...args);
  };
}
