/**
 * Waits until `condition` holds, polling every few milliseconds, and fails after `timeoutMs` naming what it waited
 * for. The deadline bounds a broken test; a passing test waits only as long as the event takes.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
