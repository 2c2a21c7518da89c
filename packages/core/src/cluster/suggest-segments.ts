import { seededRandom } from "../demo/seeded-random.ts";
import type { CustomerMetrics } from "../engine/customer-metrics.ts";
import { StrataError } from "../errors.ts";
import { validateRuleText } from "../rules/validate.ts";
import { clusterer } from "./cluster-method.ts";
import { type ClusterProfile, clusterLabels, clusterProfiles } from "./cluster-profiles.ts";
import { fitRules, measureAgreement } from "./cluster-rules.ts";
import { type ClusterFeature, type FeatureScaling, featureMatrix } from "./feature-matrix.ts";
import { sampleIndices } from "./points.ts";
import { silhouette } from "./silhouette.ts";
import { type SuggestedTier, suggestedRuleFile } from "./suggested-rule-file.ts";
import { treeConditions } from "./tree-conditions.ts";

/** Every draw (k-means++, samples) starts from this seed: the same data gives the same file. */
const SEED = 20_240_601;
export const AUTO_K = { min: 2, max: 8 } as const;
const SILHOUETTE_SAMPLE = 5_000;

export interface SuggestOptions {
  k: number | "auto";
  features: readonly ClusterFeature[];
  method: "kmeans" | "ward";
  /** The dimension's name in the file. */
  dimension: string;
  /** The as-of date of the metrics, for the file's header. */
  asOf: string;
  progress?: (message: string) => void;
}

export interface Suggestion {
  /** The `*.tiers.yaml` text: one dimension, validated clean. */
  text: string;
  k: number;
  scores: Array<{ k: number; silhouette: number }> | null;
  features: FeatureScaling[];
  /** Customers clustered, and those left out for a missing feature. */
  customers: number;
  skipped: number;
  treeDepth: number;
  tiers: SuggestedTier[];
  unruled: ClusterProfile[];
  /** Share of the clustered customers the rules place in their cluster's tier. */
  agreement: number;
}

/**
 * Suggests a dimension from the data: clusters the customers on standardised features
 * (k-means, or Ward on a sample with the rest assigned to the nearest centroid), choosing k
 * from 2..8 by silhouette when asked, then fits a shallow decision tree to the clusters and
 * writes its paths as `when:` conditions with rounded thresholds, one tier per cluster, the
 * lowest-spending cluster as the default. The rules are checked by running them: each
 * tier's comment gives the share of its cluster they place there. Throws
 * StrataError("invalid-data") when the data cannot be clustered, ("usage") for a bad k.
 */
export async function suggestSegments(
  customers: readonly CustomerMetrics[],
  options: SuggestOptions,
): Promise<Suggestion> {
  const progress = options.progress ?? (() => {});
  const matrix = featureMatrix(customers, options.features, AUTO_K.max + 2);
  const { points } = matrix;
  if (options.k !== "auto" && (options.k < 2 || options.k >= points.count)) {
    throw new StrataError("usage", `k must be from 2 to ${points.count - 1}, not ${options.k}`);
  }
  const random = seededRandom(SEED);
  const cluster = clusterer(points, options.method, SEED, random.next, progress);
  let k: number;
  let labels: Int32Array;
  let scores: Suggestion["scores"] = null;
  const sample = sampleIndices(points.count, SILHOUETTE_SAMPLE, random.next);
  if (options.k === "auto") {
    scores = [];
    let best: { k: number; silhouette: number; labels: Int32Array } | null = null;
    for (
      let candidate = AUTO_K.min;
      candidate <= Math.min(AUTO_K.max, points.count - 1);
      candidate++
    ) {
      progress(`clustering with k = ${candidate}`);
      const found = await cluster(candidate);
      const score = silhouette(points, found, sample, candidate);
      scores.push({ k: candidate, silhouette: score });
      if (!best || score > best.silhouette)
        best = { k: candidate, silhouette: score, labels: found };
    }
    if (!best) throw new StrataError("invalid-data", "too few customers to choose k");
    ({ k, labels } = best);
  } else {
    k = options.k;
    progress(`clustering with k = ${k}`);
    labels = await cluster(k);
  }
  progress("fitting the decision tree");
  const profiles = clusterProfiles(customers, matrix.rows, labels, k);
  const { tree, depth } = fitRules(matrix, labels, k);
  const names = options.features;
  const conditions = treeConditions(tree, names);
  const ids = clusterLabels(profiles);
  // Highest spending first; the lowest-spending cluster is the default tier.
  const order = [...profiles].sort((a, b) => b.monetary - a.monetary || a.cluster - b.cluster);
  const last = order[order.length - 1] as ClusterProfile;
  const tiers: SuggestedTier[] = [];
  const unruled: ClusterProfile[] = [];
  for (const p of order) {
    const when = p === last ? null : (conditions.get(p.cluster) ?? undefined);
    if (when === undefined) {
      unruled.push(p);
      continue;
    }
    const { id, label } = ids[p.cluster] as { id: string; label: string };
    tiers.push({ id, label, when, profile: p, agreement: null });
  }
  const method = `${options.method === "ward" ? "Ward" : "k-means"}, k = ${k}`;
  const parts = {
    dimension: options.dimension,
    method,
    asOf: options.asOf,
    customers: points.count,
    features: matrix.features,
    scores,
    silhouetteSample: sample.length,
    treeDepth: depth,
    tiers,
    unruled,
    overallAgreement: null as number | null,
    clv: names.some((n) => n === "p_alive" || n === "expected_orders_90d"),
  };
  const agreement = measureAgreement(
    suggestedRuleFile(parts),
    customers,
    matrix.rows,
    labels,
    tiers,
    options.dimension,
  );
  parts.overallAgreement = agreement;
  const text = suggestedRuleFile(parts);
  const check = validateRuleText(text);
  if (check.diagnostics.length > 0) {
    throw new StrataError(
      "internal",
      `the suggested rules do not validate clean: ${check.diagnostics.map((d) => d.message).join("; ")}`,
    );
  }
  return {
    text,
    k,
    scores,
    features: matrix.features,
    customers: points.count,
    skipped: matrix.skipped,
    treeDepth: depth,
    tiers,
    unruled,
    agreement,
  };
}
