/** Offsets [start, end) within one expression's text. */
export interface Span {
  start: number;
  end: number;
}

export type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithmeticOp = "+" | "-" | "*" | "/";
export type LogicalOp = "and" | "or";
export type BinaryOp = ComparisonOp | ArithmeticOp | LogicalOp;

export type Literal =
  | { kind: "number"; value: number; span: Span }
  | { kind: "string"; value: string; span: Span }
  | { kind: "boolean"; value: boolean; span: Span };

/** The typed tree every consumer (checker, JS evaluator, SQL compiler, explainer) reads. */
export type Expr =
  | Literal
  | { kind: "identifier"; name: string; span: Span }
  | { kind: "not"; operand: Expr; span: Span }
  | { kind: "negate"; operand: Expr; span: Span }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; span: Span; opSpan: Span }
  | { kind: "in"; negated: boolean; operand: Expr; list: Literal[]; span: Span }
  | { kind: "between"; operand: Expr; low: Expr; high: Expr; span: Span }
  | { kind: "missing"; negated: boolean; operand: Expr; span: Span };

/** A value of an expression at run time; `null` is SQL's missing value. */
export type Value = number | string | boolean | null;

export const COMPARISON_OPS: readonly ComparisonOp[] = ["==", "!=", "<", "<=", ">", ">="];
export const ARITHMETIC_OPS: readonly ArithmeticOp[] = ["+", "-", "*", "/"];

export function isComparison(op: BinaryOp): op is ComparisonOp {
  return (COMPARISON_OPS as readonly string[]).includes(op);
}

export function isArithmetic(op: BinaryOp): op is ArithmeticOp {
  return (ARITHMETIC_OPS as readonly string[]).includes(op);
}

/** Calls `visit` on `expr` and every expression below it, parents first. */
export function walk(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case "not":
    case "negate":
    case "missing":
      walk(expr.operand, visit);
      break;
    case "binary":
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case "in":
      walk(expr.operand, visit);
      for (const item of expr.list) walk(item, visit);
      break;
    case "between":
      walk(expr.operand, visit);
      walk(expr.low, visit);
      walk(expr.high, visit);
      break;
    default:
      break;
  }
}

/** Every identifier in `expr`, in source order. */
export function identifiersOf(expr: Expr): Array<Extract<Expr, { kind: "identifier" }>> {
  const found: Array<Extract<Expr, { kind: "identifier" }>> = [];
  walk(expr, (node) => {
    if (node.kind === "identifier") found.push(node);
  });
  return found.sort((a, b) => a.span.start - b.span.start);
}
