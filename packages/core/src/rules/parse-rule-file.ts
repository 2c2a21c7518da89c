import { type Document, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { ExpressionSyntaxError } from "../expression/lexer.ts";
import { parseExpression } from "../expression/parser.ts";
import type { Diagnostic } from "./diagnostic.ts";
import type { ChurnAlert, Condition, Dimension, RuleFile, Tier, WindowSpec } from "./rule-file.ts";
import { dimensionSchema, IDENTIFIER, ruleFileSchema, tierSchema } from "./rule-file-schema.ts";
import { schemaDiagnostics } from "./schema-diagnostics.ts";
import { LineIndex } from "./source-range.ts";
import { locate, nodeAt, type PathSegment, scalarOffsets } from "./yaml-source.ts";

export interface ParsedRuleFile {
  /** The file's model, or null when it is not YAML or not a map at the top. */
  file: RuleFile | null;
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

type Shape = Record<string, z.ZodType>;

/** Parses each field of an object on its own, so one bad field loses only itself. */
function fields<S extends Shape>(shape: S, raw: unknown): { [K in keyof S]?: z.output<S[K]> } {
  const out: Record<string, unknown> = {};
  const object = (raw ?? {}) as Record<string, unknown>;
  for (const [key, schema] of Object.entries(shape)) {
    const result = schema.safeParse(object[key]);
    if (result.success && result.data !== undefined) out[key] = result.data;
  }
  return out as { [K in keyof S]?: z.output<S[K]> };
}

/**
 * Parses the text of a `*.tiers.yaml` file: YAML, then the structure (zod), then each
 * `when:` expression. Never throws: every problem becomes a diagnostic with its range.
 */
export function parseRuleFile(text: string): ParsedRuleFile {
  const lines = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((error) => ({
    severity: "error",
    code: "yaml-syntax",
    message: yamlMessage(error.message),
    range: lines.range(error.pos[0], widenToToken(text, error.pos[0], error.pos[1])),
  }));
  if (doc.errors.length > 0) return { file: null, diagnostics, lines };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    diagnostics.push({
      severity: "error",
      code: "yaml-syntax",
      message: error instanceof Error ? error.message : String(error),
      range: lines.range(0, 0),
    });
    return { file: null, diagnostics, lines };
  }
  if (!isPlainObject(raw)) {
    diagnostics.push({
      severity: "error",
      code: "invalid-value",
      message: "a rule file is a map starting with `version: 1` and `dimensions:`",
      range: lines.range(0, text.length),
    });
    return { file: null, diagnostics, lines };
  }
  const reader = new RuleFileReader(doc, raw, lines, diagnostics);
  return { file: reader.read(), diagnostics, lines };
}

/** YAML reports many errors at one character: cover the whole token there instead. */
function widenToToken(text: string, start: number, end: number): number {
  if (end - start > 1) return end;
  let e = start;
  while (e < text.length && !/[\s:,\]}]/.test(text.charAt(e))) e++;
  return Math.max(e, end);
}

function yamlMessage(message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
}

class RuleFileReader {
  constructor(
    private readonly doc: Document,
    private readonly raw: unknown,
    private readonly lines: LineIndex,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /**
   * Parses `value` with an object schema, reporting its issues; when it fails, falls back to
   * the fields that parse on their own, so one bad field loses only itself.
   */
  private parseObject<S extends Shape>(
    schema: z.ZodObject<S>,
    value: unknown,
    path: PathSegment[],
  ): { valid: boolean; data: { [K in keyof S]?: z.output<S[K]> } } {
    const result = schema.safeParse(value);
    if (result.success)
      return { valid: true, data: result.data as { [K in keyof S]?: z.output<S[K]> } };
    this.diagnostics.push(
      ...schemaDiagnostics(result.error.issues, schema, path, this.doc, this.raw, this.lines),
    );
    return { valid: false, data: fields(schema.shape, value) };
  }

  private range(path: PathSegment[], key = false) {
    const { start, end } = locate(this.doc, path, key);
    return this.lines.range(start, end);
  }

  read(): RuleFile {
    const top = this.parseObject(ruleFileSchema, this.raw, []).data;
    const dimensions: Dimension[] = [];
    const rawDimensions = (this.raw as Record<string, unknown>).dimensions;
    const entries = isPlainObject(rawDimensions) ? Object.entries(rawDimensions) : [];
    for (const [id, value] of entries) {
      if (!IDENTIFIER.test(id)) continue;
      const dimension = this.readDimension(id, value);
      if (dimension) dimensions.push(dimension);
    }
    const churn = top.alerts?.churn;
    const churnAlert: ChurnAlert | null = churn
      ? {
          when: this.condition(["alerts", "churn", "when"], churn.when),
          notify: churn.notify,
          range: this.range(["alerts", "churn"]),
        }
      : null;
    return {
      version: 1,
      name: top.name ?? null,
      window: parseWindow(top.window),
      rfm: top.rfm ?? null,
      clv: top.clv ?? null,
      attributes: top.attributes ?? {},
      dimensions,
      alerts: { churn: churnAlert },
    };
  }

  private readDimension(id: string, value: unknown): Dimension | null {
    const path = ["dimensions", id];
    const dim = this.parseObject(dimensionSchema, value, path).data;
    const tiers: Tier[] = [];
    const seen = new Map<string, Tier>();
    let complete = dim.tiers !== undefined;
    (dim.tiers ?? []).forEach((rawTier, index) => {
      const tier = this.readTier([...path, "tiers", index], rawTier);
      if (!tier) {
        complete = false;
        return;
      }
      const first = seen.get(tier.id);
      if (first) {
        complete = false;
        this.diagnostics.push({
          severity: "error",
          code: "duplicate-tier",
          message: `dimension '${id}' already has a tier '${tier.id}': give each tier its own id`,
          range: tier.idRange,
          related: [{ range: first.idRange, message: `the first tier '${tier.id}'` }],
        });
        return;
      }
      seen.set(tier.id, tier);
      tiers.push(tier);
    });
    return {
      id,
      label: dim.label ?? id,
      churn: dim.churn ?? null,
      churnRange: dim.churn === undefined ? null : this.range([...path, "churn"]),
      tiers,
      complete,
      idRange: this.range(path, true),
      tiersRange: this.range([...path, "tiers"]),
    };
  }

  private readTier(path: PathSegment[], value: unknown): Tier | null {
    const { valid, data: tier } = this.parseObject(tierSchema, value, path);
    if (tier.id === undefined) return null;
    const idRange = this.range([...path, "id"]);
    const isDefault = tier.default === true;
    if (tier.when === undefined && !isDefault) {
      if (valid) {
        this.diagnostics.push({
          severity: "error",
          code: "tier-without-condition",
          message: `tier '${tier.id}' needs a 'when:' condition, or 'default: true' to take everyone left`,
          range: idRange,
        });
      }
      return null;
    }
    if (tier.when !== undefined && isDefault) {
      this.diagnostics.push({
        severity: "error",
        code: "default-with-condition",
        message: `tier '${tier.id}' is the default (it takes everyone left), so its 'when:' would be ignored: remove one of them`,
        range: this.range([...path, "default"], true),
      });
      return null;
    }
    return {
      id: tier.id,
      label: tier.label ?? tier.id,
      when: tier.when === undefined ? null : this.condition([...path, "when"], tier.when),
      isDefault,
      action: tier.action ?? null,
      range: this.range(path),
      idRange,
    };
  }

  private condition(path: PathSegment[], source: string): Condition | null {
    const node = nodeAt(this.doc, path);
    if (!node) return null;
    const offsetOf = scalarOffsets(this.lines.text, node as Node, source);
    const toRange = (span: { start: number; end: number }) => {
      const start = offsetOf(span.start);
      const end = span.end > span.start ? offsetOf(span.end - 1) + 1 : start;
      return this.lines.range(start, end);
    };
    let expr = null;
    try {
      expr = parseExpression(source);
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      this.diagnostics.push({
        severity: "error",
        code: "expression-syntax",
        message: error.message,
        range: toRange(error.span),
      });
    }
    const [start, end] = node.range ?? [0, 0];
    return { source, expr, range: this.lines.range(start, end), toRange };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parseWindow(text: string | undefined): WindowSpec | null {
  const match = text === undefined ? null : /^(\d+)\s*([dwmy])$/.exec(text);
  if (!match || text === undefined) return null;
  return { amount: Number(match[1]), unit: match[2] as WindowSpec["unit"], text };
}
