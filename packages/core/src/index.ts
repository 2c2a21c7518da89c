export type { Io } from "./cli/command.ts";
export { runCli } from "./cli/main.ts";
export { isStrataError, StrataError, type StrataErrorCode } from "./errors.ts";
export type { Expr, Value } from "./expression/ast.ts";
export { compileJs, type Evaluator, type Row } from "./expression/compile-js.ts";
export { compileSql, type SqlFragment } from "./expression/compile-sql.ts";
export { parseExpression } from "./expression/parser.ts";
export { postgresDialect, type SqlDialect, sqliteDialect } from "./expression/sql-dialect.ts";
export {
  BUILTIN_ATTRIBUTES,
  METRICS,
  type MetricInfo,
  RFM_SEGMENTS,
  type ValueType,
} from "./metrics/metric-catalogue.ts";
export { type CompiledRules, compileRules } from "./rules/compile-rules.ts";
export {
  DIAGNOSTIC_CODES,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
} from "./rules/diagnostic.ts";
export { type DimensionExplanation, explainCustomer } from "./rules/explain-customer.ts";
export type { Dimension, RuleFile, Tier } from "./rules/rule-file.ts";
export type { Position, Range } from "./rules/source-range.ts";
export { ruleScope, type ValidationResult, validateRuleText } from "./rules/validate.ts";
