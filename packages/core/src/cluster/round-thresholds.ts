/**
 * Thresholds a person would write: cut points between the quantiles of a feature, rounded
 * to two significant digits (1,234 → 1,200; 0.347 → 0.35), whole numbers for features that
 * only take whole values (frequency, days). Sorted, distinct, and strictly inside the range
 * of the values, so that each one splits something.
 */
export function roundThresholds(values: readonly number[], quantiles = 32): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  const whole = sorted.every(Number.isInteger);
  const cuts = new Set<number>();
  for (let q = 1; q < quantiles; q++) {
    const at = sorted[Math.min(n - 1, Math.floor((q * n) / quantiles))] as number;
    let t = roundTwoDigits(at);
    if (whole) t = Math.round(t);
    if (t > min && t <= max) cuts.add(t);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** `v` to two significant digits, without binary noise (0.35, not 0.35000000000000003). */
export function roundTwoDigits(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(2));
}
