import { describe, expect, it } from "vitest";
import { seededRandom } from "../demo/seeded-random.ts";
import { cutHierarchy, wardMerges } from "./ward.ts";

/** Textbook Ward: repeatedly merge the pair of clusters whose merge adds the least SSE. */
function naiveWard(rows: number[][]): { costs: number[]; cuts: (k: number) => number[][] } {
  let clusters = rows.map((r, i) => ({ members: [i], centroid: r, size: 1 }));
  const costs: number[] = [];
  const history: number[][][] = [clusters.map((c) => c.members)];
  while (clusters.length > 1) {
    let best = { i: 0, j: 1, cost: Number.POSITIVE_INFINITY };
    for (let i = 0; i < clusters.length; i++)
      for (let j = i + 1; j < clusters.length; j++) {
        const a = clusters[i] as (typeof clusters)[number];
        const b = clusters[j] as (typeof clusters)[number];
        const d = a.centroid.reduce((s, v, f) => s + (v - (b.centroid[f] as number)) ** 2, 0);
        const cost = ((a.size * b.size) / (a.size + b.size)) * d;
        if (cost < best.cost) best = { i, j, cost };
      }
    const a = clusters[best.i] as (typeof clusters)[number];
    const b = clusters[best.j] as (typeof clusters)[number];
    const merged = {
      members: [...a.members, ...b.members],
      size: a.size + b.size,
      centroid: a.centroid.map(
        (v, f) => (v * a.size + (b.centroid[f] as number) * b.size) / (a.size + b.size),
      ),
    };
    clusters = [...clusters.filter((_, x) => x !== best.i && x !== best.j), merged];
    costs.push(best.cost);
    history.push(clusters.map((c) => c.members));
  }
  return { costs, cuts: (k) => history[rows.length - k] as number[][] };
}

/** A partition as sorted member lists, sorted, for comparison whatever the numbering. */
function partition(labels: ArrayLike<number>): number[][] {
  const groups = new Map<number, number[]>();
  Array.from(labels).forEach((l, i) => {
    groups.set(l, [...(groups.get(l) ?? []), i]);
  });
  return [...groups.values()]
    .map((g) => g.sort((a, b) => a - b))
    .sort((a, b) => (a[0] as number) - (b[0] as number));
}

describe("Ward clustering", () => {
  it("merges a hand-worked example in the expected order and cost", () => {
    // 0,1 and 10,11 merge at 0.5 each; then the two pairs at (2·2/4)·10² = 100; 30 joins last
    // at (4·1/5)·24.5² = 480.2.
    const merges = wardMerges({ values: Float64Array.from([0, 1, 10, 11, 30]), count: 5, dims: 1 });
    expect(merges.map((m) => m.cost)).toEqual([0.5, 0.5, 100, (4 / 5) * 24.5 ** 2]);
    expect(partition(cutHierarchy(merges, 5, 2))).toEqual([[0, 1, 2, 3], [4]]);
    expect(partition(cutHierarchy(merges, 5, 3))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("gives the same hierarchy as the textbook algorithm on random points", () => {
    const random = seededRandom(5);
    const rows = Array.from({ length: 60 }, () => [
      random.normal(),
      random.normal(),
      random.normal() * 2,
    ]);
    const merges = wardMerges({ values: Float64Array.from(rows.flat()), count: 60, dims: 3 });
    const naive = naiveWard(rows);
    merges.forEach((m, i) => {
      expect(m.cost).toBeCloseTo(naive.costs[i] as number, 9);
    });
    for (const k of [2, 3, 5, 8]) {
      const expected = naive
        .cuts(k)
        .map((g) => [...g].sort((a, b) => a - b))
        .sort((a, b) => (a[0] as number) - (b[0] as number));
      expect(partition(cutHierarchy(merges, 60, k)), `k = ${k}`).toEqual(expected);
    }
  });
});
