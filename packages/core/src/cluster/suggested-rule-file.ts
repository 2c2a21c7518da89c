import type { ClusterProfile } from "./cluster-profiles.ts";
import type { FeatureScaling } from "./feature-matrix.ts";

/** One tier of the suggested dimension; `when` null for the default tier. */
export interface SuggestedTier {
  id: string;
  label: string;
  when: string | null;
  profile: ClusterProfile;
  /** Share of the cluster's customers the rules place in this tier (0..1), once known. */
  agreement: number | null;
}

export interface SuggestedFileParts {
  dimension: string;
  /** e.g. "k-means, k = 4". */
  method: string;
  asOf: string;
  customers: number;
  features: readonly FeatureScaling[];
  /** Silhouette per k when k was chosen automatically. */
  scores: ReadonlyArray<{ k: number; silhouette: number }> | null;
  silhouetteSample: number;
  treeDepth: number;
  tiers: readonly SuggestedTier[];
  /** Clusters the tree gave no leaf of their own: no tier. */
  unruled: readonly ClusterProfile[];
  overallAgreement: number | null;
  clv: boolean;
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const money = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The text of a `*.tiers.yaml` file with the suggested dimension, explained in comments. */
export function suggestedRuleFile(parts: SuggestedFileParts): string {
  const features = parts.features
    .map((f) => (f.logged ? `${f.name} (as ln(1 + x), skewness ${f.skewness.toFixed(1)})` : f.name))
    .join(", ");
  const lines = [
    `# Suggested by strata suggest as of ${parts.asOf}: ${parts.method}, on ${count(parts.customers)} customers.`,
    `# Features, standardised: ${features}.`,
  ];
  if (parts.scores) {
    const best = parts.scores.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    lines.push(
      `# k chosen by silhouette on a sample of ${count(parts.silhouetteSample)} customers (best k = ${best.k}):`,
      `#   ${parts.scores.map((s) => `k=${s.k} ${s.silhouette.toFixed(3)}`).join(", ")}`,
    );
  }
  lines.push(
    `# Rules: a decision tree of depth ${parts.treeDepth} fitted to the clusters, thresholds rounded to two digits.`,
  );
  if (parts.overallAgreement !== null) {
    lines.push(
      `# The rules place ${percent(parts.overallAgreement)} of the customers clustered in their cluster's tier.`,
    );
  }
  for (const p of parts.unruled) {
    lines.push(
      `# Cluster ${p.cluster + 1} (${count(p.size)} customers) has no tier: no rule of this depth separates it.`,
    );
  }
  lines.push(
    "# Review the thresholds and labels, then rename the tiers and add actions.",
    "version: 1",
    "name: Suggested segments",
    ...(parts.clv ? ["clv: { model: bgnbd }"] : []),
    "dimensions:",
    `  ${parts.dimension}:`,
    `    label: ${JSON.stringify(`Suggested segments (${parts.method})`)}`,
    "    tiers:",
  );
  for (const tier of parts.tiers) {
    const p = tier.profile;
    const recency =
      p.recencyDays === null ? "" : `${count(p.recencyDays)} days since the last order, `;
    lines.push(
      `      # ${count(p.size)} customers (${percent(p.share)}); on average ${recency}${p.frequency.toFixed(1)} orders, ${money(p.monetary)} spent.`,
    );
    if (tier.agreement !== null) {
      lines.push(
        `      # Agreement: the rules place ${percent(tier.agreement)} of this cluster's customers here.`,
      );
    }
    if (tier.when === null) {
      lines.push(
        "      # The default tier: everyone the rules above leave, and customers missing a feature.",
      );
    }
    lines.push(`      - id: ${tier.id}`, `        label: ${JSON.stringify(tier.label)}`);
    lines.push(tier.when === null ? "        default: true" : `        when: ${tier.when}`);
  }
  return `${lines.join("\n")}\n`;
}
