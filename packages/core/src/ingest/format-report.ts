import type { FileReport, IngestReport } from "./ingest.ts";
import { formatReject } from "./rejects.ts";

const n = (value: number) => value.toLocaleString("en-US");
const count = (value: number, one: string, many: string) =>
  `${n(value)} ${value === 1 ? one : many}`;

/** Rows per second of one file's ingest (0 when too fast to measure). */
export function rowsPerSecond(file: FileReport): number {
  return file.elapsedMs > 0 ? Math.round((file.rowsRead * 1000) / file.elapsedMs) : 0;
}

function timing(file: FileReport): string {
  const seconds = file.elapsedMs / 1000;
  return `in ${seconds.toFixed(seconds < 10 ? 2 : 1)} s (${n(rowsPerSecond(file))} rows/s)`;
}

/** One summary line per file, plus a note on ignored columns; ends with a newline. */
export function formatSummary(report: IngestReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    const head = `${file.file}: ${count(file.rowsRead, "row", "rows")} read`;
    if (!file.committed) {
      lines.push(`${head}, ${n(file.rejected)} rejected: nothing from this file was written`);
      continue;
    }
    const rejected = `${n(file.rejected)} rejected${file.rejected > 0 ? " (skipped)" : ""}`;
    if (file.kind === "orders" && file.counts) {
      const c = file.counts;
      lines.push(
        `${head}, ${n(c.inserted)} inserted, ${count(c.duplicates, "duplicate", "duplicates")} skipped, ${rejected}, ${count(c.customersCreated, "customer", "customers")} created ${timing(file)}`,
      );
    } else if (file.kind === "customers" && file.counts) {
      const c = file.counts;
      lines.push(
        `${head}, ${count(c.created, "customer", "customers")} created, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged, ${rejected} ${timing(file)}`,
      );
    }
    if (file.ignoredColumns.length > 0) {
      lines.push(`  ignored columns (not order fields): ${file.ignoredColumns.join(", ")}`);
    }
  }
  return lines.map((line) => `${line}\n`).join("");
}

/**
 * The rejected rows shown on screen: the first few of each file as `FILE:LINE: reason`,
 * then how many more there are and where to find them all.
 */
export function formatRejects(report: IngestReport, rejectsFile: string | undefined): string {
  const lines: string[] = [];
  for (const file of report.files) {
    lines.push(...file.firstRejects.map(formatReject));
    const more = file.rejected - file.firstRejects.length;
    if (more > 0) {
      lines.push(
        rejectsFile
          ? `${file.file}: ... and ${n(more)} more, all in ${rejectsFile}`
          : `${file.file}: ... and ${n(more)} more; pass --rejects FILE to get them all`,
      );
    }
  }
  return lines.map((line) => `${line}\n`).join("");
}

/** The report as plain data for `--json`. */
export function reportJson(report: IngestReport, database: string, rejectsFile?: string) {
  return {
    ok: report.ok,
    database,
    ...(rejectsFile ? { rejectsFile } : {}),
    files: report.files.map((file) => ({
      file: file.file,
      kind: file.kind,
      committed: file.committed,
      rowsRead: file.rowsRead,
      rejected: file.rejected,
      ...(file.counts ?? {}),
      ignoredColumns: file.ignoredColumns,
      elapsedMs: file.elapsedMs,
      rowsPerSecond: rowsPerSecond(file),
      rejects: file.firstRejects,
    })),
  };
}
