import {
  type Expr,
  isArithmetic,
  isComparison,
  type Literal,
  type Span,
} from "../expression/ast.ts";
import type { MetricInfo, ValueType } from "../metrics/metric-catalogue.ts";
import type { DiagnosticCode, Severity } from "./diagnostic.ts";
import { didYouMean } from "./did-you-mean.ts";

/** What a name in a condition stands for. */
export type Binding =
  | { kind: "metric"; type: ValueType; metric: MetricInfo; enabled: boolean }
  | { kind: "attribute"; type: ValueType }
  | { kind: "dimension"; type: "string"; tiers: readonly string[]; usable: boolean };

/** A diagnostic inside one expression, at a span of its text. */
export interface ExpressionDiagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  span: Span;
  fix?: { title: string; span: Span; newText: string };
}

export interface Scope {
  resolve(name: string): Binding | undefined;
  /** Every name a condition may use here, for "did you mean". */
  names(): Iterable<string>;
}

const TYPE_WORDS: Record<ValueType, string> = {
  number: "a number",
  string: "text",
  boolean: "true or false",
};

/**
 * Checks that a `when:` condition uses known names, that every operator gets the kinds of
 * value it needs, and that it yields true or false. Returns diagnostics; never throws.
 */
export function checkCondition(expr: Expr, scope: Scope): ExpressionDiagnostic[] {
  const checker = new Checker(scope);
  const type = checker.typeOf(expr);
  if (type !== null && type !== "boolean") {
    checker.report(
      "type-mismatch",
      `a condition must be true or false, but this is ${TYPE_WORDS[type]}; compare it with something, e.g. ${describe(expr)} > 0`,
      expr.span,
    );
  }
  return checker.diagnostics;
}

function describe(expr: Expr): string {
  return expr.kind === "identifier" ? expr.name : "(…)";
}

class Checker {
  readonly diagnostics: ExpressionDiagnostic[] = [];

  constructor(private readonly scope: Scope) {}

  report(code: DiagnosticCode, message: string, span: Span, fix?: ExpressionDiagnostic["fix"]) {
    this.diagnostics.push({ severity: "error", code, message, span, ...(fix ? { fix } : {}) });
  }

  /** The type of `expr`, or null when it is unknown because an error was already reported. */
  typeOf(expr: Expr): ValueType | null {
    switch (expr.kind) {
      case "number":
        return "number";
      case "string":
        return "string";
      case "boolean":
        return "boolean";
      case "identifier":
        return this.identifier(expr.name, expr.span);
      case "not":
        this.expect(expr.operand, "boolean", "'not' applies to a condition");
        return "boolean";
      case "negate":
        this.expect(expr.operand, "number", "'-' applies to a number");
        return "number";
      case "missing":
        this.typeOf(expr.operand);
        return "boolean";
      case "between":
        for (const part of [expr.operand, expr.low, expr.high]) {
          this.expect(part, "number", "'between' works on numbers");
        }
        return "boolean";
      case "in": {
        const type = this.typeOf(expr.operand);
        for (const item of expr.list) {
          if (type !== null && item.kind !== type) {
            this.report(
              "type-mismatch",
              `${describe(expr.operand)} is ${TYPE_WORDS[type]}, but this list item is ${TYPE_WORDS[item.kind]}`,
              item.span,
            );
          }
        }
        this.checkValues(expr.operand, expr.list);
        return "boolean";
      }
      case "binary":
        return this.binary(expr);
    }
  }

  private binary(expr: Extract<Expr, { kind: "binary" }>): ValueType | null {
    const { op, left, right } = expr;
    if (op === "and" || op === "or") {
      this.expect(left, "boolean", `'${op}' joins two conditions`);
      this.expect(right, "boolean", `'${op}' joins two conditions`);
      return "boolean";
    }
    if (isArithmetic(op)) {
      this.expect(left, "number", `'${op}' works on numbers`);
      this.expect(right, "number", `'${op}' works on numbers`);
      return "number";
    }
    const a = this.typeOf(left);
    const b = this.typeOf(right);
    if (isComparison(op) && op !== "==" && op !== "!=") {
      for (const [side, type] of [
        [left, a],
        [right, b],
      ] as const) {
        if (type !== null && type !== "number") {
          this.report(
            "type-mismatch",
            `'${op}' compares numbers, but ${describe(side)} is ${TYPE_WORDS[type]}${type === "string" ? "; use == or in [...] for text" : ""}`,
            side.span,
          );
        }
      }
    } else if (a !== null && b !== null && a !== b) {
      this.report(
        "type-mismatch",
        `${describe(left)} is ${TYPE_WORDS[a]} and cannot equal ${TYPE_WORDS[b]}`,
        expr.span,
      );
    }
    if (right.kind === "string" || right.kind === "number") this.checkValues(left, [right]);
    if (left.kind === "string" || left.kind === "number") this.checkValues(right, [left]);
    return "boolean";
  }

  private expect(expr: Expr, wanted: ValueType, why: string): void {
    const type = this.typeOf(expr);
    if (type !== null && type !== wanted) {
      this.report(
        "type-mismatch",
        `${why}, but ${describe(expr)} is ${TYPE_WORDS[type]}`,
        expr.span,
      );
    }
  }

  private identifier(name: string, span: Span): ValueType | null {
    const binding = this.scope.resolve(name);
    if (!binding) {
      const guess = didYouMean(name, this.scope.names());
      this.report(
        "unknown-identifier",
        guess
          ? `unknown name '${name}': did you mean '${guess}'?`
          : `unknown name '${name}': not a metric, a customer attribute or a dimension above this one (declare data columns under 'attributes:')`,
        span,
        guess ? { title: `Change to '${guess}'`, span, newText: guess } : undefined,
      );
      return null;
    }
    if (binding.kind === "metric" && !binding.enabled) {
      const setting =
        binding.metric.requires === "rfm" ? "rfm: { bins: 5 }" : "clv: { model: bgnbd }";
      this.report(
        "metric-not-enabled",
        `'${name}' needs '${setting}' at the top of the file`,
        span,
      );
    }
    if (binding.kind === "dimension" && !binding.usable) {
      this.report(
        "forward-reference",
        `dimension '${name}' is not decided yet here: a condition may only use dimensions defined above it`,
        span,
      );
      return null;
    }
    return binding.type;
  }

  /** Text compared with a dimension or a closed-valued metric must be one of its values. */
  private checkValues(expr: Expr, literals: readonly Literal[]): void {
    if (expr.kind !== "identifier") return;
    const binding = this.scope.resolve(expr.name);
    const allowed =
      binding?.kind === "dimension"
        ? binding.tiers
        : binding?.kind === "metric"
          ? binding.metric.values
          : undefined;
    if (!allowed || (binding?.kind === "dimension" && !binding.usable)) return;
    for (const literal of literals) {
      if (literal.kind !== "string" || allowed.includes(literal.value)) continue;
      const guess = didYouMean(literal.value, allowed);
      const code = binding?.kind === "dimension" ? "unknown-tier" : "unknown-value";
      const what =
        binding?.kind === "dimension"
          ? `dimension '${expr.name}' has no tier`
          : `'${expr.name}' is never`;
      this.report(
        code,
        `${what} "${literal.value}"${guess ? `: did you mean "${guess}"?` : `; it is one of ${allowed.map((v) => `"${v}"`).join(", ")}`}`,
        literal.span,
        guess
          ? { title: `Change to "${guess}"`, span: literal.span, newText: JSON.stringify(guess) }
          : undefined,
      );
    }
  }
}
