import { type Token, tokenize } from "../expression/lexer.ts";
import { BUILTIN_ATTRIBUTES, METRICS, type ValueType } from "../metrics/metric-catalogue.ts";
import { conditionAt } from "./condition-at.ts";
import { ruleScope, type ValidateOptions } from "./validate.ts";

export type CompletionKind = "metric" | "attribute" | "dimension" | "tier" | "value" | "keyword";

export interface Completion {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label, e.g. "metric · number · days". */
  detail: string;
  /** A longer explanation (plain text), if any. */
  documentation?: string;
  /** The text inserted, when it differs from the label (quoted values). */
  insertText?: string;
}

export interface Completions {
  items: Completion[];
  /** File offsets [from, to) of the text the chosen item replaces. */
  from: number;
  to: number;
}

export interface CompletionOptions extends ValidateOptions {
  /** Known values of a text attribute in the data (for `region == "…"`). */
  attributeValues?: (name: string) => readonly string[];
}

/** Keywords and phrases offered after a complete operand. */
const AFTER_OPERAND = ["and", "or", "in", "not in", "between", "is missing", "is not missing"];

/**
 * What may be typed at `offset` of a rule file inside a `when:` condition: the metrics,
 * attributes and earlier dimensions where a name goes, tier ids and known values inside
 * quotes after `==`, `!=` or `in [`, and keywords after a complete operand. Null outside
 * conditions. Works on text that does not parse yet.
 */
export function completionsAt(
  text: string,
  offset: number,
  options: CompletionOptions = {},
): Completions | null {
  const at = conditionAt(text, offset);
  if (!at) return null;
  const before = at.source.slice(0, at.index);
  const scope = at.file ? ruleScope(at.file, options, at.position) : undefined;
  const resolve = (name: string) => scope?.resolve(name);
  const valuesOf = (name: string): Completion[] => {
    const binding = resolve(name);
    if (binding?.kind === "dimension" && binding.usable) {
      return binding.tiers.map((t) => ({ label: t, kind: "tier", detail: `tier of ${name}` }));
    }
    const values =
      binding?.kind === "metric"
        ? (binding.metric.values ?? [])
        : binding?.kind === "attribute"
          ? (options.attributeValues?.(name) ?? [])
          : [];
    return values.map((v) => ({ label: v, kind: "value", detail: `value of ${name}` }));
  };

  const quote = openQuote(before);
  if (quote !== null) {
    const target = comparedName(before.slice(0, quote));
    const end = closingQuote(at.source, at.index, at.source.charAt(quote));
    return {
      items: target ? valuesOf(target) : [],
      from: at.offsetOf(quote + 1),
      to: at.offsetOf(end),
    };
  }

  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before)?.[0] ?? "";
  const rest = /^[A-Za-z0-9_]*/.exec(at.source.slice(at.index))?.[0] ?? "";
  const from = at.offsetOf(at.index - word.length);
  const to = at.offsetOf(at.index + rest.length);
  const head = before.slice(0, before.length - word.length);
  const previous = lastTokens(head);
  const last = previous.at(-1);

  if (last?.kind === "keyword" && last.text === "is") {
    return { items: keywords(["missing", "not missing"]), from, to };
  }
  const target = comparedName(head);
  if (target && !word) {
    const quoted = valuesOf(target).map((c) => ({ ...c, insertText: JSON.stringify(c.label) }));
    if (quoted.length) return { items: quoted, from, to };
  }
  if (last && completesOperand(last)) return { items: keywords(AFTER_OPERAND), from, to };

  const items: Completion[] = [];
  const file = at.file;
  for (const metric of METRICS.values()) {
    const enabled =
      metric.requires === undefined || (file ? file[metric.requires] !== null : false);
    items.push({
      label: metric.name,
      kind: "metric",
      detail: ["metric", metric.type, metric.unit].filter(Boolean).join(" · "),
      documentation: enabled
        ? metric.description
        : `${metric.description} Needs '${metric.requires === "rfm" ? "rfm: { bins: 5 }" : "clv: { model: bgnbd }"}' at the top of the file.`,
    });
  }
  const attributes: Record<string, ValueType> = {
    ...BUILTIN_ATTRIBUTES,
    ...options.attributes,
    ...file?.attributes,
  };
  for (const [name, type] of Object.entries(attributes)) {
    if (!METRICS.has(name)) {
      items.push({ label: name, kind: "attribute", detail: `customer attribute · ${type}` });
    }
  }
  for (const dimension of file?.dimensions.slice(0, at.position) ?? []) {
    items.push({
      label: dimension.id,
      kind: "dimension",
      detail: `dimension · ${dimension.tiers.map((t) => t.id).join(", ")}`,
      documentation: `${dimension.label}: the tier this customer got in '${dimension.id}' (decided above).`,
    });
  }
  items.push(...keywords(["not", "true", "false"]));
  return { items, from, to };
}

function keywords(words: readonly string[]): Completion[] {
  return words.map((w) => ({ label: w, kind: "keyword", detail: "keyword" }));
}

/** Index of the quote that opens a string still open at the end of `text`, else null. */
function openQuote(text: string): number | null {
  let open: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (open !== null) {
      if (c === "\\") i++;
      else if (c === text.charAt(open)) open = null;
    } else if (c === '"' || c === "'") {
      open = i;
    }
  }
  return open;
}

function closingQuote(source: string, from: number, quote: string): number {
  let i = from;
  while (i < source.length && source.charAt(i) !== quote) i++;
  return i;
}

/** The name a value is being compared with at the end of `text`: `x ==`, `x !=`, `x in [..., `. */
function comparedName(text: string): string | undefined {
  const compare = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:==|!=)\s*$/.exec(text);
  if (compare) return compare[1];
  const list = /([A-Za-z_][A-Za-z0-9_]*)\s+(?:not\s+)?in\s*\[[^\]]*$/i.exec(text);
  return list?.[1];
}

function lastTokens(text: string): Token[] {
  try {
    return tokenize(text).slice(0, -1);
  } catch {
    return [];
  }
}

/** True after a token that ends an operand: a name, a literal, `)` or `]`, `missing`. */
function completesOperand(token: Token): boolean {
  if (token.kind === "identifier" || token.kind === "number" || token.kind === "string")
    return true;
  if (token.kind === "punctuation") return token.text === ")" || token.text === "]";
  return token.kind === "keyword" && ["missing", "true", "false"].includes(token.text);
}
