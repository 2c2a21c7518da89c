import type { Summary } from "../engine/tier-summary.ts";
import { count, percent, table } from "./text-format.ts";

/** Per-dimension tables of counts and shares, then the matrix of two dimensions. */
export function formatSummary(summary: Summary): string[] {
  const lines: string[] = [];
  for (const d of summary.dimensions) {
    lines.push("", `${d.dimension}${d.label !== d.dimension ? ` (${d.label})` : ""}`);
    const rows = d.tiers.map((t) => [
      t.tier,
      count(t.count),
      percent(t.share),
      percent(t.monetaryShare),
    ]);
    if (d.unassigned > 0)
      rows.push([
        "(unassigned)",
        count(d.unassigned),
        percent(d.unassigned / (summary.customers || 1)),
        "",
      ]);
    lines.push(
      ...table(["tier", "customers", "share", "monetary share"], rows, [1, 2, 3]).map(
        (l) => `  ${l}`,
      ),
    );
  }
  const m = summary.matrix;
  if (m) {
    const columns = [...new Set(Object.values(m.counts).flatMap((row) => Object.keys(row)))];
    const ordered =
      summary.dimensions.find((d) => d.dimension === m.columns)?.tiers.map((t) => t.tier) ?? [];
    const cols = [
      ...ordered.filter((c) => columns.includes(c)),
      ...columns.filter((c) => !ordered.includes(c)),
    ];
    const rowOrder =
      summary.dimensions.find((d) => d.dimension === m.rows)?.tiers.map((t) => t.tier) ??
      Object.keys(m.counts);
    const rows = rowOrder
      .filter((r) => m.counts[r])
      .map((r) => [
        r,
        ...cols.map(
          (c) =>
            `${count(m.counts[r]?.[c] ?? 0)} ${percent(m.monetaryShare[r]?.[c] ?? 0).padStart(6)}`,
        ),
      ]);
    lines.push(
      "",
      `${m.rows} x ${m.columns}: customers and share of monetary value`,
      ...table(
        ["", ...cols],
        rows,
        cols.map((_, i) => i + 1),
      ).map((l) => `  ${l}`),
    );
  }
  return lines;
}
