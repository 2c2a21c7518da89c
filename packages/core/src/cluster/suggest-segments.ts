import { seededRandom } from "../demo/seeded-random.ts";
import { type CustomerMetrics, ruleRow } from "../engine/customer-metrics.ts";
import { StrataError } from "../errors.ts";
import { compileRules } from "../rules/compile-rules.ts";
import { validateRuleText } from "../rules/validate.ts";
import { type ClusterProfile, clusterLabels, clusterProfiles } from "./cluster-profiles.ts";
import { fitTree, type TreeNode } from "./decision-tree.ts";
import {
  type ClusterFeature,
  type FeatureMatrix,
  type FeatureScaling,
  featureMatrix,
} from "./feature-matrix.ts";
import { kMeans } from "./kmeans.ts";
import { nearestCentre } from "./nearest-centre.ts";
import { type Points, subset } from "./points.ts";
import { roundThresholds } from "./round-thresholds.ts";
import { sampleIndices, silhouette } from "./silhouette.ts";
import { type SuggestedTier, suggestedRuleFile } from "./suggested-rule-file.ts";
import { treeConditions } from "./tree-conditions.ts";
import { cutHierarchy, type Merge, wardMerges } from "./ward.ts";

/** Every draw (k-means++, samples) starts from this seed: the same data gives the same file. */
const SEED = 20_240_601;
export const AUTO_K = { min: 2, max: 8 } as const;
const SILHOUETTE_SAMPLE = 5_000;
export const WARD_SAMPLE = 20_000;
const MAX_TREE_DEPTH = 5;

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
  const cluster = await clusterer(points, options.method, random.next, progress);
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

/** Clusters into k groups: k-means on everyone, or Ward on a sample then nearest centroid. */
async function clusterer(
  points: Points,
  method: "kmeans" | "ward",
  random: () => number,
  progress: (message: string) => void,
): Promise<(k: number) => Promise<Int32Array>> {
  if (method === "kmeans") return async (k) => (await kMeans(points, { k, seed: SEED })).labels;
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

/**
 * The shallowest tree from depth ⌈log2 k⌉ + 1 up to 5 in which every cluster but possibly
 * the default owns a leaf; leaves hold at least 0.5% of the customers.
 */
function fitRules(
  matrix: FeatureMatrix,
  labels: Int32Array,
  k: number,
): { tree: TreeNode; depth: number } {
  const { raw, points } = matrix;
  const dims = points.dims;
  const thresholds = matrix.features.map((_, f) =>
    roundThresholds(Array.from({ length: points.count }, (_, i) => raw[i * dims + f] as number)),
  );
  const minLeaf = Math.max(1, Math.floor(points.count * 0.005));
  let best: { tree: TreeNode; depth: number; leaves: number } | null = null;
  for (let depth = Math.ceil(Math.log2(k)) + 1; depth <= MAX_TREE_DEPTH; depth++) {
    const tree = fitTree(raw, dims, labels, k, thresholds, { maxDepth: depth, minLeaf });
    const owned = new Set<number>();
    const walk = (n: TreeNode): void => {
      if (n.kind === "leaf") owned.add(n.label);
      else {
        walk(n.left);
        walk(n.right);
      }
    };
    walk(tree);
    if (!best || owned.size > best.leaves) best = { tree, depth, leaves: owned.size };
    if (owned.size >= k - 1) break;
  }
  if (!best || best.tree.kind === "leaf") {
    throw new StrataError(
      "invalid-data",
      "no rule on these features separates the clusters: try other --features or a smaller --k",
    );
  }
  return best;
}

/**
 * Runs the rules as `strata run` would and sets each tier's agreement: the share of its
 * cluster's customers placed in it. Returns the share of all clustered customers placed in
 * their cluster's tier.
 */
function measureAgreement(
  text: string,
  customers: readonly CustomerMetrics[],
  rows: Int32Array,
  labels: Int32Array,
  tiers: SuggestedTier[],
  dimension: string,
): number {
  const { file } = validateRuleText(text);
  if (!file) throw new StrataError("internal", "the suggested rules do not parse");
  const rules = compileRules(file);
  const tierOfCluster = new Map(tiers.map((t) => [t.profile.cluster, t]));
  const placed = new Map<number, number>();
  let agree = 0;
  rows.forEach((row, i) => {
    const cluster = labels[i] as number;
    const tier = tierOfCluster.get(cluster);
    if (!tier) return;
    if (rules.assign(ruleRow(customers[row] as CustomerMetrics))[dimension] === tier.id) {
      placed.set(cluster, (placed.get(cluster) ?? 0) + 1);
      agree++;
    }
  });
  for (const t of tiers) t.agreement = (placed.get(t.profile.cluster) ?? 0) / t.profile.size;
  return agree / rows.length;
}
