import { type Points, squaredDistance } from "./points.ts";

/**
 * Mean silhouette of the points with these indices (Rousseeuw 1987), distances taken
 * within the sample as scikit-learn's `silhouette_score(sample_size=…)` does: for each point,
 * a = mean distance to the other sampled points of its cluster, b = the lowest mean
 * distance to the sampled points of another cluster, s = (b − a) / max(a, b); a point alone
 * in its cluster scores 0. From −1 to 1; higher means tighter, better separated clusters.
 */
export function silhouette(
  points: Points,
  labels: Int32Array,
  sample: ArrayLike<number>,
  k: number,
): number {
  const m = sample.length;
  const { values, dims } = points;
  const sampleLabels = Int32Array.from(
    { length: m },
    (_, s) => labels[sample[s] as number] as number,
  );
  const sizes = new Float64Array(k);
  for (const l of sampleLabels) sizes[l] = (sizes[l] as number) + 1;
  const sums = new Float64Array(k);
  let total = 0;
  for (let s = 0; s < m; s++) {
    sums.fill(0);
    const i = sample[s] as number;
    for (let t = 0; t < m; t++) {
      if (t === s) continue;
      const d = Math.sqrt(squaredDistance(values, i, values, sample[t] as number, dims));
      const l = sampleLabels[t] as number;
      sums[l] = (sums[l] as number) + d;
    }
    const own = sampleLabels[s] as number;
    if ((sizes[own] as number) < 2) continue;
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      if (j === own || sizes[j] === 0) continue;
      b = Math.min(b, (sums[j] as number) / (sizes[j] as number));
    }
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / m;
}
