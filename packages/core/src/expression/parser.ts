import type { BinaryOp, ComparisonOp, Expr, Literal, Span } from "./ast.ts";
import { ExpressionSyntaxError, type Token, tokenize } from "./lexer.ts";

const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);

/**
 * Parses one `when:` expression into the typed AST.
 * Throws ExpressionSyntaxError with the span of the offending token.
 */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  if (tokens.length > MAX_TOKENS) {
    throw new ExpressionSyntaxError(
      `the condition is too long (over ${MAX_TOKENS} words and symbols): split it into tiers`,
      { start: 0, end: source.length },
    );
  }
  return new Parser(tokens).parseAll();
}

function describe(token: Token): string {
  if (token.kind === "end") return "the end of the condition";
  if (token.kind === "string") return `the text "${token.text}"`;
  return `'${token.text}'`;
}

const MAX_TOKENS = 2000;

/** Deeper nesting than this is surely a mistake, and would exhaust the stack. */
const MAX_NESTING = 64;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Expr {
    if (this.peek().kind === "end") {
      throw new ExpressionSyntaxError("the condition is empty", this.peek().span);
    }
    const expr = this.parseOr();
    const next = this.peek();
    if (next.kind !== "end") {
      const hint =
        next.kind === "punctuation" && next.text === ")"
          ? "this ')' has no matching '('"
          : `expected 'and' or 'or' before ${describe(next)}`;
      throw new ExpressionSyntaxError(hint, next.span);
    }
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? (this.tokens.at(-1) as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  private isKeyword(text: string, offset = 0): boolean {
    const token = this.tokens[this.index + offset];
    return token?.kind === "keyword" && token.text === text;
  }

  private isSymbol(text: string): boolean {
    const token = this.peek();
    return (token.kind === "operator" || token.kind === "punctuation") && token.text === text;
  }

  private expect(text: string, what: string): Token {
    const token = this.peek();
    if ((token.kind === "keyword" || token.kind === "punctuation") && token.text === text) {
      return this.next();
    }
    throw new ExpressionSyntaxError(`expected ${what} but found ${describe(token)}`, token.span);
  }

  private binary(op: BinaryOp, left: Expr, right: Expr, opSpan: Span): Expr {
    return { kind: "binary", op, left, right, opSpan, span: join(left.span, right.span) };
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKeyword("or")) {
      const op = this.next();
      left = this.binary("or", left, this.parseAnd(), op.span);
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKeyword("and")) {
      const op = this.next();
      left = this.binary("and", left, this.parseNot(), op.span);
    }
    return left;
  }

  private nest<T>(span: Span, parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      throw new ExpressionSyntaxError(
        `the condition nests more than ${MAX_NESTING} levels deep`,
        span,
      );
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parseNot(): Expr {
    if (this.isKeyword("not")) {
      const start = this.next().span;
      const operand = this.nest(start, () => this.parseNot());
      return { kind: "not", operand, span: join(start, operand.span) };
    }
    return this.parsePredicate();
  }

  private parsePredicate(): Expr {
    const left = this.parseAdditive();
    const token = this.peek();
    let result: Expr = left;
    if (token.kind === "operator" && COMPARISONS.has(token.text)) {
      this.next();
      const right = this.parseAdditive();
      result = this.binary(token.text as ComparisonOp, left, right, token.span);
    } else if (this.isKeyword("in") || (this.isKeyword("not") && this.isKeyword("in", 1))) {
      const negated = this.isKeyword("not");
      if (negated) this.next();
      this.next();
      const { list, span } = this.parseList();
      result = { kind: "in", negated, operand: left, list, span: join(left.span, span) };
    } else if (this.isKeyword("between")) {
      this.next();
      const low = this.parseAdditive();
      this.expect("and", "'and' between the two limits of 'between'");
      const high = this.parseAdditive();
      result = { kind: "between", operand: left, low, high, span: join(left.span, high.span) };
    } else if (this.isKeyword("is")) {
      this.next();
      const negated = this.isKeyword("not");
      if (negated) this.next();
      const end = this.expect("missing", `'missing' after 'is${negated ? " not" : ""}'`);
      result = { kind: "missing", negated, operand: left, span: join(left.span, end.span) };
    } else {
      return left;
    }
    const after = this.peek();
    if (after.kind === "operator" && COMPARISONS.has(after.text)) {
      throw new ExpressionSyntaxError(
        "compare one pair at a time: join two comparisons with 'and'",
        after.span,
      );
    }
    return result;
  }

  private parseList(): { list: Literal[]; span: Span } {
    const open = this.expect("[", 'a list in square brackets, like ["a", "b"]');
    const list: Literal[] = [];
    if (this.isSymbol("]")) {
      throw new ExpressionSyntaxError(
        "the list is empty: name at least one value",
        this.peek().span,
      );
    }
    for (;;) {
      const item = this.parseUnary();
      if (item.kind !== "number" && item.kind !== "string" && item.kind !== "boolean") {
        throw new ExpressionSyntaxError(
          "a list may hold only numbers, text in quotes, true or false",
          item.span,
        );
      }
      list.push(item);
      if (this.isSymbol(",")) {
        this.next();
        continue;
      }
      const close = this.expect("]", "',' or ']' in the list");
      return { list, span: join(open.span, close.span) };
    }
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isSymbol("+") || this.isSymbol("-")) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, left, this.parseMultiplicative(), op.span);
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isSymbol("*") || this.isSymbol("/")) {
      const op = this.next();
      left = this.binary(op.text as BinaryOp, left, this.parseUnary(), op.span);
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isSymbol("-")) {
      const minus = this.next();
      const operand = this.nest(minus.span, () => this.parseUnary());
      const span = join(minus.span, operand.span);
      if (operand.kind === "number") return { kind: "number", value: -operand.value, span };
      return { kind: "negate", operand, span };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case "number": {
        const value = Number(token.text);
        if (!Number.isFinite(value)) {
          throw new ExpressionSyntaxError(`the number ${token.text} is too large`, token.span);
        }
        return { kind: "number", value, span: token.span };
      }
      case "string":
        return { kind: "string", value: token.text, span: token.span };
      case "identifier":
        return { kind: "identifier", name: token.text, span: token.span };
      case "keyword":
        if (token.text === "true" || token.text === "false") {
          return { kind: "boolean", value: token.text === "true", span: token.span };
        }
        break;
      case "punctuation":
        if (token.text === "(") {
          const inner = this.nest(token.span, () => this.parseOr());
          const close = this.expect(")", "')' to close the '('");
          return { ...inner, span: join(token.span, close.span) };
        }
        break;
      default:
        break;
    }
    const what =
      token.kind === "end"
        ? "the condition ends too early: expected a value"
        : `expected a value (a metric, a number or text in quotes) but found ${describe(token)}`;
    throw new ExpressionSyntaxError(what, token.span);
  }
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
