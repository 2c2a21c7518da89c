import { compileRules } from "../rules/compile-rules.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import { addRfm, type CustomerMetrics, ruleRow } from "./customer-metrics.ts";

/** One customer's tier in every dimension (null: unassigned). */
export interface Assignment {
  customer: CustomerMetrics;
  tiers: Record<string, string | null>;
}

/**
 * Places every customer in a tier of each dimension of a validated rule file. Adds RFM
 * scores first when the file enables them. Throws StrataError("invalid-rules") when a
 * condition did not parse.
 */
export function evaluateTiers(file: RuleFile, customers: CustomerMetrics[]): Assignment[] {
  if (file.rfm) addRfm(customers, file.rfm.bins);
  const rules = compileRules(file);
  return customers.map((customer) => ({ customer, tiers: rules.assign(ruleRow(customer)) }));
}
