import {
  type ComparisonOp,
  type Expr,
  identifiersOf,
  isComparison,
  type Span,
  type Value,
} from "./ast.ts";
import { compileJs, type Row } from "./compile-js.ts";

/**
 * How far a value is from what a predicate needs: raise it by `amount` (`short`) or lower it
 * (`over`); `strict` when reaching the limit exactly is not enough (`>`, `<`). Or the data is missing.
 */
export type Gap =
  | { kind: "short" | "over"; amount: number; strict: boolean }
  | { kind: "missing"; identifiers: string[] };

export interface IdentifierValue {
  name: string;
  value: Value;
}

interface ExplanationNode {
  /** The node's text in the condition. */
  text: string;
  span: Span;
  /** The node's value for this customer: `null` when missing data makes it unknown. */
  result: Value;
  /** The value the node needs for the whole condition to hold: false under an odd number of `not`s. */
  target: boolean;
}

/** A leaf: a comparison, `in`, `between`, `is missing`, or any other non-logical expression. */
export interface PredicateExplanation extends ExplanationNode {
  kind: "predicate";
  expr: Expr;
  /** The customer's value of each identifier in the predicate, in source order. */
  values: IdentifierValue[];
  /** What it would take to reach `target`, when a number or missing data is to blame; else null. */
  gap: Gap | null;
}

/** `and`/`or` (chains flattened) or `not`, with one explanation per operand. */
export interface CompoundExplanation extends ExplanationNode {
  kind: "and" | "or" | "not";
  children: ConditionExplanation[];
}

export type ConditionExplanation = PredicateExplanation | CompoundExplanation;

/**
 * Explains how `expr` (parsed from `source`) evaluates for one customer: the tree of its
 * `and`/`or`/`not` nodes down to leaf predicates, each with its result under SQL's
 * missing-value logic, the identifiers' values and, for a failing numeric comparison, the gap.
 */
export function explainCondition(expr: Expr, source: string, row: Row): ConditionExplanation {
  return explain(expr, true, source, row);
}

function explain(expr: Expr, target: boolean, source: string, row: Row): ConditionExplanation {
  const node = { text: source.slice(expr.span.start, expr.span.end), span: expr.span, target };
  const result = compileJs(expr)(row);
  if (expr.kind === "not") {
    return {
      kind: "not",
      ...node,
      result,
      children: [explain(expr.operand, !target, source, row)],
    };
  }
  if (expr.kind === "binary" && (expr.op === "and" || expr.op === "or")) {
    const children = operands(expr, expr.op).map((e) => explain(e, target, source, row));
    return { kind: expr.op, ...node, result, children };
  }
  const values: IdentifierValue[] = [];
  for (const id of identifiersOf(expr)) {
    if (!values.some((v) => v.name === id.name))
      values.push({ name: id.name, value: compileJs(id)(row) });
  }
  const missing = values.filter((v) => v.value === null).map((v) => v.name);
  const gap =
    result === target
      ? null
      : missing.length > 0
        ? ({ kind: "missing", identifiers: missing } as const)
        : numericGap(expr, target, row);
  return { kind: "predicate", ...node, result, expr, values, gap };
}

function operands(expr: Expr, op: "and" | "or"): Expr[] {
  return expr.kind === "binary" && expr.op === op
    ? [...operands(expr.left, op), ...operands(expr.right, op)]
    : [expr];
}

const MIRROR: Record<string, ComparisonOp> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };
const OPPOSITE: Record<ComparisonOp, ComparisonOp> = {
  "==": "!=",
  "!=": "==",
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
};

function numberOf(expr: Expr, row: Row): number | null {
  const value = compileJs(expr)(row);
  return typeof value === "number" ? value : null;
}

function numericGap(expr: Expr, target: boolean, row: Row): Gap | null {
  if (expr.kind === "between") {
    const [v, lo, hi] = [expr.operand, expr.low, expr.high].map((e) => numberOf(e, row));
    if (v == null || lo == null || hi == null || lo > hi) return null;
    if (target) return v < lo ? gapTo("short", lo - v) : gapTo("over", v - hi);
    return v - lo <= hi - v ? gapTo("over", v - lo, true) : gapTo("short", hi - v, true);
  }
  if (expr.kind !== "binary" || !isComparison(expr.op)) return null;
  const mirrored = expr.right.kind !== "number";
  const [other, constant] = mirrored ? [expr.right, expr.left] : [expr.left, expr.right];
  const v = numberOf(other, row);
  if (constant.kind !== "number" || v === null) return null;
  const limit = constant.value;
  const op = mirrored ? (MIRROR[expr.op] ?? expr.op) : expr.op;
  const needed = target ? op : OPPOSITE[op];
  if (needed === "!=") return null;
  if (needed === "==") return v < limit ? gapTo("short", limit - v) : gapTo("over", v - limit);
  const kind = needed.startsWith(">") ? "short" : "over";
  return gapTo(kind, Math.abs(limit - v), needed.length === 1);
}

function gapTo(kind: "short" | "over", amount: number, strict = false): Gap {
  return { kind, amount, strict };
}

/**
 * The leaf predicates standing between the customer and the condition holding, each with its
 * gap: every failing operand of an `and`, and of an `or` only the alternative with the fewest
 * failing leaves (the closest way in). Empty when the condition holds.
 */
export function failingConditions(explanation: ConditionExplanation): PredicateExplanation[] {
  const e = explanation;
  if (e.result === e.target) return [];
  if (e.kind === "predicate") return [e];
  const failing = e.children.map(failingConditions);
  // Needing an `and` false (under `not`) is like needing an `or` true: any one operand will do.
  if ((e.kind === "or") === e.target && e.kind !== "not") {
    const candidates = failing.filter((f) => f.length > 0);
    return candidates.reduce((best, f) => (f.length < best.length ? f : best), candidates[0] ?? []);
  }
  return failing.flat();
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const LABEL = { and: "all of:", or: "any of:", not: "not:" };

/**
 * Human lines for an explanation, e.g. `frequency 12 >= 20 ✗ (8 short)`: each identifier is
 * followed by the customer's value. A top-level `and` lists its operands; other `and`/`or`/`not`
 * nodes get a header line with their operands indented below.
 */
export function formatCondition(explanation: ConditionExplanation): string[] {
  return formatLines(explanation, 0, true);
}

function formatLines(e: ConditionExplanation, depth: number, top: boolean): string[] {
  const indent = "  ".repeat(depth);
  const mark = e.result === true ? "✓" : "✗";
  if (e.kind === "predicate") {
    const values = new Map(e.values.map((v) => [v.name, v.value]));
    return [`${indent}${render(e.expr, values)} ${mark}${formatGap(e.gap)}`];
  }
  if (e.kind === "and" && top) return e.children.flatMap((c) => formatLines(c, depth, false));
  return [
    `${indent}${LABEL[e.kind]} ${mark}`,
    ...e.children.flatMap((c) => formatLines(c, depth + 1, false)),
  ];
}

function formatGap(gap: Gap | null): string {
  if (!gap) return "";
  if (gap.kind === "missing") return " (missing)";
  if (gap.strict && gap.amount === 0)
    return gap.kind === "short" ? " (needs more)" : " (needs less)";
  return ` (${NUMBER.format(gap.amount)} ${gap.kind})`;
}

function formatValue(value: Value): string {
  if (value === null) return "missing";
  if (typeof value === "number") return NUMBER.format(value);
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, "+": 5, "-": 5, "*": 6, "/": 6 };

function precedence(e: Expr): number {
  switch (e.kind) {
    case "binary":
      return PRECEDENCE[e.op] ?? 4;
    case "not":
      return 3;
    case "in":
    case "between":
    case "missing":
      return 4;
    case "negate":
      return 7;
    default:
      return 8;
  }
}

/**
 * The expression as text, each identifier followed by its value and put before a constant it is
 * compared with; parenthesised only as needed.
 */
function render(e: Expr, values: ReadonlyMap<string, Value>): string {
  const sub = (child: Expr, min: number) => {
    const text = render(child, values);
    return precedence(child) < min ? `(${text})` : text;
  };
  switch (e.kind) {
    case "identifier":
      return `${e.name} ${formatValue(values.get(e.name) ?? null)}`;
    case "number":
    case "string":
    case "boolean":
      return formatValue(e.value);
    case "not":
      return `not ${sub(e.operand, 3)}`;
    case "negate":
      return `-${sub(e.operand, 7)}`;
    case "binary": {
      if (isComparison(e.op) && e.left.kind === "number" && e.right.kind !== "number") {
        const mirrored = { ...e, op: MIRROR[e.op] ?? e.op, left: e.right, right: e.left };
        return render(mirrored, values);
      }
      const p = precedence(e);
      return `${sub(e.left, p === 4 ? 5 : p)} ${e.op} ${sub(e.right, p + 1)}`;
    }
    case "in": {
      const list = e.list.map((item) => formatValue(item.value)).join(", ");
      return `${sub(e.operand, 5)} ${e.negated ? "not in" : "in"} [${list}]`;
    }
    case "between":
      return `${sub(e.operand, 5)} between ${sub(e.low, 5)} and ${sub(e.high, 5)}`;
    case "missing":
      return `${sub(e.operand, 5)} is ${e.negated ? "not " : ""}missing`;
  }
}
