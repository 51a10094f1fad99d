/**
 * Finds how much of something fits, rendering as little as possible. Rendering is the expensive part (a 5,000-line
 * Adaptive Card takes tens of milliseconds through the SDK), so instead of bisecting from the top, which renders
 * half of a huge document first, this estimates from a small probe, then gallops and bisects near the answer:
 * every probe renders about as much as finally fits.
 */

/** How full a rendering is: its size over its limit, so 1 is exactly at the limit. */
type Fill = (value: number) => number;

/** Aim a little under the limit: a first estimate that fits saves a bisection. */
const TARGET_FILL = 0.97;
/** A fitting value this full is kept: a few more lines are not worth another rendering. */
const FULL_ENOUGH = 0.95;
/** The first probe: small enough to render fast, big enough to measure what a value costs. */
const CALIBRATION = 32;

/**
 * The largest value in [0, max] whose fill is at most 1, or one that fits and fills at least FULL_ENOUGH of the
 * limit. `fillAtZero` (≤ 1) is what 0 gives; larger values render more. `weight(value)` is a cheap, format-neutral
 * measure (characters kept) that grows roughly with the fill and lets a probe's result predict the answer.
 */
export function largestFitting(max: number, fill: Fill, weight: (value: number) => number, fillAtZero: number): number {
  let lo = 0; // known to fit
  let hi = max + 1; // the smallest value known not to fit; max + 1 until one is seen
  let next = Math.min(CALIBRATION, max); // a small probe to calibrate the estimate
  let step = 0; // the last gallop step, 0 after an estimate
  let probesSinceBracketed = 0;
  while (hi - lo > 1) {
    const value = Math.min(Math.max(next, lo + 1), hi - 1);
    const probed = fill(value);
    if (probed <= 1 && probed >= FULL_ENOUGH) return value;
    if (probed <= 1) lo = value;
    else hi = value;
    if (hi <= max) probesSinceBracketed += 1;

    // Once both ends are known, every other probe bisects: the interval at least halves every two probes.
    if (probesSinceBracketed % 2 === 0 && probesSinceBracketed > 0) {
      next = Math.floor((lo + hi) / 2);
      continue;
    }
    const slope = (probed - fillAtZero) / (weight(value) - weight(0));
    const estimate = slope > 0 ? valueForWeight(weight(0) + (TARGET_FILL - fillAtZero) / slope, lo, hi, weight) : lo;
    if (estimate > lo && estimate < hi) {
      next = estimate;
      step = 0;
    } else {
      // At the estimate already: creep up in doubling steps, starting at a few percent.
      step = step === 0 ? Math.max(1, Math.ceil(lo * 0.02)) : step * 2;
      next = lo + step;
    }
  }
  return lo;
}

/** The largest value in [lo, hi) whose weight is at most `target`, by bisection on the cheap weight. */
function valueForWeight(target: number, lo: number, hi: number, weight: (value: number) => number): number {
  let low = lo;
  let high = hi - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (weight(middle) <= target) low = middle;
    else high = middle - 1;
  }
  return low;
}
