import { z } from "zod";
import { parseOrderDate } from "./order-date.ts";

/** A decimal number as people write it in files: no currency sign, no thousands separator. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** How a field is named in messages: `amount`, or `amount (column 'total')` when mapped. */
export function fieldLabel(field: string, column: string | undefined): string {
  return column === undefined || column === field ? field : `${field} (column '${column}')`;
}

/** A cell's text for a message: quoted, and cut short when long. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}

/** A required identifier: trimmed, not empty. */
export function idField(label: string) {
  return z
    .string()
    .trim()
    .min(1, { error: `${label} is empty` });
}

/** Optional text: trimmed; empty becomes null. */
export function optionalText() {
  return z.string().transform((s) => s.trim() || null);
}

/** A finite decimal number. */
export function numberField(label: string) {
  return z.string().transform((raw, ctx) => {
    const text = raw.trim();
    const problem = text === "" ? "is empty" : numberProblem(text);
    if (problem === null) return Number(text);
    ctx.issues.push({ code: "custom", input: raw, message: `${label} ${problem}` });
    return z.NEVER;
  });
}

/** A finite decimal number, or null for an empty cell. */
export function optionalNumberField(label: string) {
  return z.string().transform((raw, ctx) => {
    const text = raw.trim();
    if (text === "") return null;
    const problem = numberProblem(text);
    if (problem === null) return Number(text);
    ctx.issues.push({ code: "custom", input: raw, message: `${label} ${problem}` });
    return z.NEVER;
  });
}

function numberProblem(text: string): string | null {
  if (!DECIMAL.test(text)) {
    return `${shown(text)} is not a number (write digits with a dot for decimals, without currency signs or thousands separators)`;
  }
  return Number.isFinite(Number(text)) ? null : `${shown(text)} is too large`;
}

/** An order date as a day number; see parseOrderDate for the formats. */
export function dateField(label: string) {
  return z.string().transform((raw, ctx) => {
    const day = parseOrderDate(raw);
    if (day !== null) return day;
    ctx.issues.push({
      code: "custom",
      input: raw,
      message:
        raw.trim() === ""
          ? `${label} is empty`
          : `${label} ${shown(raw.trim())} is not a date (use YYYY-MM-DD, an ISO date-time or YYYYMMDD)`,
    });
    return z.NEVER;
  });
}

/** The reason a row is rejected: every problem zod found, in field order. */
export function reasonOf(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join("; ");
}
