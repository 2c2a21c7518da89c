import { type BinaryOp, type Expr, isArithmetic, type Value } from "./ast.ts";
import type { LiteralType, SqlDialect } from "./sql-dialect.ts";

/** SQL text with `?` placeholders, and the values to bind to them in order. */
export interface SqlFragment {
  text: string;
  params: Value[];
}

/** Returns a fragment that binds `value` to one placeholder (`?` unless given). */
export function param(value: Value, placeholder = "?"): SqlFragment {
  return { text: placeholder, params: [value] };
}

/** Returns trusted SQL text as a fragment without parameters; never pass user input here. */
export function raw(text: string): SqlFragment {
  return { text, params: [] };
}

/** Returns the fragments joined by `separator`, with their parameters in the same order. */
export function joinFragments(parts: readonly SqlFragment[], separator = " "): SqlFragment {
  return {
    text: parts.map((part) => part.text).join(separator),
    params: parts.flatMap((part) => part.params),
  };
}

/**
 * Tagged template that splices fragments into trusted SQL text, keeping parameters in order:
 * sql`CASE WHEN ${condition} THEN ${param("vip")} ELSE ${param(null)} END`.
 */
export function sql(strings: TemplateStringsArray, ...parts: SqlFragment[]): SqlFragment {
  let text = strings[0] ?? "";
  const params: Value[] = [];
  parts.forEach((part, i) => {
    text += part.text + (strings[i + 1] ?? "");
    params.push(...part.params);
  });
  return { text, params };
}

const SQL_OPERATORS: Record<BinaryOp, string> = {
  "==": "=",
  "!=": "<>",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "+": "+",
  "-": "-",
  "*": "*",
  "/": "/",
  and: "AND",
  or: "OR",
};

/**
 * Compiles a (type-checked) expression to SQL that yields, on every row, the same value as
 * compileJs: NULL where compileJs gives null, and booleans as the dialect's booleans (1/0 in
 * SQLite). Arithmetic runs in double precision like JavaScript, division by zero is NULL, and
 * every literal is a bound parameter. `column(name)` returns the SQL of an identifier.
 */
export function compileSql(
  expr: Expr,
  dialect: SqlDialect,
  column: (name: string) => string,
): SqlFragment {
  const literal = (value: number | string | boolean, placeholder?: string): SqlFragment =>
    param(
      dialect.bindValue(value),
      placeholder ?? dialect.placeholder(typeof value as LiteralType),
    );

  // SQLite would otherwise use 64-bit integer arithmetic on integers (5 / 2 = 2).
  const double = (e: Expr): SqlFragment => {
    if (e.kind === "number") return literal(e.value, dialect.toDouble("?"));
    const fragment = compile(e);
    if (e.kind === "negate" || (e.kind === "binary" && isArithmetic(e.op))) return fragment;
    return { text: dialect.toDouble(fragment.text), params: fragment.params };
  };

  const compile = (e: Expr): SqlFragment => {
    switch (e.kind) {
      case "number":
      case "string":
      case "boolean":
        return literal(e.value);
      case "identifier":
        return raw(column(e.name));
      case "not":
        return sql`(NOT ${compile(e.operand)})`;
      case "negate":
        return sql`(-${double(e.operand)})`;
      case "missing":
        return sql`(${compile(e.operand)} ${raw(e.negated ? "IS NOT NULL" : "IS NULL")})`;
      case "between":
        return sql`(${compile(e.operand)} BETWEEN ${compile(e.low)} AND ${compile(e.high)})`;
      case "in": {
        const operand = compile(e.operand);
        if (e.list.length === 0) {
          return sql`(CASE WHEN ${operand} IS NULL THEN NULL ELSE ${literal(e.negated)} END)`;
        }
        const list = joinFragments(e.list.map(compile), ", ");
        return sql`(${operand} ${raw(e.negated ? "NOT IN" : "IN")} (${list}))`;
      }
      case "binary": {
        const op = raw(SQL_OPERATORS[e.op]);
        if (e.op === "/") return sql`(${double(e.left)} / NULLIF(${double(e.right)}, 0))`;
        if (isArithmetic(e.op)) return sql`(${double(e.left)} ${op} ${double(e.right)})`;
        return sql`(${compile(e.left)} ${op} ${compile(e.right)})`;
      }
    }
  };

  return compile(expr);
}
