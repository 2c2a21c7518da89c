import { tokenize } from "../expression/lexer.ts";
import { conditionAt } from "./condition-at.ts";
import type { RuleFile } from "./rule-file.ts";
import type { Binding } from "./type-check.ts";
import { ruleScope, type ValidateOptions } from "./validate.ts";

/** A name used in a condition, and what it stands for there. */
export interface NameAt {
  name: string;
  /** File offsets [from, to) of the name. */
  from: number;
  to: number;
  /** What the name is (metric, attribute, dimension), or undefined when it is unknown. */
  binding: Binding | undefined;
  /** The file's model, to evaluate the name against data. */
  file: RuleFile | null;
}

/** The metric, attribute or dimension name at `offset` inside a `when:` condition, if any. */
export function nameAt(text: string, offset: number, options: ValidateOptions = {}): NameAt | null {
  const at = conditionAt(text, offset);
  if (!at) return null;
  let tokens: ReturnType<typeof tokenize>;
  try {
    // Only the text up to the end of the word under the cursor: what follows may not lex yet.
    const wordEnd = at.index + (/^[A-Za-z0-9_]*/.exec(at.source.slice(at.index))?.[0].length ?? 0);
    tokens = tokenize(at.source.slice(0, wordEnd));
  } catch {
    return null;
  }
  const token = tokens.find(
    (t) => t.kind === "identifier" && t.span.start <= at.index && at.index <= t.span.end,
  );
  if (!token) return null;
  return {
    name: token.text,
    from: at.offsetOf(token.span.start),
    to: at.offsetOf(token.span.end),
    binding: at.file ? ruleScope(at.file, options, at.position).resolve(token.text) : undefined,
    file: at.file,
  };
}
