import { describe, expect, it } from "vitest";
import { seededRandom } from "../demo/seeded-random.ts";
import { kMeans } from "./kmeans.ts";
import { kMeansPlusPlus } from "./kmeans-seeding.ts";
import type { Points } from "./points.ts";

function points(rows: number[][]): Points {
  const dims = rows[0]?.length ?? 0;
  return { values: Float64Array.from(rows.flat()), count: rows.length, dims };
}

/** Three blobs in 3-D with some spread, `n` points. */
function blobs(n: number, seed: number): Points {
  const random = seededRandom(seed);
  const centres = [
    [0, 0, 0],
    [4, 1, -2],
    [-3, 5, 2],
  ];
  const values = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const c = centres[random.int(3)] as number[];
    for (let f = 0; f < 3; f++) values[i * 3 + f] = (c[f] as number) + 1.5 * random.normal();
  }
  return { values, count: n, dims: 3 };
}

/** Textbook Lloyd: assign to the nearest centre (first on ties), move centres to means. */
function plainLloyd(p: Points, start: Float64Array, iterations: number) {
  const k = start.length / p.dims;
  const centres = Float64Array.from(start);
  const labels = new Int32Array(p.count);
  const assign = () => {
    for (let i = 0; i < p.count; i++) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        let d = 0;
        for (let f = 0; f < p.dims; f++)
          d += ((p.values[i * p.dims + f] as number) - (centres[j * p.dims + f] as number)) ** 2;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      labels[i] = best;
    }
  };
  for (let t = 0; t < iterations; t++) {
    assign();
    const sums = new Float64Array(k * p.dims);
    const sizes = new Float64Array(k);
    for (let i = 0; i < p.count; i++) {
      const j = labels[i] as number;
      sizes[j] = (sizes[j] as number) + 1;
      for (let f = 0; f < p.dims; f++)
        sums[j * p.dims + f] =
          (sums[j * p.dims + f] as number) + (p.values[i * p.dims + f] as number);
    }
    for (let j = 0; j < k * p.dims; j++)
      centres[j] = (sums[j] as number) / (sizes[Math.floor(j / p.dims)] as number);
  }
  assign();
  let inertia = 0;
  for (let i = 0; i < p.count; i++)
    for (let f = 0; f < p.dims; f++)
      inertia +=
        ((p.values[i * p.dims + f] as number) -
          (centres[(labels[i] as number) * p.dims + f] as number)) **
        2;
  return { labels, inertia, centres };
}

describe("kMeans", () => {
  it("splits two obvious groups, with the inertia worked out by hand", async () => {
    const result = await kMeans(points([[0], [1], [10], [11]]), { k: 2, seed: 3 });
    const centres = [...result.centres].sort((a, b) => a - b);
    expect(centres).toEqual([0.5, 10.5]);
    expect(result.inertia).toBeCloseTo(4 * 0.25, 12);
    expect(result.labels[0]).toBe(result.labels[1]);
    expect(result.labels[2]).toBe(result.labels[3]);
    expect(result.labels[0]).not.toBe(result.labels[2]);
  });

  it("gives textbook Lloyd's labels and inertia from the same start, in one thread and in two", async () => {
    for (const n of [20_000, 120_000]) {
      const data = blobs(n, n);
      const start = kMeansPlusPlus(data, 4, 11);
      const ours = await kMeans(data, {
        k: 4,
        initialCentres: start,
        maxIterations: 8,
        tolerance: 0,
      });
      const reference = plainLloyd(data, start, ours.iterations);
      expect(ours.inertia).toBeCloseTo(reference.inertia, 6);
      let differ = 0;
      for (let i = 0; i < n; i++) if (ours.labels[i] !== reference.labels[i]) differ++;
      expect(differ, `${n} points`).toBe(0);
      expect(ours.sizes.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it("is deterministic for a seed", async () => {
    const data = blobs(5_000, 1);
    const a = await kMeans(data, { k: 3, seed: 42 });
    const b = await kMeans(data, { k: 3, seed: 42 });
    expect(a.labels).toEqual(b.labels);
    expect(a.centres).toEqual(b.centres);
  });

  it("moves a centre that lost all its points to the farthest point", async () => {
    const data = points([[0], [0.5], [1], [9], [10], [11]]);
    const result = await kMeans(data, {
      k: 3,
      initialCentres: Float64Array.from([0.5, 10, 1000]),
      tolerance: 0,
    });
    expect(result.sizes.every((s) => s > 0)).toBe(true);
    expect([...result.centres].every(Number.isFinite)).toBe(true);
  });

  it("refuses a k it cannot honour", async () => {
    await expect(kMeans(points([[1], [2]]), { k: 3 })).rejects.toThrow(
      "k must be a whole number from 1 to 2, not 3",
    );
  });
});
