import { kMeans } from "./kmeans.ts";
import { nearestCentre } from "./nearest-centre.ts";
import { type Points, sampleIndices, subset } from "./points.ts";
import { cutHierarchy, type Merge, wardMerges } from "./ward.ts";

/** The largest sample Ward's clustering runs on (its time grows with the square). */
export const WARD_SAMPLE = 20_000;

/**
 * A way to cluster `points` into k groups, for any k: k-means on every point (seeded with
 * `seed`), or Ward's hierarchy of a sample of up to WARD_SAMPLE points (drawn with `random`,
 * built once) cut at k, the other points going to the nearest centroid.
 */
export function clusterer(
  points: Points,
  method: "kmeans" | "ward",
  seed: number,
  random: () => number,
  progress: (message: string) => void,
): (k: number) => Promise<Int32Array> {
  if (method === "kmeans") return async (k) => (await kMeans(points, { k, seed })).labels;
  const sample = sampleIndices(points.count, WARD_SAMPLE, random);
  const sampled = subset(points, sample);
  progress(`Ward clustering of a sample of ${sample.length.toLocaleString("en-US")} customers`);
  const merges: Merge[] = wardMerges(sampled);
  return async (k) =>
    nearestCentroid(points, centroids(sampled, cutHierarchy(merges, sampled.count, k), k), k);
}

function centroids({ values, count, dims }: Points, labels: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(k * dims);
  const sizes = new Float64Array(k);
  for (let i = 0; i < count; i++) {
    const j = labels[i] as number;
    sizes[j] = (sizes[j] as number) + 1;
    for (let f = 0; f < dims; f++)
      sums[j * dims + f] = (sums[j * dims + f] as number) + (values[i * dims + f] as number);
  }
  return sums.map((s, at) => s / (sizes[Math.floor(at / dims)] as number));
}

function nearestCentroid(points: Points, centres: Float64Array, k: number): Int32Array {
  const search = nearestCentre(points.dims);
  const out = new Float64Array(3);
  return Int32Array.from({ length: points.count }, (_, i) =>
    search(points.values, centres, k, i, out),
  );
}
