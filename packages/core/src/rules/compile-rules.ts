import { StrataError } from "../errors.ts";
import type { Value } from "../expression/ast.ts";
import { compileJs, type Evaluator, type Row } from "../expression/compile-js.ts";
import type { RuleFile } from "./rule-file.ts";

export interface CompiledTier {
  id: string;
  /** Null for the default tier. */
  test: Evaluator | null;
}

export interface CompiledDimension {
  id: string;
  tiers: CompiledTier[];
  /** The first tier whose condition is true for `row`, the default, or null (unassigned). */
  assign(row: Row): string | null;
}

export interface CompiledRules {
  dimensions: CompiledDimension[];
  /**
   * Every dimension's tier for one customer, in file order. Each tier is also written into
   * `row` under its dimension's name, which is how later dimensions see it: pass a row of
   * your own (ruleRow makes a fresh one), not shared data.
   */
  assign(row: Record<string, Value>): Record<string, string | null>;
}

/**
 * Compiles a validated rule file for evaluation in JavaScript.
 * Throws StrataError("invalid-rules") if a condition did not parse.
 */
export function compileRules(file: RuleFile): CompiledRules {
  const dimensions = file.dimensions.map((dimension): CompiledDimension => {
    const tiers = dimension.tiers.map((tier): CompiledTier => {
      if (tier.isDefault) return { id: tier.id, test: null };
      if (!tier.when?.expr) {
        throw new StrataError(
          "invalid-rules",
          `tier '${tier.id}' in '${dimension.id}' has no valid condition`,
        );
      }
      return { id: tier.id, test: compileJs(tier.when.expr) };
    });
    return {
      id: dimension.id,
      tiers,
      assign(row) {
        for (const tier of tiers) {
          if (tier.test === null || tier.test(row) === true) return tier.id;
        }
        return null;
      },
    };
  });
  return {
    dimensions,
    assign(row) {
      const values = row as Record<string, unknown>;
      const result: Record<string, string | null> = {};
      for (const dimension of dimensions) {
        const tier = dimension.assign(values as Row);
        result[dimension.id] = tier;
        values[dimension.id] = tier;
      }
      return result;
    },
  };
}
