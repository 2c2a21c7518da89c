import type { Range } from "./source-range.ts";

/**
 * Stable diagnostic codes. Never rename one: editors, CI scripts and docs refer to them.
 */
export const DIAGNOSTIC_CODES = {
  "yaml-syntax": "The file is not valid YAML.",
  "missing-field": "A required field is absent.",
  "unknown-field": "A field Strata does not know (often a typo).",
  "invalid-value": "A field has the wrong type or an impossible value.",
  "unsupported-version": "The file's `version` is not one this Strata understands.",
  "duplicate-tier": "Two tiers in one dimension share an id.",
  "tier-without-condition": "A tier has neither `when` nor `default: true`.",
  "default-with-condition": "A default tier also has a `when` condition.",
  "expression-syntax": "A `when` expression cannot be parsed.",
  "unknown-identifier": "A name that is not a metric, attribute or earlier dimension.",
  "type-mismatch": "Values of the wrong kind are combined, e.g. text compared with a number.",
  "forward-reference": "A dimension refers to itself or to a dimension defined below it.",
  "unknown-tier": "A comparison names a tier the dimension does not have.",
  "unknown-value": "A comparison names a value the metric never takes.",
  "metric-not-enabled": "A metric needs a setting the file does not have (rfm or clv).",
  "unreachable-tier": "Tiers above already take every customer this tier would.",
  "no-default-tier": "Customers matching no tier are left unassigned.",
  "unknown-churn-tier": "`churn:` names a tier the dimension does not have.",
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type Severity = "error" | "warning";

/** A range elsewhere in the file that explains a diagnostic (e.g. the tier that shadows). */
export interface RelatedInformation {
  range: Range;
  message: string;
}

/** A text edit that fixes a diagnostic: replace `range` with `newText`. */
export interface SuggestedFix {
  title: string;
  range: Range;
  newText: string;
}

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  range: Range;
  related?: RelatedInformation[];
  fixes?: SuggestedFix[];
}

/** Sorts diagnostics by position, then errors before warnings. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1),
  );
}
