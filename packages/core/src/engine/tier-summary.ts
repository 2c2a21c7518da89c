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
  /** Two dimensions crossed (the first two unless chosen): rows are tiers of the first. */
  matrix: TierMatrix | null;
}

/** Per cell (row tier, column tier): customers, and their share of all monetary value (0..1). */
export interface TierMatrix {
  rows: string;
  columns: string;
  counts: Record<string, Record<string, number>>;
  monetaryShare: Record<string, Record<string, number>>;
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
  const matrix = rows && columns ? crossTiers(assignments, rows, columns, money) : null;
  return { customers: total, dimensions, matrix };
}

function crossTiers(
  assignments: readonly Assignment[],
  rows: string,
  columns: string,
  money: number,
): TierMatrix {
  const counts: Record<string, Record<string, number>> = {};
  const monetaryShare: Record<string, Record<string, number>> = {};
  for (const a of assignments) {
    const r = a.tiers[rows] ?? "(unassigned)";
    const c = a.tiers[columns] ?? "(unassigned)";
    const countRow = counts[r] ?? {};
    countRow[c] = (countRow[c] ?? 0) + 1;
    counts[r] = countRow;
    const moneyRow = monetaryShare[r] ?? {};
    moneyRow[c] = (moneyRow[c] ?? 0) + (money ? a.customer.monetary / money : 0);
    monetaryShare[r] = moneyRow;
  }
  return { rows, columns, counts, monetaryShare };
}
