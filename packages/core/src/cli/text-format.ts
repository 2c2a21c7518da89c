/** Formatting for terminal output: numbers, percentages, aligned tables, progress. */
import type { Io } from "./command.ts";

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

/**
 * One stderr line saying what a long command is doing, rewritten at each step and cleared at
 * the end; nothing unless `shown` (on a terminal, and not for --json).
 */
export function stepLine(io: Io, shown: boolean) {
  return {
    show: (step: string) => {
      if (shown) io.stderr(`\r\x1b[2K  ${step}…`);
    },
    clear: () => {
      if (shown) io.stderr("\r\x1b[2K");
    },
  };
}
