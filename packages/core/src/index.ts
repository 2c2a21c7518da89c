export type {
  AlertAction,
  AlertOutbox,
  AlertResponse,
  AlertState,
  QueuedAlert,
} from "./alerts/alert-outbox.ts";
export type { ChurnAlertFacts, TierLabel } from "./alerts/churn-alert.ts";
export type {
  AskedQuestion,
  AuditEntry,
  QuestionAudit,
  QuestionOutcome,
} from "./audit/question-audit.ts";
export type { Io } from "./cli/command.ts";
export { runCli } from "./cli/main.ts";
export { createDemo, DEMO_RULES_PATH } from "./demo/create-demo.ts";
export type { ChurnAnswer, ChurnedCustomer } from "./engine/churn-question.ts";
export { churnIn } from "./engine/churn-question.ts";
export type { AlertsQueued, CustomerMatch, EngineStore } from "./engine/engine-store.ts";
export { latestRunRules, rulesFromPath } from "./engine/rules-source.ts";
export { runDatabase } from "./engine/run-database.ts";
export { preview, type Rules, type RunResult } from "./engine/run-rules.ts";
export type { TierAnswer } from "./engine/tier-question.ts";
export { tierOf } from "./engine/tier-question.ts";
export type {
  DimensionSummary,
  Summary,
  TierCount,
  TierMatrix,
} from "./engine/tier-summary.ts";
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
export { EXAMPLE_QUESTIONS, parseQuestion, type Question } from "./questions/parse-question.ts";
export {
  PERIOD_NAMES,
  type PeriodName,
  parsePeriodName,
  periodDays,
} from "./questions/question-period.ts";
export {
  type Answer,
  type Breakdown,
  type ChurnReport,
  openQuestionService,
  type QuestionService,
  type QuestionServiceOptions,
} from "./questions/question-service.ts";
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
export { sqliteEngineStore } from "./store/sqlite/sqlite-engine-store.ts";
export { openSqliteStore, type SqliteStore } from "./store/sqlite/sqlite-store.ts";
export { type Day, formatDay, parseDay, today } from "./time/calendar.ts";
