import { seededRandom } from "../demo/seeded-random.ts";
import { type Points, squaredDistance } from "./points.ts";

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, in scikit-learn's variant): the
 * first centre is a random point; each next one is the best of 2 + ln k candidates drawn
 * with probability proportional to the squared distance to the nearest centre so far, best
 * meaning the one that lowers the total of those distances most. Returns k × dims centres.
 */
export function kMeansPlusPlus(points: Points, k: number, seed: number): Float64Array {
  const { values, count, dims } = points;
  const random = seededRandom(seed);
  const centres = new Float64Array(k * dims);
  const first = random.int(count);
  centres.set(values.subarray(first * dims, first * dims + dims), 0);
  const closest = new Float64Array(count);
  let potential = 0;
  for (let i = 0; i < count; i++) {
    closest[i] = squaredDistance(values, i, values, first, dims);
    potential += closest[i] as number;
  }
  const trials = 2 + Math.floor(Math.log(k));
  let candidate = new Float64Array(count);
  let best = new Float64Array(count);
  for (let c = 1; c < k; c++) {
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      const index = sampleByWeight(closest, potential, random.next());
      let p = 0;
      for (let i = 0; i < count; i++) {
        const d = squaredDistance(values, i, values, index, dims);
        const m = Math.min(d, closest[i] as number);
        candidate[i] = m;
        p += m;
      }
      if (p < bestPotential) {
        bestPotential = p;
        bestIndex = index;
        [best, candidate] = [candidate, best];
      }
    }
    centres.set(values.subarray(bestIndex * dims, bestIndex * dims + dims), c * dims);
    closest.set(best);
    potential = bestPotential;
  }
  return centres;
}

/** The index where the running sum of `weights` passes `u × total`. */
function sampleByWeight(weights: Float64Array, total: number, u: number): number {
  let target = u * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  // Rounding left a little over: the last point with weight.
  for (let i = weights.length - 1; i > 0; i--) if ((weights[i] as number) > 0) return i;
  return 0;
}
