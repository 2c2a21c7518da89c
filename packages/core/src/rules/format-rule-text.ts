import { isScalar, parseDocument, Scalar, visit } from "yaml";
import { type Token, tokenize } from "../expression/lexer.ts";

const NO_SPACE_AFTER = new Set(["(", "["]);
const NO_SPACE_BEFORE = new Set([")", "]", ","]);

/**
 * Lays out a rule file the one way: two-space indentation, list items indented under their
 * key, one space after colons, at most one blank line, and conditions spaced as
 * `monetary >= 5000 and frequency >= 12`. Comments, quoting, flow maps and key order stay as
 * written; long lines are not folded. Null when the text is not valid YAML (nothing is
 * changed then).
 */
export function formatRuleText(text: string): string | null {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) return null;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "when" || !isScalar(pair.value)) return;
      const value = pair.value;
      if (value.type === Scalar.PLAIN && typeof value.value === "string") {
        value.value = formatCondition(value.value);
      }
    },
  });
  const formatted = doc.toString({ indent: 2, indentSeq: true, lineWidth: 0 });
  return parseDocument(formatted).errors.length === 0 ? formatted : null;
}

/** A condition with one space between tokens, none inside brackets or before commas. */
export function formatCondition(source: string): string {
  let tokens: Token[];
  try {
    tokens = tokenize(source).slice(0, -1);
  } catch {
    return source;
  }
  let out = "";
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const text = source.slice(token.span.start, token.span.end);
    const tight =
      !previous ||
      NO_SPACE_AFTER.has(previous.text) ||
      (token.kind === "punctuation" && NO_SPACE_BEFORE.has(token.text)) ||
      (previous.kind === "operator" && previous.text === "-" && isUnary(tokens[i - 2]));
    out += tight ? text : ` ${text}`;
  });
  return out;
}

/** True when a `-` after `token` negates (it starts an operand) rather than subtracts. */
function isUnary(token: Token | undefined): boolean {
  if (!token) return true;
  if (token.kind === "operator") return true;
  if (token.kind === "punctuation") return token.text !== ")" && token.text !== "]";
  return token.kind === "keyword" && !["true", "false", "missing"].includes(token.text);
}
