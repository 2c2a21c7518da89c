import { StrataError } from "../errors.ts";
import { type CentreMoves, HamerlyPart, type PartTotals } from "./hamerly-part.ts";
import { kMeansPlusPlus } from "./kmeans-seeding.ts";
import { type Part, shared, withWorkerParts } from "./kmeans-threads.ts";
import type { Points } from "./points.ts";

export interface KMeansOptions {
  k: number;
  /** Seed of the k-means++ draws: the same points and seed give the same clusters. */
  seed?: number;
  maxIterations?: number;
  /**
   * Stop when the centres move less than this in total (squared), relative to the data's
   * mean variance per dimension, as scikit-learn's `tol`. 0: only when no point moves.
   */
  tolerance?: number;
  /** Start from these centres (k × dims, row-major) instead of k-means++. */
  initialCentres?: Float64Array;
}

export interface KMeansResult {
  /** k × dims, row-major. */
  centres: Float64Array;
  labels: Int32Array;
  /** Sum of squared distances from each point to its centre. */
  inertia: number;
  iterations: number;
  sizes: Int32Array;
}

/**
 * From this many points on, the assignment step runs in two worker threads, each over half
 * of the points. Always two, whatever the machine, so that results do not depend on it.
 */
const THREADED_FROM = 100_000;
const THREADS = 2;

/**
 * k-means: k-means++ seeding, then Lloyd iterations (assign each point to its nearest
 * centre, move each centre to the mean of its points) until no point changes centre, the
 * centres barely move, or `maxIterations`; the final labels are those of the final centres.
 * The assignment uses Hamerly's bounds (hamerly-part.ts), which gives Lloyd's result with
 * far fewer distances. A centre left without points moves to the point farthest from its
 * centre. Throws StrataError("usage") when k is not 1..points.
 */
export async function kMeans(points: Points, options: KMeansOptions): Promise<KMeansResult> {
  const { k } = options;
  const { count, dims } = points;
  if (!Number.isInteger(k) || k < 1 || k > count) {
    throw new StrataError("usage", `k must be a whole number from 1 to ${count}, not ${k}`);
  }
  const centres = options.initialCentres
    ? Float64Array.from(options.initialCentres)
    : kMeansPlusPlus(points, k, options.seed ?? 1);
  if (count < THREADED_FROM) {
    const labels = new Int32Array(count);
    const part = new HamerlyPart(points.values, labels, 0, count, dims, k);
    return iterate(points, centres, labels, [part], options);
  }
  const values = shared(points.values);
  const labels = shared(new Int32Array(count));
  const result = await withWorkerParts(values, labels, dims, k, THREADS, (parts) =>
    iterate({ ...points, values }, centres, labels, parts, options),
  );
  return { ...result, labels: Int32Array.from(labels) };
}

async function iterate(
  points: Points,
  centres: Float64Array,
  labels: Int32Array,
  parts: Part[],
  { k, maxIterations = 300, tolerance = 1e-4 }: KMeansOptions,
): Promise<KMeansResult> {
  const threshold = tolerance * meanVariance(points);
  let totals = await Promise.all(parts.map((p) => p.assignAll(centres)));
  let iterations = 0;
  let settled = false;
  let moves: CentreMoves;
  for (;;) {
    iterations++;
    const step = await moveCentres(points, centres, k, totals, parts);
    moves = step.moves;
    if (totals.every((t) => t.moved === 0)) {
      settled = true;
      break;
    }
    if (step.shift <= threshold || iterations >= maxIterations) break;
    totals = await Promise.all(parts.map((p) => p.assign(centres, moves)));
  }
  // Labels for the final centres, as scikit-learn reports them.
  if (!settled) totals = await Promise.all(parts.map((p) => p.assign(centres, moves)));
  const inertias = await Promise.all(parts.map((p) => p.inertia(centres)));
  const sizes = new Int32Array(k);
  for (const t of totals)
    for (let j = 0; j < k; j++) sizes[j] = (sizes[j] as number) + (t.sizes[j] as number);
  return {
    centres,
    labels,
    inertia: inertias.reduce((a, b) => a + b, 0),
    iterations,
    sizes,
  };
}

/**
 * Moves each centre to the mean of its points (an empty one to the point farthest from its
 * centre); returns the total squared movement and each centre's move for the bounds.
 */
async function moveCentres(
  { values, dims }: Points,
  centres: Float64Array,
  k: number,
  totals: PartTotals[],
  parts: Part[],
): Promise<{ shift: number; moves: CentreMoves }> {
  const movement = new Float64Array(k);
  const taken: number[] = [];
  let shift = 0;
  for (let j = 0; j < k; j++) {
    let size = 0;
    for (const t of totals) size += t.sizes[j] as number;
    let source = -1;
    if (size === 0) {
      const candidates = await Promise.all(parts.map((p) => p.farthest(centres, taken)));
      source = candidates.reduce((a, b) => (b.distance > a.distance ? b : a)).index;
      taken.push(source);
    }
    let moved = 0;
    for (let f = 0; f < dims; f++) {
      let next: number;
      if (source >= 0) next = values[source * dims + f] as number;
      else {
        let sum = 0;
        for (const t of totals) sum += t.sums[j * dims + f] as number;
        next = sum / size;
      }
      moved += (next - (centres[j * dims + f] as number)) ** 2;
      centres[j * dims + f] = next;
    }
    movement[j] = Math.sqrt(moved);
    shift += moved;
  }
  let most = 0;
  let mostAt = -1;
  let second = 0;
  for (let j = 0; j < k; j++) {
    const p = movement[j] as number;
    if (p > most) {
      second = most;
      most = p;
      mostAt = j;
    } else if (p > second) second = p;
  }
  return { shift, moves: { movement, most, mostAt, second } };
}

/** The mean over dimensions of each dimension's variance. */
function meanVariance({ values, count, dims }: Points): number {
  let total = 0;
  for (let f = 0; f < dims; f++) {
    let mean = 0;
    for (let i = 0; i < count; i++) mean += values[i * dims + f] as number;
    mean /= count;
    let variance = 0;
    for (let i = 0; i < count; i++) variance += ((values[i * dims + f] as number) - mean) ** 2;
    total += variance / count;
  }
  return total / dims;
}
