/**
 * The part of core that runs in any JavaScript host, with no native module and no command
 * line: the rule language and its editor queries, the metric catalogue, the in-memory
 * preview, and reading a Strata database through sql.js (SQLite compiled to WebAssembly).
 * Front ends that cannot load sqlite3's native binding (an editor's extension host runs its
 * own Node.js) import this instead of the package root.
 */
export type { CustomerMetrics } from "./engine/customer-metrics.ts";
export type { TierMove } from "./engine/engine-store.ts";
export { LivePreview, type LivePreviewResult, type SavedRules } from "./engine/live-preview.ts";
export type { PreviewSource } from "./engine/preview-source.ts";
export { type CustomerTiers, type TierChanges, tierChanges } from "./engine/tier-changes.ts";
export type { DimensionSummary, Summary, TierCount } from "./engine/tier-summary.ts";
export { isStrataError, StrataError, type StrataErrorCode } from "./errors.ts";
export type { Value } from "./expression/ast.ts";
export {
  BUILTIN_ATTRIBUTES,
  METRICS,
  type MetricInfo,
  RFM_SEGMENTS,
  type ValueType,
} from "./metrics/metric-catalogue.ts";
export { type Distribution, distributionOf } from "./metrics/value-distribution.ts";
export {
  type Completion,
  type CompletionKind,
  type CompletionOptions,
  type Completions,
  completionsAt,
} from "./rules/completions.ts";
export {
  DIAGNOSTIC_CODES,
  type Diagnostic,
  type DiagnosticCode,
  type RelatedInformation,
  type Severity,
  type SuggestedFix,
} from "./rules/diagnostic.ts";
export { formatRuleText } from "./rules/format-rule-text.ts";
export { type NameAt, nameAt } from "./rules/name-at.ts";
export type { Dimension, RuleFile, Tier } from "./rules/rule-file.ts";
export type { Position, Range } from "./rules/source-range.ts";
export type { Binding } from "./rules/type-check.ts";
export { type ValidateOptions, type ValidationResult, validateRuleText } from "./rules/validate.ts";
export { sqlPreviewSource } from "./store/sqlite/sql-preview-source.ts";
export type { SqlReader } from "./store/sqlite/sql-reader.ts";
export {
  openSqlJsReader,
  type SqlJsOptions,
  type SqlJsReader,
} from "./store/sqljs/sqljs-reader.ts";
export type { StoreStats } from "./store/store.ts";
export { type Day, formatDay, parseDay, today } from "./time/calendar.ts";
