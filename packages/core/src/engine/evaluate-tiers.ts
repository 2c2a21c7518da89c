import { compileRules } from "../rules/compile-rules.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import { addRfm, type CustomerMetrics, type RfmCuts, ruleRow } from "./customer-metrics.ts";

/** One customer's tier in every dimension (null: unassigned). */
export interface Assignment {
  customer: CustomerMetrics;
  tiers: Record<string, string | null>;
}

/**
 * Places every customer in a tier of each dimension of a validated rule file. Adds RFM
 * scores first when the file enables them, and returns their cut points. Throws StrataError("invalid-rules") when a
 * condition did not parse.
 */
export function evaluateTiers(
  file: RuleFile,
  customers: CustomerMetrics[],
): { assignments: Assignment[]; rfmCuts: RfmCuts | null } {
  const rfmCuts = file.rfm ? addRfm(customers, file.rfm.bins) : null;
  const rules = compileRules(file);
  return {
    assignments: customers.map((customer) => ({
      customer,
      tiers: rules.assign(ruleRow(customer)),
    })),
    rfmCuts,
  };
}
