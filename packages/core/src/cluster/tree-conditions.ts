import type { TreeNode } from "./decision-tree.ts";

/** One leaf's path as bounds per feature: lower ≤ x < upper (either may be absent). */
interface Box {
  lower: Map<number, number>;
  upper: Map<number, number>;
}

/**
 * The rule-language condition that selects each label's leaves: per leaf, its path with the
 * tightest bound per feature (`monetary >= 1200 and recency_days < 90`), and a label's
 * leaves joined by `or`. Labels without a leaf are absent; a tree that is one leaf gives
 * "true" for its label. `names` are the features' metric names.
 */
export function treeConditions(tree: TreeNode, names: readonly string[]): Map<number, string> {
  const paths = new Map<number, string[]>();
  const walk = (node: TreeNode, box: Box) => {
    if (node.kind === "leaf") {
      paths.set(node.label, [...(paths.get(node.label) ?? []), describe(box, names)]);
      return;
    }
    const { feature: f, threshold: t } = node;
    const left: Box = { lower: box.lower, upper: new Map(box.upper) };
    left.upper.set(f, Math.min(t, box.upper.get(f) ?? Number.POSITIVE_INFINITY));
    const right: Box = { lower: new Map(box.lower), upper: box.upper };
    right.lower.set(f, Math.max(t, box.lower.get(f) ?? Number.NEGATIVE_INFINITY));
    walk(node.left, left);
    walk(node.right, right);
  };
  walk(tree, { lower: new Map(), upper: new Map() });
  return new Map(
    [...paths].map(([label, list]) => [
      label,
      list.length === 1
        ? (list[0] as string)
        : list.map((p) => (p.includes(" and ") ? `(${p})` : p)).join(" or "),
    ]),
  );
}

function describe({ lower, upper }: Box, names: readonly string[]): string {
  const parts: string[] = [];
  const features = [...new Set([...lower.keys(), ...upper.keys()])].sort((a, b) => a - b);
  for (const f of features) {
    const name = names[f] as string;
    const lo = lower.get(f);
    const hi = upper.get(f);
    if (lo !== undefined) parts.push(`${name} >= ${formatNumber(lo)}`);
    if (hi !== undefined) parts.push(`${name} < ${formatNumber(hi)}`);
  }
  return parts.length ? parts.join(" and ") : "true";
}

/** A threshold as the rule language reads it: plain decimal, no exponent. */
export function formatNumber(v: number): string {
  if (Math.abs(v) < 1e-9) return "0";
  const text = String(v);
  return text.includes("e") ? v.toFixed(12).replace(/\.?0+$/, "") : text;
}
