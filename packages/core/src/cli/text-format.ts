/** Formatting for terminal output: numbers, percentages and aligned tables. */

export const count = (n: number) => n.toLocaleString("en-US");
export const money = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Rows as an aligned table; columns listed in `right` are right-aligned. */
export function table(header: string[], rows: string[][], right: number[] = []): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
