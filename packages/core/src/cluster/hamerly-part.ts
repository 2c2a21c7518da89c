import { nearestCentre, type SquaredDistanceTo, squaredDistanceTo } from "./nearest-centre.ts";
import { squaredDistance } from "./points.ts";

/** How far the centres moved in the last update: per centre, and the largest two moves. */
export interface CentreMoves {
  movement: Float64Array;
  most: number;
  mostAt: number;
  second: number;
}

/** What one pass over a part's points reports: moved points and the part's per-centre sums. */
export interface PartTotals {
  moved: number;
  /** k × dims sums of the part's points by centre. */
  sums: Float64Array;
  sizes: Float64Array;
}

/**
 * The k-means assignment step over the points `from … to-1` of a row-major array, with
 * Hamerly's (2010) bounds: `upper` ≥ each point's distance to its own centre, `lower` ≤ its
 * distance to any other, so a point whose bounds are apart cannot have changed centre and
 * costs no distance at all. The per-centre sums are kept up to date as points change centre,
 * so the centres can move without another pass over the points. One part per thread.
 */
export class HamerlyPart {
  private readonly upper: Float64Array;
  private readonly lower: Float64Array;
  private readonly half: Float64Array;
  /** k × k distances between the centres. */
  private readonly between: Float64Array;
  private readonly distance: SquaredDistanceTo;
  private readonly sums: Float64Array;
  private readonly sizes: Float64Array;
  private readonly search;
  private readonly found = new Float64Array(3);

  constructor(
    private readonly values: Float64Array,
    /** Labels of all points; this part writes only its own range. */
    readonly labels: Int32Array,
    private readonly from: number,
    private readonly to: number,
    private readonly dims: number,
    private readonly k: number,
  ) {
    this.upper = new Float64Array(to - from);
    this.lower = new Float64Array(to - from);
    this.half = new Float64Array(k);
    this.between = new Float64Array(k * k);
    this.distance = squaredDistanceTo(dims);
    this.sums = new Float64Array(k * dims);
    this.sizes = new Float64Array(k);
    this.search = nearestCentre(dims);
  }

  /** Labels every point by computing all its distances. */
  assignAll(centres: Float64Array): PartTotals {
    const { values, dims, sums, sizes } = this;
    sums.fill(0);
    sizes.fill(0);
    for (let i = this.from; i < this.to; i++) {
      const j = this.nearest(i, centres);
      sizes[j] = (sizes[j] as number) + 1;
      for (let f = 0; f < dims; f++) {
        const s = j * dims + f;
        sums[s] = (sums[s] as number) + (values[i * dims + f] as number);
      }
    }
    return this.totals(this.to - this.from);
  }

  /** Widens the bounds by the centres' moves, then relabels the points whose bounds allow it. */
  assign(centres: Float64Array, moves: CentreMoves): PartTotals {
    const { values, dims, labels, upper, lower, half, sums, sizes, from, distance } = this;
    const { movement, most, mostAt, second } = moves;
    this.centreDistances(centres);
    let moved = 0;
    for (let i = from; i < this.to; i++) {
      const p = i - from;
      const a = labels[i] as number;
      let u = (upper[p] as number) + (movement[a] as number);
      const l = (lower[p] as number) - (a === mostAt ? second : most);
      lower[p] = l;
      const h = half[a] as number;
      const m = Math.max(h, l);
      if (u > m) {
        u = Math.sqrt(distance(values, i, centres, a));
        if (u > m) {
          const b = this.nearestFrom(i, a, u, centres);
          if (b !== a) {
            moved++;
            sizes[a] = (sizes[a] as number) - 1;
            sizes[b] = (sizes[b] as number) + 1;
            for (let f = 0; f < dims; f++) {
              const v = values[i * dims + f] as number;
              sums[a * dims + f] = (sums[a * dims + f] as number) - v;
              sums[b * dims + f] = (sums[b * dims + f] as number) + v;
            }
          }
          continue;
        }
      }
      upper[p] = u;
    }
    return this.totals(moved);
  }

  /** The part's point farthest from its own centre, other than `exclude`, and that squared distance. */
  farthest(centres: Float64Array, exclude: readonly number[]): { index: number; distance: number } {
    let index = this.from;
    let distance = -1;
    for (let i = this.from; i < this.to; i++) {
      if (exclude.includes(i)) continue;
      const d = squaredDistance(this.values, i, centres, this.labels[i] as number, this.dims);
      if (d > distance) {
        distance = d;
        index = i;
      }
    }
    return { index, distance };
  }

  /** Sum of squared distances from the part's points to their centres. */
  inertia(centres: Float64Array): number {
    let total = 0;
    for (let i = this.from; i < this.to; i++)
      total += squaredDistance(this.values, i, centres, this.labels[i] as number, this.dims);
    return total;
  }

  private totals(moved: number): PartTotals {
    return { moved, sums: this.sums, sizes: this.sizes };
  }

  /** Labels point i with its nearest centre and resets its bounds; returns the label. */
  private nearest(i: number, centres: Float64Array): number {
    const out = this.found;
    const best = this.search(this.values, centres, this.k, i, out);
    const p = i - this.from;
    this.labels[i] = best;
    this.upper[p] = Math.sqrt(out[1] as number);
    this.lower[p] = Math.sqrt(out[2] as number);
    return best;
  }

  /**
   * The nearest centre of point i, which is at distance u from centre a, with the point's
   * bounds reset. A centre j with d(best, j) ≥ 2·d(x, best) cannot be nearer (Elkan 2003,
   * lemma 1): it is skipped, with d(best, j) − d(x, best) as its lower bound.
   */
  private nearestFrom(i: number, a: number, u: number, centres: Float64Array): number {
    const { k, between, values, distance } = this;
    let best = a;
    let nearest = u;
    let second = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      if (j === a) continue;
      const apart = between[best * k + j] as number;
      if (apart >= 2 * nearest) {
        second = Math.min(second, apart - nearest);
        continue;
      }
      const d = Math.sqrt(distance(values, i, centres, j));
      if (d < nearest) {
        second = Math.min(second, nearest);
        nearest = d;
        best = j;
      } else second = Math.min(second, d);
    }
    const p = i - this.from;
    this.labels[i] = best;
    this.upper[p] = nearest;
    this.lower[p] = second;
    return best;
  }

  /** Distances between centres, and half the distance from each to its nearest other. */
  private centreDistances(centres: Float64Array) {
    const { k, half, dims, between } = this;
    half.fill(Number.POSITIVE_INFINITY);
    for (let a = 0; a < k; a++) {
      between[a * k + a] = 0;
      for (let b = a + 1; b < k; b++) {
        const d = Math.sqrt(squaredDistance(centres, a, centres, b, dims));
        between[a * k + b] = d;
        between[b * k + a] = d;
        if (d / 2 < (half[a] as number)) half[a] = d / 2;
        if (d / 2 < (half[b] as number)) half[b] = d / 2;
      }
    }
  }
}
