import { StrataError } from "../errors.ts";
import { readCsvFile } from "../ingest/read-csv-file.ts";
import { type RepeatPurchase, type RepeatPurchases, repeatPurchases } from "./repeat-purchases.ts";

/** Each column's name and the header names accepted for it (compared in lower case). */
const COLUMNS = {
  x: { name: "frequency", accepts: ["frequency", "x"] },
  tx: { name: "recency", accepts: ["recency", "t_x", "tx"] },
  T: { name: "T", accepts: ["t"] },
} as const;

/**
 * Reads a customer summary CSV with a header row naming the columns frequency (x, repeat
 * purchases), recency (t_x) and T, all in one time unit, e.g. data/cdnow/cdnow_customers_summary.csv.
 * Other columns (an ID) are ignored. Throws StrataError("file-not-found"), or
 * ("invalid-data") naming the file, line and column of the first bad value.
 */
export async function readSummaryFile(path: string, label = path): Promise<RepeatPurchases> {
  let index: Record<keyof typeof COLUMNS, number> | null = null;
  const rows: RepeatPurchase[] = [];
  const lines: number[] = [];
  let problem: string | null = null;
  await readCsvFile(
    path,
    label,
    { kind: "char", char: "," },
    (fields, line, malformed) => {
      if (problem) return;
      if (malformed) {
        problem = `${label}:${line}: ${malformed}`;
        return;
      }
      if (!index) {
        index = headerIndex(fields, label);
        return;
      }
      const number = (column: keyof typeof COLUMNS) => {
        const at = (index as Record<keyof typeof COLUMNS, number>)[column];
        const text = (fields[at] ?? "").trim();
        const value = text === "" ? Number.NaN : Number(text);
        if (!Number.isFinite(value) && !problem)
          problem = `${label}:${line}:${at + 1}: ${COLUMNS[column].name} must be a number, not "${text}"`;
        return value;
      };
      rows.push({ x: number("x"), tx: number("tx"), T: number("T") });
      lines.push(line);
    },
    () => {},
  );
  if (problem) throw new StrataError("invalid-data", problem);
  if (!index) throw new StrataError("invalid-data", `${label} is empty: it needs a header row`);
  return repeatPurchases(rows, (i) => `${label}:${lines[i]}`);
}

function headerIndex(fields: string[], label: string): Record<keyof typeof COLUMNS, number> {
  const names = fields.map((f) => f.trim().toLowerCase());
  const find = (column: keyof typeof COLUMNS) => {
    const at = names.findIndex((n) => (COLUMNS[column].accepts as readonly string[]).includes(n));
    if (at < 0) {
      throw new StrataError(
        "invalid-data",
        `${label}:1: no ${COLUMNS[column].name} column; the header needs frequency, recency and T (found: ${fields.join(", ")})`,
      );
    }
    return at;
  };
  return { x: find("x"), tx: find("tx"), T: find("T") };
}
