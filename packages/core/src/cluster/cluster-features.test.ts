import { describe, expect, it } from "vitest";
import type { CustomerMetrics } from "../engine/customer-metrics.ts";
import { type ClusterProfile, clusterLabels } from "./cluster-profiles.ts";
import { featureMatrix, sampleSkewness } from "./feature-matrix.ts";
import { silhouette } from "./silhouette.ts";

function customer(
  id: number,
  recency: number | null,
  frequency: number,
  monetary: number,
): CustomerMetrics {
  return {
    customer_id: `C${id}`,
    name: null,
    account_manager: null,
    attributes: {},
    recency_days: recency,
    frequency,
    monetary,
    profit: null,
    avg_order_value: frequency ? monetary / frequency : null,
    product_types: 1,
    tenure_days: 100,
    satisfaction: null,
  };
}

describe("featureMatrix", () => {
  it("logs skewed money and counts, standardises everything, and skips missing values", () => {
    // monetary: one huge spender among small ones (skewness > 1); recency: even spread.
    const customers = Array.from({ length: 20 }, (_, i) =>
      customer(i, i === 3 ? null : i * 10, 1 + (i % 3), i === 0 ? 100_000 : 10 + i),
    );
    const m = featureMatrix(customers, ["recency_days", "frequency", "monetary"], 5);
    expect(m.skipped).toBe(1);
    expect(m.points.count).toBe(19);
    expect(m.features.map((f) => [f.name, f.logged])).toEqual([
      ["recency_days", false],
      ["frequency", false],
      ["monetary", true],
    ]);
    for (let f = 0; f < 3; f++) {
      const column = Array.from({ length: 19 }, (_, i) => m.points.values[i * 3 + f] as number);
      const mean = column.reduce((a, b) => a + b, 0) / 19;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / 19;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 12);
    }
    // The monetary column before standardising is ln(1 + x).
    const money = m.features[2];
    expect((m.points.values[2] as number) * (money?.sd ?? 0) + (money?.mean ?? 0)).toBeCloseTo(
      Math.log1p(100_000),
      12,
    );
  });

  it("says which feature cannot separate anyone", () => {
    const customers = Array.from({ length: 10 }, (_, i) => customer(i, i, 2, 10 * i));
    expect(() => featureMatrix(customers, ["frequency", "monetary"], 5)).toThrow(
      "frequency is the same for every customer",
    );
    expect(() => featureMatrix(customers.slice(0, 3), ["monetary"], 5)).toThrow(
      "only 3 customers have every feature (monetary); clustering needs at least 5",
    );
  });

  it("computes skewness as m3 / m2^1.5", () => {
    // 0, 0, 0, 4: mean 1, m2 = (1+1+1+9)/4 = 3, m3 = (−1−1−1+27)/4 = 6 → 6 / 3^1.5.
    expect(sampleSkewness([0, 0, 0, 4])).toBeCloseTo(6 / 3 ** 1.5, 12);
  });
});

describe("silhouette", () => {
  it("matches a hand-worked example", () => {
    // 0, 1 | 5, 6: for 0, a = 1 and b = (5+6)/2 = 5.5; for 1, a = 1 and b = 4.5; symmetric.
    const points = { values: Float64Array.from([0, 1, 5, 6]), count: 4, dims: 1 };
    const expected = (2 * (4.5 / 5.5) + 2 * (3.5 / 4.5)) / 4;
    expect(silhouette(points, Int32Array.from([0, 0, 1, 1]), [0, 1, 2, 3], 2)).toBeCloseTo(
      expected,
      12,
    );
  });
});

describe("clusterLabels", () => {
  it("names clusters by their rank in spending and recency, and gives unique ids", () => {
    const profile = (
      cluster: number,
      monetary: number,
      recencyDays: number,
      frequency = 1,
    ): ClusterProfile => ({
      cluster,
      size: 1,
      share: 0.25,
      recencyDays,
      frequency,
      monetary,
    });
    const labels = clusterLabels([
      profile(0, 50, 300),
      profile(1, 5000, 5),
      profile(2, 400, 40),
      profile(3, 45, 310, 2),
    ]);
    // Value: 5000 high, 400 and 50 mid, 45 low. Recency: 5 recent, 40 and 300 cooling, 310
    // lapsed. The two "Mid value, cooling" differ in frequency: 1 is middling for cluster 0
    // and last for cluster 2 (ties ranked by cluster).
    expect(labels.map((l) => l.label)).toEqual([
      "Mid value, cooling, regular",
      "High value, recent",
      "Mid value, cooling, occasional",
      "Low value, lapsed",
    ]);
    expect(labels[1]?.id).toBe("high_value_recent");
  });
});
