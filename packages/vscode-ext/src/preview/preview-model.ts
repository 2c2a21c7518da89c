import type { RuleFile, Summary, TierChanges } from "@strata/core/portable";
import { formatCount, formatNumber, formatShare } from "../format-numbers.ts";
import type { Evaluated, LiveState, Saved } from "../live-results.ts";

/** Everything the preview webview shows, ready to render: no arithmetic is left to it. */
export interface PreviewModel {
  title: string;
  /** Where the data comes from, how many customers, and the as-of day. */
  data: string;
  notice: { kind: "info" | "warning" | "error"; text: string } | null;
  dimensions: DimensionView[];
  matrix: MatrixView | null;
  changes: ChangesView | null;
}

export interface TierView {
  id: string;
  label: string;
  count: number;
  countText: string;
  /** 0..100, for the bar. */
  percent: number;
  shareText: string;
  monetaryShareText: string;
}

export interface DimensionView {
  id: string;
  label: string;
  tiers: TierView[];
  unassigned: { count: number; countText: string; shareText: string } | null;
}

export interface MatrixView {
  rows: string;
  columns: string;
  columnLabels: string[];
  cells: Array<{ label: string; counts: Array<{ text: string; count: number; weight: number }> }>;
}

export interface ChangesView {
  headline: string;
  moves: Array<{ dimension: string; from: string; to: string; count: number; countText: string }>;
  notes: string[];
}

const UNASSIGNED = "(unassigned)";

/** The preview of one rule file's state. */
export function previewModel(title: string, state: LiveState | undefined): PreviewModel {
  const empty = (notice: PreviewModel["notice"]): PreviewModel => ({
    title,
    data: "",
    notice,
    dimensions: [],
    matrix: null,
    changes: null,
  });
  if (!state) return empty({ kind: "info", text: "Checking the file…" });
  const evaluated = state.kind === "ready" ? state.evaluated : state.last;
  const notice = noticeOf(state);
  if (!evaluated) return empty(notice);
  return { ...evaluatedModel(title, evaluated), notice };
}

function noticeOf(state: LiveState): PreviewModel["notice"] {
  switch (state.kind) {
    case "ready":
      return null;
    case "evaluating":
      return { kind: "info", text: "Evaluating…" };
    case "has-errors":
      return {
        kind: "warning",
        text: `The file has ${state.errors === 1 ? "an error" : `${state.errors} errors`} (see Problems)${state.last ? ": showing the last version without errors." : "."}`,
      };
    case "no-data":
      return { kind: "error", text: `No data to preview: ${state.message}` };
  }
}

function evaluatedModel(title: string, evaluated: Evaluated): PreviewModel {
  const { summary, changes } = evaluated.result;
  const { data } = evaluated;
  return {
    title,
    data: `${data.location.label} · ${formatCount(summary.customers, "customer")} · as of ${data.asOf.text}`,
    notice: null,
    dimensions: summary.dimensions.map((d) => ({
      id: d.dimension,
      label: d.label,
      tiers: d.tiers.map((t) => ({
        id: t.tier,
        label: t.label,
        count: t.count,
        countText: formatNumber(t.count),
        percent: Math.round(t.share * 1000) / 10,
        shareText: formatShare(t.share),
        monetaryShareText: formatShare(t.monetaryShare),
      })),
      unassigned:
        d.unassigned > 0
          ? {
              count: d.unassigned,
              countText: formatNumber(d.unassigned),
              shareText: formatShare(summary.customers ? d.unassigned / summary.customers : 0),
            }
          : null,
    })),
    matrix: matrixView(evaluated.file, summary),
    changes: changesView(changes, evaluated.saved),
  };
}

function matrixView(file: RuleFile, summary: Summary): MatrixView | null {
  const matrix = summary.matrix;
  if (!matrix) return null;
  const order = (dimension: string, present: Iterable<string>) => {
    const ids = file.dimensions.find((d) => d.id === dimension)?.tiers.map((t) => t.id) ?? [];
    const seen = new Set(present);
    return [...ids, UNASSIGNED].filter((id) => seen.has(id) || ids.includes(id));
  };
  const rowIds = order(matrix.rows, Object.keys(matrix.counts));
  const columnIds = order(
    matrix.columns,
    Object.values(matrix.counts).flatMap((row) => Object.keys(row)),
  );
  const largest = Math.max(1, ...Object.values(matrix.counts).flatMap((r) => Object.values(r)));
  return {
    rows: labelOf(file, matrix.rows),
    columns: labelOf(file, matrix.columns),
    columnLabels: columnIds,
    cells: rowIds.map((row) => ({
      label: row,
      counts: columnIds.map((column) => {
        const count = matrix.counts[row]?.[column] ?? 0;
        return {
          count,
          text: formatNumber(count),
          weight: Math.round((count / largest) * 100) / 100,
        };
      }),
    })),
  };
}

function labelOf(file: RuleFile, dimension: string): string {
  return file.dimensions.find((d) => d.id === dimension)?.label ?? dimension;
}

function changesView(changes: TierChanges | null, saved: Saved): ChangesView {
  if (saved.kind === "none") {
    return { headline: `No comparison with the saved file: ${saved.why}.`, moves: [], notes: [] };
  }
  if (!changes || saved.same) {
    return {
      headline: "No unsaved changes: the saved file gives the same tiers.",
      moves: [],
      notes: [],
    };
  }
  const notes = [
    ...changes.added.map((d) => `New dimension '${d}' (not in the saved file).`),
    ...changes.removed.map((d) => `Dimension '${d}' is gone (it is in the saved file).`),
  ];
  return {
    headline:
      changes.customers === 0
        ? "Compared with the saved file, no customer changes tier."
        : `Compared with the saved file, ${formatCount(changes.customers, "customer")} change${changes.customers === 1 ? "s" : ""} tier.`,
    moves: changes.moves.map((m) => ({
      dimension: m.dimension,
      from: m.from ?? UNASSIGNED,
      to: m.to ?? UNASSIGNED,
      count: m.count,
      countText: formatNumber(m.count),
    })),
    notes,
  };
}
