import type { CustomerMetrics } from "../engine/customer-metrics.ts";
import { StrataError } from "../errors.ts";
import type { Points } from "./points.ts";

/** The metrics clustering can use, and whether each is money or a count (log candidates). */
export const CLUSTER_FEATURES = {
  recency_days: { skewable: false },
  frequency: { skewable: true },
  monetary: { skewable: true },
  avg_order_value: { skewable: true },
  product_types: { skewable: true },
  tenure_days: { skewable: false },
  profit: { skewable: true },
  satisfaction: { skewable: false },
  p_alive: { skewable: false },
  expected_orders_90d: { skewable: true },
} as const;

export type ClusterFeature = keyof typeof CLUSTER_FEATURES;

export const DEFAULT_FEATURES: readonly ClusterFeature[] = [
  "recency_days",
  "frequency",
  "monetary",
];

/** Money and counts more skewed than this are clustered as ln(1 + x). */
const SKEWNESS_LIMIT = 1;

/** How one feature was transformed before clustering. */
export interface FeatureScaling {
  name: ClusterFeature;
  /** True when clustered as ln(1 + x). */
  logged: boolean;
  /** Sample skewness of the raw values. */
  skewness: number;
  /** Mean and standard deviation after the log, used to standardise. */
  mean: number;
  sd: number;
}

export interface FeatureMatrix {
  /** Standardised (and where said, logged) features, one row per customer clustered. */
  points: Points;
  /** Index into the customers of each row. */
  rows: Int32Array;
  /** Raw values, row-major like `points`, for rules in the metrics' own units. */
  raw: Float64Array;
  features: FeatureScaling[];
  /** Customers left out for a missing feature value. */
  skipped: number;
}

/**
 * The clustering input: each customer with every feature present, money and counts with a
 * skewness above 1 (and no negative value) replaced by ln(1 + x), then every feature
 * standardised to mean 0 and standard deviation 1. Throws StrataError("invalid-data") when
 * fewer than `minimum` customers have every feature, or a feature is the same for everyone.
 */
export function featureMatrix(
  customers: readonly CustomerMetrics[],
  names: readonly ClusterFeature[],
  minimum: number,
): FeatureMatrix {
  const dims = names.length;
  const kept: number[] = [];
  const raw: number[] = [];
  customers.forEach((c, index) => {
    const row = names.map((name) => c[name] ?? null);
    if (row.some((v) => v === null || !Number.isFinite(v))) return;
    kept.push(index);
    raw.push(...(row as number[]));
  });
  const count = kept.length;
  if (count < minimum) {
    throw new StrataError(
      "invalid-data",
      `only ${count} customer${count === 1 ? " has" : "s have"} every feature (${names.join(", ")}); clustering needs at least ${minimum}`,
    );
  }
  const values = Float64Array.from(raw);
  const features = names.map((name, f): FeatureScaling => {
    const column = Array.from({ length: count }, (_, i) => values[i * dims + f] as number);
    const skewness = sampleSkewness(column);
    const logged =
      CLUSTER_FEATURES[name].skewable && skewness > SKEWNESS_LIMIT && column.every((v) => v >= 0);
    if (logged) for (let i = 0; i < count; i++) column[i] = Math.log1p(column[i] as number);
    const mean = column.reduce((a, b) => a + b, 0) / count;
    const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / count);
    if (!(sd > 0)) {
      throw new StrataError(
        "invalid-data",
        `${name} is the same for every customer, so it cannot separate them: leave it out of --features`,
      );
    }
    for (let i = 0; i < count; i++) values[i * dims + f] = ((column[i] as number) - mean) / sd;
    return { name, logged, skewness, mean, sd };
  });
  return {
    points: { values, count, dims },
    rows: Int32Array.from(kept),
    raw: Float64Array.from(raw),
    features,
    skipped: customers.length - count,
  };
}

/** Fisher–Pearson skewness g1 = m3 / m2^1.5 (0 for constant values). */
export function sampleSkewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}
