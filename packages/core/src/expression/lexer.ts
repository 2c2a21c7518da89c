import type { Span } from "./ast.ts";

export type TokenKind =
  | "number"
  | "string"
  | "identifier"
  | "keyword"
  | "operator"
  | "punctuation"
  | "end";

export interface Token {
  kind: TokenKind;
  /** The token's text; for strings, the unquoted value. */
  text: string;
  span: Span;
}

export const KEYWORDS = [
  "and",
  "or",
  "not",
  "in",
  "between",
  "is",
  "missing",
  "true",
  "false",
] as const;
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** A lexical or syntax error at `span` of the expression. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const OPERATORS = ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/"];
const NUMBER = /(?:[0-9][0-9_]*(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff;
const PUNCTUATION = "()[],";

/** Splits an expression into tokens; throws ExpressionSyntaxError on a character it cannot read. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    const code = source.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(code) || (c === "." && isDigit(source.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(source)?.[0] ?? c;
      i += text.length;
      if (isNameStart(source.charCodeAt(i))) {
        while (isNamePart(source.charCodeAt(i))) i++;
        throw new ExpressionSyntaxError(`'${source.slice(start, i)}' is not a number or a name`, {
          start,
          end: i,
        });
      }
      tokens.push({ kind: "number", text: text.replaceAll("_", ""), span: { start, end: i } });
      continue;
    }
    if (isNameStart(code)) {
      while (isNamePart(source.charCodeAt(i))) i++;
      const text = source.slice(start, i);
      const lower = text.toLowerCase();
      tokens.push(
        KEYWORD_SET.has(lower)
          ? { kind: "keyword", text: lower, span: { start, end: i } }
          : { kind: "identifier", text, span: { start, end: i } },
      );
      continue;
    }
    if (c === '"' || c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) {
          throw new ExpressionSyntaxError(`text starting here has no closing ${c}`, {
            start,
            end: source.length,
          });
        }
        const d = source.charAt(i);
        if (d === "\\" && i + 1 < source.length) {
          value += source.charAt(i + 1);
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: "string", text: value, span: { start, end: i } });
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ kind: "operator", text: op, span: { start, end: i } });
      continue;
    }
    if (PUNCTUATION.includes(c)) {
      i++;
      tokens.push({ kind: "punctuation", text: c, span: { start, end: i } });
      continue;
    }
    const hint =
      c === "="
        ? " (use == to compare)"
        : c === "!"
          ? " (use not, or != to compare)"
          : c === "&" || c === "|"
            ? " (use and / or)"
            : "";
    throw new ExpressionSyntaxError(`unexpected character '${c}'${hint}`, { start, end: i + 1 });
  }
  tokens.push({ kind: "end", text: "", span: { start: source.length, end: source.length } });
  return tokens;
}
