import type { Points } from "./points.ts";

/** One merge of Ward's hierarchy: clusters `a` and `b` became cluster `id` at this cost. */
export interface Merge {
  a: number;
  b: number;
  id: number;
  /** The increase in within-cluster sum of squares: |A||B|/(|A|+|B|) ‖cA − cB‖². */
  cost: number;
}

/**
 * Ward's agglomerative clustering by the nearest-neighbour chain algorithm (Murtagh 1983):
 * O(n²) time and O(n) memory, since Ward's merge cost is computed from cluster sizes and
 * centroids and needs no distance matrix. Leaves are 0 … n−1; merge m creates cluster n+m,
 * as in SciPy's linkage. Returns the n−1 merges ordered by cost (ties by creation).
 */
export function wardMerges({ values, count, dims }: Points): Merge[] {
  const centroids = Float64Array.from(values);
  const sizes = new Float64Array(count).fill(1);
  /** The hierarchy id of the cluster held in each slot. */
  const ids = Int32Array.from({ length: count }, (_, i) => i);
  /** Slots still in play, and where each sits in that list (−1 once merged away). */
  const active = Int32Array.from({ length: count }, (_, i) => i);
  const position = Int32Array.from({ length: count }, (_, i) => i);
  let activeCount = count;
  const merges: Merge[] = [];
  const chain: number[] = [];
  let nextId = count;
  const cost = (x: number, y: number) => {
    let d = 0;
    for (let f = 0; f < dims; f++) {
      const diff = (centroids[x * dims + f] as number) - (centroids[y * dims + f] as number);
      d += diff * diff;
    }
    const sx = sizes[x] as number;
    const sy = sizes[y] as number;
    return ((sx * sy) / (sx + sy)) * d;
  };
  const remove = (slot: number) => {
    const at = position[slot] as number;
    const last = active[--activeCount] as number;
    active[at] = last;
    position[last] = at;
    position[slot] = -1;
  };
  while (activeCount > 1) {
    if (chain.length === 0) chain.push(active[0] as number);
    const x = chain[chain.length - 1] as number;
    const previous = chain.length > 1 ? (chain[chain.length - 2] as number) : -1;
    // The nearest other cluster; on a tie the previous link wins, so the chain cannot cycle.
    let best = previous;
    let bestCost = previous >= 0 ? cost(x, previous) : Number.POSITIVE_INFINITY;
    for (let p = 0; p < activeCount; p++) {
      const y = active[p] as number;
      if (y === x) continue;
      const c = cost(x, y);
      if (c < bestCost) {
        bestCost = c;
        best = y;
      }
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    // x and previous merge into x's slot.
    const sx = sizes[x] as number;
    const sp = sizes[previous] as number;
    for (let f = 0; f < dims; f++) {
      const at = x * dims + f;
      centroids[at] =
        ((centroids[at] as number) * sx + (centroids[previous * dims + f] as number) * sp) /
        (sx + sp);
    }
    sizes[x] = sx + sp;
    merges.push({ a: ids[previous] as number, b: ids[x] as number, id: nextId, cost: bestCost });
    ids[x] = nextId++;
    remove(previous);
  }
  return merges
    .map((m, order) => ({ m, order }))
    .sort((p, q) => p.m.cost - q.m.cost || p.order - q.order)
    .map(({ m }) => m);
}

/**
 * Cuts Ward's hierarchy of `count` leaves into `k` clusters by applying its cheapest
 * `count − k` merges; returns each leaf's cluster, numbered 0 … k−1 by first leaf.
 */
export function cutHierarchy(merges: readonly Merge[], count: number, k: number): Int32Array {
  const parent = Int32Array.from({ length: count + merges.length }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  for (const m of merges.slice(0, count - k)) {
    parent[find(m.a)] = m.id;
    parent[find(m.b)] = m.id;
  }
  const numbers = new Map<number, number>();
  return Int32Array.from({ length: count }, (_, i) => {
    const root = find(i);
    let n = numbers.get(root);
    if (n === undefined) {
      n = numbers.size;
      numbers.set(root, n);
    }
    return n;
  });
}
