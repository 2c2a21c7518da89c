import { type CustomerMetrics, ruleRow } from "../engine/customer-metrics.ts";
import { StrataError } from "../errors.ts";
import { compileRules } from "../rules/compile-rules.ts";
import { validateRuleText } from "../rules/validate.ts";
import { fitTree, type TreeNode } from "./decision-tree.ts";
import type { FeatureMatrix } from "./feature-matrix.ts";
import { roundThresholds } from "./round-thresholds.ts";
import type { SuggestedTier } from "./suggested-rule-file.ts";

const MAX_TREE_DEPTH = 5;

/**
 * The shallowest tree from depth ⌈log2 k⌉ + 1 up to 5 in which every cluster but possibly
 * the default owns a leaf; leaves hold at least 0.5% of the customers.
 */
export function fitRules(
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
export function measureAgreement(
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
