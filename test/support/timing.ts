/**
 * Time measured without trusting the machine's speed: a test compares the work under test against a baseline of
 * the same size measured in the same run, with a generous factor, so a loaded 2-core machine slows both alike.
 * The shortest of a few runs is kept (load only ever adds time).
 */
export function fastestOf(work: () => unknown, runs = 5): number {
  let fastest = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** The same for work that awaits. */
export async function fastestOfAsync(work: () => Promise<unknown>, runs = 3): Promise<number> {
  let fastest = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** Time floor for a baseline, so a baseline of a few microseconds does not turn the factor into a wall-clock bound. */
export const MIN_BASELINE_MS = 1;
