import type { RuleFile } from "../rules/rule-file.ts";
import type { Assignment } from "./evaluate-tiers.ts";

export interface TierCount {
  tier: string;
  label: string;
  count: number;
  /** Of all customers evaluated, 0..1. */
  share: number;
  /** Of all customers' monetary value, 0..1. */
  monetaryShare: number;
}

export interface DimensionSummary {
  dimension: string;
  label: string;
  tiers: TierCount[];
  unassigned: number;
}

export interface Summary {
  customers: number;
  dimensions: DimensionSummary[];
  /** Counts of the first two dimensions crossed: rows are tiers of the first. */
  matrix: { rows: string; columns: string; counts: Record<string, Record<string, number>> } | null;
}

/** Counts and shares per tier, customers left unassigned, and the first two dimensions crossed. */
export function summarise(
  file: RuleFile,
  assignments: readonly Assignment[],
  matrixOf?: [string, string],
): Summary {
  const total = assignments.length;
  const money = assignments.reduce((sum, a) => sum + a.customer.monetary, 0);
  const dimensions = file.dimensions.map((dimension): DimensionSummary => {
    const counts = new Map<string, { count: number; monetary: number }>();
    let unassigned = 0;
    for (const a of assignments) {
      const tier = a.tiers[dimension.id];
      if (tier == null) {
        unassigned++;
        continue;
      }
      const c = counts.get(tier) ?? { count: 0, monetary: 0 };
      c.count++;
      c.monetary += a.customer.monetary;
      counts.set(tier, c);
    }
    return {
      dimension: dimension.id,
      label: dimension.label,
      unassigned,
      tiers: dimension.tiers.map((t) => {
        const c = counts.get(t.id) ?? { count: 0, monetary: 0 };
        return {
          tier: t.id,
          label: t.label,
          count: c.count,
          share: total ? c.count / total : 0,
          monetaryShare: money ? c.monetary / money : 0,
        };
      }),
    };
  });
  const [rows, columns] = matrixOf ?? [file.dimensions[0]?.id, file.dimensions[1]?.id];
  let matrix: Summary["matrix"] = null;
  if (rows && columns) {
    const counts: Record<string, Record<string, number>> = {};
    for (const a of assignments) {
      const r = a.tiers[rows] ?? "(unassigned)";
      const c = a.tiers[columns] ?? "(unassigned)";
      const row = counts[r] ?? {};
      row[c] = (row[c] ?? 0) + 1;
      counts[r] = row;
    }
    matrix = { rows, columns, counts };
  }
  return { customers: total, dimensions, matrix };
}
