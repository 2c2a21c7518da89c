import type { CustomerMetrics } from "../engine/customer-metrics.ts";

/** What a cluster's customers look like on average, in the metrics' own units. */
export interface ClusterProfile {
  cluster: number;
  size: number;
  /** Of the customers clustered, 0..1. */
  share: number;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
}

/** Size, share and mean recency, frequency and monetary of each of `k` clusters. */
export function clusterProfiles(
  customers: readonly CustomerMetrics[],
  rows: Int32Array,
  labels: Int32Array,
  k: number,
): ClusterProfile[] {
  const sums = Array.from({ length: k }, () => ({ n: 0, recency: 0, recencyN: 0, f: 0, m: 0 }));
  rows.forEach((row, i) => {
    const c = customers[row] as CustomerMetrics;
    const s = sums[labels[i] as number] as (typeof sums)[number];
    s.n++;
    if (c.recency_days !== null) {
      s.recency += c.recency_days;
      s.recencyN++;
    }
    s.f += c.frequency;
    s.m += c.monetary;
  });
  return sums.map((s, cluster) => ({
    cluster,
    size: s.n,
    share: s.n / rows.length,
    recencyDays: s.recencyN ? s.recency / s.recencyN : null,
    frequency: s.n ? s.f / s.n : 0,
    monetary: s.n ? s.m / s.n : 0,
  }));
}

const VALUE = ["High value", "Mid value", "Low value"];
const RECENCY = ["recent", "cooling", "lapsed"];
const FREQUENCY = ["frequent", "regular", "occasional"];

/**
 * A readable label per cluster from how it ranks among the clusters: by mean monetary
 * (high, mid, low value) and mean recency (recent, cooling, lapsed), then frequency where
 * two labels would be the same, then a number. With an id for the rule file.
 */
export function clusterLabels(
  profiles: readonly ClusterProfile[],
): Array<{ id: string; label: string }> {
  const k = profiles.length;
  const rank = (key: (p: ClusterProfile) => number, words: string[]) => {
    const order = [...profiles].sort((a, b) => key(a) - key(b) || a.cluster - b.cluster);
    const word = new Map<number, string>();
    order.forEach((p, position) => {
      // The ends of the ranking get the end words, the middle the middle word.
      word.set(p.cluster, words[Math.round((position * 2) / Math.max(1, k - 1))] as string);
    });
    return word;
  };
  const value = rank((p) => -p.monetary, VALUE);
  const recency = rank((p) => p.recencyDays ?? Number.POSITIVE_INFINITY, RECENCY);
  const frequency = rank((p) => -p.frequency, FREQUENCY);
  const labels = profiles.map((p) => `${value.get(p.cluster)}, ${recency.get(p.cluster)}`);
  const repeated = (label: string) => labels.filter((l) => l === label).length > 1;
  const withFrequency = labels.map((l, i) =>
    repeated(l) ? `${l}, ${frequency.get((profiles[i] as ClusterProfile).cluster)}` : l,
  );
  const seen = new Map<string, number>();
  return withFrequency.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    const unique =
      n > 1 || withFrequency.filter((l) => l === label).length > 1 ? `${label} ${n}` : label;
    return {
      id: unique
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_|_$/g, ""),
      label: unique,
    };
  });
}
