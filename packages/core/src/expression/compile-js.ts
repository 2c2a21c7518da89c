import type { ComparisonOp, Expr, Value } from "./ast.ts";

/** One customer's values by identifier: metrics, attributes and earlier dimensions' tiers. */
export type Row = Readonly<Record<string, Value | undefined>>;

/** A compiled expression: evaluates one row with SQL's missing-value (three-valued) logic. */
export type Evaluator = (row: Row) => Value;

/**
 * Compiles a (type-checked) expression once into closures. Missing values (`null` or absent
 * keys) propagate as in SQL: comparisons and arithmetic with a missing operand are missing,
 * `and`/`or` follow Kleene logic, and division by zero or an undefined result (NaN) is missing.
 */
export function compileJs(expr: Expr): Evaluator {
  switch (expr.kind) {
    case "number":
    case "string":
    case "boolean": {
      const value = expr.value;
      return () => value;
    }
    case "identifier": {
      const name = expr.name;
      return (row) => row[name] ?? null;
    }
    case "not": {
      const operand = compileJs(expr.operand);
      return (row) => {
        const v = operand(row);
        return v === null ? null : !v;
      };
    }
    case "negate": {
      const operand = compileJs(expr.operand);
      return (row) => {
        const v = operand(row);
        return v === null ? null : -(v as number);
      };
    }
    case "missing": {
      const operand = compileJs(expr.operand);
      return expr.negated ? (row) => operand(row) !== null : (row) => operand(row) === null;
    }
    case "in": {
      const operand = compileJs(expr.operand);
      const values = new Set<Value>(expr.list.map((item) => item.value));
      const negated = expr.negated;
      return (row) => {
        const v = operand(row);
        return v === null ? null : values.has(v) !== negated;
      };
    }
    case "between": {
      const operand = compileJs(expr.operand);
      const low = compileJs(expr.low);
      const high = compileJs(expr.high);
      return (row) => {
        const v = operand(row);
        return and3(compare(">=", v, low(row)), compare("<=", v, high(row)));
      };
    }
    case "binary":
      return compileBinary(expr);
  }
}

function compileBinary(expr: Extract<Expr, { kind: "binary" }>): Evaluator {
  const { op, left: l, right: r } = expr;
  if (op === "and" || op === "or") {
    const left = compileJs(l);
    const right = compileJs(r);
    return op === "and"
      ? (row) => and3(left(row), right(row))
      : (row) => or3(left(row), right(row));
  }
  // The hot path of tier rules: a metric compared with a constant.
  if (l.kind === "identifier" && r.kind === "number" && op !== "+" && op !== "-") {
    const fast = compareIdentifierWithNumber(op, l.name, r.value);
    if (fast) return fast;
  }
  const left = compileJs(l);
  const right = compileJs(r);
  switch (op) {
    case "+":
      return (row) => arithmetic(left(row), right(row), (a, b) => a + b);
    case "-":
      return (row) => arithmetic(left(row), right(row), (a, b) => a - b);
    case "*":
      return (row) => arithmetic(left(row), right(row), (a, b) => a * b);
    case "/":
      return (row) => arithmetic(left(row), right(row), (a, b) => (b === 0 ? null : a / b));
    default:
      return (row) => compare(op, left(row), right(row));
  }
}

function compareIdentifierWithNumber(op: string, name: string, c: number): Evaluator | undefined {
  switch (op) {
    case ">=":
      return (row) => {
        const v = row[name];
        return v == null ? null : (v as number) >= c;
      };
    case ">":
      return (row) => {
        const v = row[name];
        return v == null ? null : (v as number) > c;
      };
    case "<=":
      return (row) => {
        const v = row[name];
        return v == null ? null : (v as number) <= c;
      };
    case "<":
      return (row) => {
        const v = row[name];
        return v == null ? null : (v as number) < c;
      };
    default:
      return undefined;
  }
}

/** Kleene `and`: false wins over missing, missing over true. */
export function and3(a: Value, b: Value): Value {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

/** Kleene `or`: true wins over missing, missing over false. */
export function or3(a: Value, b: Value): Value {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

/** Compares two values; missing if either is missing. */
export function compare(op: ComparisonOp, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

/** As in SQLite: overflow gives ±Infinity, and an undefined result (NaN) is missing. */
function arithmetic(a: Value, b: Value, f: (a: number, b: number) => number | null): Value {
  if (a === null || b === null) return null;
  const result = f(a as number, b as number);
  return result === null || Number.isNaN(result) ? null : result;
}
