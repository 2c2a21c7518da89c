import type { Value } from "../expression/ast.ts";
import { compileRules } from "../rules/compile-rules.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import { addRfm, type CustomerMetrics, type RfmCuts, ruleRow } from "./customer-metrics.ts";

/** One customer's tier in every dimension (null: unassigned). */
export interface Assignment {
  customer: CustomerMetrics;
  tiers: Record<string, string | null>;
}

/** What rule conditions read for each customer, in the order of the customers. */
export interface PreparedRows {
  rows: Array<Record<string, Value>>;
  rfmCuts: RfmCuts | null;
}

/**
 * The values every condition of `file` can read, per customer: metrics, attributes and, when
 * the file enables RFM, the scores and segment (added to `customers` by quantiles across
 * them). Rows depend only on the customers and the RFM bins, so they can be kept while the
 * conditions change.
 */
export function prepareRows(file: RuleFile, customers: CustomerMetrics[]): PreparedRows {
  const rfmCuts = file.rfm ? addRfm(customers, file.rfm.bins) : null;
  return { rows: customers.map(ruleRow), rfmCuts };
}

/**
 * Places each customer in a tier of each dimension of a validated rule file, from the row
 * `rowOf` gives for it: one kept by `prepareRows`, or one made for the moment. Throws
 * StrataError("invalid-rules") when a condition did not parse.
 */
export function assignTiers(
  file: RuleFile,
  customers: readonly CustomerMetrics[],
  rowOf: (customer: CustomerMetrics, index: number) => Record<string, Value>,
): Assignment[] {
  const rules = compileRules(file);
  return customers.map((customer, i) => ({ customer, tiers: rules.assign(rowOf(customer, i)) }));
}

/**
 * Places every customer in a tier of each dimension of a validated rule file. Adds RFM
 * scores first when the file enables them, and returns their cut points. Throws
 * StrataError("invalid-rules") when a condition did not parse.
 */
export function evaluateTiers(
  file: RuleFile,
  customers: CustomerMetrics[],
): { assignments: Assignment[]; rfmCuts: RfmCuts | null } {
  const rfmCuts = file.rfm ? addRfm(customers, file.rfm.bins) : null;
  // Each row lives only while its customer is placed: all of them at once would take as
  // much memory as the customers themselves.
  return { assignments: assignTiers(file, customers, ruleRow), rfmCuts };
}
