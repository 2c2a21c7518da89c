/** A node of a classification tree: a leaf predicts `label`; a split sends x < threshold left. */
export type TreeNode =
  | { kind: "leaf"; label: number; size: number }
  | { kind: "split"; feature: number; threshold: number; left: TreeNode; right: TreeNode };

export interface TreeOptions {
  maxDepth: number;
  /** The fewest rows a leaf may hold. */
  minLeaf: number;
}

/**
 * A CART classification tree (Breiman et al. 1984): each split is the one that lowers the
 * Gini impurity most, among `x < t` for t in the feature's `thresholds` only (pre-rounded
 * numbers a person would write, see round-thresholds.ts). Rows are binned once against the
 * thresholds, so choosing a split costs one pass over the node's rows per feature. Sibling
 * leaves that predict the same label are merged. `rows` holds `dims` values per row.
 */
export function fitTree(
  rows: Float64Array,
  dims: number,
  labels: Int32Array,
  k: number,
  thresholds: readonly number[][],
  options: TreeOptions,
): TreeNode {
  const n = labels.length;
  const bins = thresholds.map((cuts, f) => {
    const b = new Uint16Array(n);
    for (let i = 0; i < n; i++) b[i] = countBelowOrEqual(cuts, rows[i * dims + f] as number);
    return b;
  });
  const all = Int32Array.from({ length: n }, (_, i) => i);
  return prune(grow(all, 0));

  function grow(members: Int32Array, depth: number): TreeNode {
    const counts = new Float64Array(k);
    for (const i of members)
      counts[labels[i] as number] = (counts[labels[i] as number] as number) + 1;
    const label = argMax(counts);
    const leaf: TreeNode = { kind: "leaf", label, size: members.length };
    if (depth >= options.maxDepth || counts[label] === members.length) return leaf;
    const split = bestSplit(members, counts);
    if (!split) return leaf;
    const b = bins[split.feature] as Uint16Array;
    const left = members.filter((i) => (b[i] as number) <= split.cut);
    const right = members.filter((i) => (b[i] as number) > split.cut);
    return {
      kind: "split",
      feature: split.feature,
      threshold: (thresholds[split.feature] as number[])[split.cut] as number,
      left: grow(left, depth + 1),
      right: grow(right, depth + 1),
    };
  }

  /** The split (feature, threshold index) with the lowest weighted Gini, or null if none helps. */
  function bestSplit(members: Int32Array, counts: Float64Array) {
    const size = members.length;
    let best: { feature: number; cut: number } | null = null;
    let bestImpurity = gini(counts, size) * size - 1e-9;
    for (let f = 0; f < dims; f++) {
      const cuts = (thresholds[f] as number[]).length;
      if (cuts === 0) continue;
      const b = bins[f] as Uint16Array;
      // hist[bin * k + label]: rows with this many thresholds ≤ their value.
      const hist = new Float64Array((cuts + 1) * k);
      for (const i of members) {
        const at = (b[i] as number) * k + (labels[i] as number);
        hist[at] = (hist[at] as number) + 1;
      }
      const left = new Float64Array(k);
      let leftSize = 0;
      for (let cut = 0; cut < cuts; cut++) {
        for (let j = 0; j < k; j++) {
          const c = hist[cut * k + j] as number;
          left[j] = (left[j] as number) + c;
          leftSize += c;
        }
        const rightSize = size - leftSize;
        if (leftSize < options.minLeaf || rightSize < options.minLeaf) continue;
        let sumLeft = 0;
        let sumRight = 0;
        for (let j = 0; j < k; j++) {
          const l = left[j] as number;
          const r = (counts[j] as number) - l;
          sumLeft += l * l;
          sumRight += r * r;
        }
        // size × weighted Gini = leftSize − Σl²/leftSize + rightSize − Σr²/rightSize
        const impurity = size - sumLeft / leftSize - sumRight / rightSize;
        if (impurity < bestImpurity) {
          bestImpurity = impurity;
          best = { feature: f, cut };
        }
      }
    }
    return best;
  }
}

/** Predicts the label of one row. */
export function predict(tree: TreeNode, row: ArrayLike<number>): number {
  let node = tree;
  while (node.kind === "split")
    node = (row[node.feature] as number) < node.threshold ? node.left : node.right;
  return node.label;
}

function prune(node: TreeNode): TreeNode {
  if (node.kind === "leaf") return node;
  const left = prune(node.left);
  const right = prune(node.right);
  if (left.kind === "leaf" && right.kind === "leaf" && left.label === right.label)
    return { kind: "leaf", label: left.label, size: left.size + right.size };
  return { ...node, left, right };
}

function gini(counts: Float64Array, size: number): number {
  let sum = 0;
  for (const c of counts) sum += (c / size) ** 2;
  return 1 - sum;
}

function argMax(values: Float64Array): number {
  let best = 0;
  for (let j = 1; j < values.length; j++)
    if ((values[j] as number) > (values[best] as number)) best = j;
  return best;
}

/** How many of the sorted `cuts` are ≤ v (binary search). */
function countBelowOrEqual(cuts: readonly number[], v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cuts[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
