import type { TierMove } from "./engine-store.ts";

/** One customer's tier per dimension (null: unassigned), as rule evaluation gives it. */
export interface CustomerTiers {
  customerId: string;
  tiers: Readonly<Record<string, string | null>>;
}

/** What changing a rule file does to the same customers on the same day. */
export interface TierChanges {
  /** Customers whose tier differs in at least one dimension both files have. */
  customers: number;
  /** Moves between tiers in the dimensions both files have, largest first. */
  moves: TierMove[];
  /** Dimensions only the new rules have, and only the old rules have. */
  added: string[];
  removed: string[];
}

/**
 * Compares the tiers the old rules gave each customer with those the new rules give: per
 * dimension both have, how many customers move from which tier to which. A customer missing
 * from `before` counts as coming from unassigned. Dimensions are matched by id, in the order
 * of `afterDimensions`.
 */
export function tierChanges(
  before: readonly CustomerTiers[],
  after: readonly CustomerTiers[],
  beforeDimensions: readonly string[],
  afterDimensions: readonly string[],
): TierChanges {
  const shared = afterDimensions.filter((d) => beforeDimensions.includes(d));
  // Both lists usually hold the same customers in the same order: match by position, and
  // look up by id only where they differ.
  let byId: Map<string, CustomerTiers["tiers"]> | undefined;
  const lookUp = (id: string) => {
    byId ??= new Map(before.map((c) => [c.customerId, c.tiers]));
    return byId.get(id);
  };
  const counts = new Map<string, TierMove>();
  let customers = 0;
  for (let i = 0; i < after.length; i++) {
    const { customerId, tiers } = after[i] as CustomerTiers;
    const same = before[i];
    const was = same?.customerId === customerId ? same.tiers : lookUp(customerId);
    let moved = false;
    for (const dimension of shared) {
      const from = was?.[dimension] ?? null;
      const to = tiers[dimension] ?? null;
      if (from === to) continue;
      moved = true;
      const key = `${dimension}\u0000${from}\u0000${to}`;
      const move = counts.get(key);
      if (move) move.count++;
      else counts.set(key, { dimension, from, to, count: 1 });
    }
    if (moved) customers++;
  }
  const order = (d: string) => shared.indexOf(d);
  return {
    customers,
    moves: [...counts.values()].sort(
      (a, b) => order(a.dimension) - order(b.dimension) || b.count - a.count,
    ),
    added: afterDimensions.filter((d) => !beforeDimensions.includes(d)),
    removed: beforeDimensions.filter((d) => !afterDimensions.includes(d)),
  };
}
