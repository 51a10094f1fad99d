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

/**
 * Whether work grows linearly with its input: the input at full size against the same input at a tenth, both
 * measured now. Linear work takes about 10 times as long, quadratic about 100; the bound allows 40 (and a tenth's
 * time of at least half a millisecond, below which the timer's granularity and a stray collection dominate).
 */
export function growsLinearly(tenth: () => unknown, whole: () => unknown): { linear: boolean; tenthMs: number; wholeMs: number } {
  const tenthMs = fastestOf(tenth);
  const wholeMs = fastestOf(whole, 3);
  return { linear: wholeMs < 40 * Math.max(tenthMs, 0.5), tenthMs, wholeMs };
}
