import type { Value } from "../expression/ast.ts";
import type { Row } from "../expression/compile-js.ts";
import {
  type ConditionExplanation,
  explainCondition,
  failingConditions,
  formatCondition,
} from "../expression/explain-condition.ts";
import { compileRules } from "./compile-rules.ts";
import type { RuleFile, Tier } from "./rule-file.ts";

/** Why one customer is in its tier of one dimension, and what the next tier up would take. */
export interface DimensionExplanation {
  dimension: string;
  label: string;
  /** The tier matched, or null when the customer is unassigned. */
  tier: string | null;
  tierLabel: string | null;
  action: string | null;
  /** Lines such as `monetary 58,200 >= 50,000 ✓`; for a default tier, why nothing above matched. */
  because: string[];
  /** The tier just above the matched one, and the conditions the customer still fails there. */
  nextUp: { tier: string; label: string; failing: string[] } | null;
  /** The matched tier's condition tree, for front ends that render their own way. */
  condition: ConditionExplanation | null;
}

function explainTier(tier: Tier, row: Row): ConditionExplanation | null {
  return tier.when?.expr ? explainCondition(tier.when.expr, tier.when.source, row) : null;
}

/**
 * Explains every dimension's tier for one customer. `row` holds the customer's metrics and
 * attributes; earlier dimensions' tiers are added as the rules are evaluated.
 * Throws StrataError("invalid-rules") when the file has conditions that did not parse.
 */
export function explainCustomer(file: RuleFile, row: Row): DimensionExplanation[] {
  const values = { ...row } as Record<string, Value>;
  const tiers = compileRules(file).assign(values);
  return file.dimensions.map((dimension) => {
    const id = tiers[dimension.id] ?? null;
    const index = dimension.tiers.findIndex((t) => t.id === id);
    const tier = dimension.tiers[index];
    const condition = tier ? explainTier(tier, values) : null;
    const above =
      index > 0 ? dimension.tiers[index - 1] : index < 0 ? dimension.tiers.at(-1) : undefined;
    const aboveCondition = above ? explainTier(above, values) : null;
    let because: string[];
    if (condition) because = formatCondition(condition);
    else if (tier)
      because = [index === 0 ? "the only tier" : "no tier above it matched (default tier)"];
    else because = ["no tier matched and the dimension has no default: unassigned"];
    return {
      dimension: dimension.id,
      label: dimension.label,
      tier: id,
      tierLabel: tier?.label ?? null,
      action: tier?.action ?? null,
      because,
      nextUp:
        above && aboveCondition
          ? {
              tier: above.id,
              label: above.label,
              failing: failingConditions(aboveCondition).flatMap((p) => formatCondition(p)),
            }
          : null,
      condition,
    };
  });
}
