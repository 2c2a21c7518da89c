import type { Expr, Span } from "../expression/ast.ts";
import type { ValueType } from "../metrics/metric-catalogue.ts";
import type { Range } from "./source-range.ts";

/** How far back metrics look from the as-of date. */
export interface WindowSpec {
  amount: number;
  unit: "d" | "w" | "m" | "y";
  /** The text as written, e.g. "365d". */
  text: string;
}

/** A `when:` expression with its place in the file. */
export interface Condition {
  source: string;
  /** The parsed expression, or null when it has a syntax error (already reported). */
  expr: Expr | null;
  /** The range of the whole scalar in the file. */
  range: Range;
  /** Maps a span of `source` to the file. */
  toRange(span: Span): Range;
}

export interface Tier {
  id: string;
  label: string;
  when: Condition | null;
  isDefault: boolean;
  action: string | null;
  /** The whole list item. */
  range: Range;
  idRange: Range;
}

export interface Dimension {
  id: string;
  label: string;
  churn: string | null;
  churnRange: Range | null;
  tiers: Tier[];
  /** False when some tier was dropped for schema errors: coverage checks are then skipped. */
  complete: boolean;
  idRange: Range;
  /** The range of the `tiers` list. */
  tiersRange: Range;
}

export interface ChurnAlert {
  when: Condition | null;
  notify: string;
  range: Range;
}

/** A parsed `*.tiers.yaml` file: what the engine, the validator and the front ends read. */
export interface RuleFile {
  version: 1;
  name: string | null;
  window: WindowSpec | null;
  rfm: { bins: number } | null;
  clv: { model: "bgnbd" } | null;
  /** Attributes declared in the file, in addition to those the data supplies. */
  attributes: Record<string, ValueType>;
  dimensions: Dimension[];
  alerts: { churn: ChurnAlert | null };
}
