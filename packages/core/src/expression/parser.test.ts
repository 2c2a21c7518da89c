import { describe, expect, it } from "vitest";
import type { Expr } from "./ast.ts";
import { ExpressionSyntaxError } from "./lexer.ts";
import { parseExpression } from "./parser.ts";

/** A fully parenthesised rendering, to check precedence and associativity. */
function show(e: Expr): string {
  switch (e.kind) {
    case "number":
    case "boolean":
      return String(e.value);
    case "string":
      return JSON.stringify(e.value);
    case "identifier":
      return e.name;
    case "not":
      return `(not ${show(e.operand)})`;
    case "negate":
      return `(-${show(e.operand)})`;
    case "missing":
      return `(${show(e.operand)} is ${e.negated ? "not " : ""}missing)`;
    case "in":
      return `(${show(e.operand)} ${e.negated ? "not in" : "in"} [${e.list.map(show).join(", ")}])`;
    case "between":
      return `(${show(e.operand)} between ${show(e.low)} and ${show(e.high)})`;
    case "binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
  }
}

function syntaxError(source: string): { message: string; at: string } {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) {
      return { message: error.message, at: source.slice(error.span.start, error.span.end) };
    }
    throw error;
  }
  throw new Error(`no error for ${source}`);
}

describe("parseExpression", () => {
  it.each([
    ["a or b and c", "(a or (b and c))"],
    ["not a and b", "((not a) and b)"],
    ["not a == 1", "(not (a == 1))"],
    ["a + b * c - d / e", "((a + (b * c)) - (d / e))"],
    ["a - b - c", "((a - b) - c)"],
    ["-a * 2 >= -3", "(((-a) * 2) >= -3)"],
    ["x between 1 and 5 and y is not missing", "((x between 1 and 5) and (y is not missing))"],
    ['v not in ["a", "b"] or v in [1, -2.5]', '((v not in ["a", "b"]) or (v in [1, -2.5]))'],
    ["(a or b) and c", "((a or b) and c)"],
    ["AND_x >= 1_000 AND true", "((AND_x >= 1000) and true)"],
    ["s == 'it\\'s'", '(s == "it\'s")'],
  ])("%s", (source, expected) => {
    expect(show(parseExpression(source))).toBe(expected);
  });

  it("keeps the span of every node", () => {
    const source = "monetary >= 50000 and frequency >= 20";
    const e = parseExpression(source);
    if (e.kind !== "binary" || e.right.kind !== "binary") throw new Error("shape");
    expect(source.slice(e.right.span.start, e.right.span.end)).toBe("frequency >= 20");
    expect(source.slice(e.opSpan.start, e.opSpan.end)).toBe("and");
    expect(source.slice(e.right.left.span.start, e.right.left.span.end)).toBe("frequency");
  });

  it.each([
    ["monetary >= 50000 an frequency >= 20", "expected 'and' or 'or' before 'an'", "an"],
    ["monetary = 5", "unexpected character '=' (use == to compare)", "="],
    ["a < b < c", "compare one pair at a time: join two comparisons with 'and'", "<"],
    ["a >", "the condition ends too early: expected a value", ""],
    ["(a > 1", "expected ')' to close the '(' but found the end of the condition", ""],
    ["a > 1)", "this ')' has no matching '('", ")"],
    ['region == "north', 'text starting here has no closing "', '"north'],
    ["a in []", "the list is empty: name at least one value", "]"],
    ["a in [b]", "a list may hold only numbers, text in quotes, true or false", "b"],
    ["x between 1 or 2", "expected 'and' between the two limits of 'between' but found 'or'", "or"],
    ["x is nothing", "expected 'missing' after 'is' but found 'nothing'", "nothing"],
    ["12abc > 1", "'12abc' is not a number or a name", "12abc"],
    ["", "the condition is empty", ""],
    [`${"(".repeat(65)}a${")".repeat(65)}`, "the condition nests more than 64 levels deep", "("],
  ])("%s is rejected at the offending token", (source, message, at) => {
    expect(syntaxError(source)).toEqual({ message, at });
  });
});
