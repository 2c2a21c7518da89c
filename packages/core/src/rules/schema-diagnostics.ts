import type { Document } from "yaml";
import type { z } from "zod";
import type { Diagnostic } from "./diagnostic.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { LineIndex } from "./source-range.ts";
import { locate, type PathSegment } from "./yaml-source.ts";

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map of fields (key: value lines)",
  array: "a list (lines starting with -)",
  record: "a map of fields (key: value lines)",
};

const MISSING_HINT: Record<string, string> = {
  version: ": add `version: 1` as the first line",
  dimensions: ": add `dimensions:` with at least one dimension and its tiers",
  tiers: ": list the dimension's tiers under `tiers:`",
  id: ": give the tier an `id:`, a short name such as vip",
  notify: ': say who hears of it, e.g. account_manager or "#cs-alerts"',
};

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string")
    return `the text "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
  return `${typeof value === "number" ? "the number" : ""} ${String(value)}`.trim();
}

function fieldName(path: readonly PathSegment[]): string {
  const last = path.at(-1);
  if (last === undefined) return "the file";
  if (typeof last === "number") return `item ${last + 1} of '${String(path.at(-2))}'`;
  return `'${last}'`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** The object schema reached by following `path` through optionals, records and arrays. */
function keysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definitions
  let current: any = schema;
  for (const segment of path) {
    while (current?.def?.type === "optional") current = current.def.innerType;
    if (current?.shape && typeof segment === "string") current = current.shape[segment];
    else if (current?.def?.type === "record") current = current.def.valueType;
    else if (current?.def?.type === "array") current = current.def.element;
    else return [];
  }
  while (current?.def?.type === "optional") current = current.def.innerType;
  return current?.shape ? Object.keys(current.shape) : [];
}

/**
 * Turns zod issues for the value at `basePath` into diagnostics at the exact YAML nodes:
 * unknown keys at the key (with "did you mean"), missing fields at the parent's key, wrong
 * values at the value.
 */
export function schemaDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  basePath: readonly PathSegment[],
  doc: Document,
  root: unknown,
  lines: LineIndex,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (path: readonly PathSegment[], key = false) => {
    const { start, end } = locate(doc, path, key);
    return lines.range(start, end);
  };
  for (const issue of issues) {
    const relative = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    const path = [...basePath, ...relative];
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(schema, relative);
      for (const key of issue.keys) {
        const range = at([...path, key], true);
        const guess = didYouMean(key, known);
        diagnostics.push({
          severity: "error",
          code: "unknown-field",
          message: guess
            ? `unknown field '${key}': did you mean '${guess}'?`
            : `unknown field '${key}'; known fields here: ${known.join(", ")}`,
          range,
          ...(guess ? { fixes: [{ title: `Change to '${guess}'`, range, newText: guess }] } : {}),
        });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      const last = path.at(-1);
      diagnostics.push({
        severity: "error",
        code: "invalid-value",
        message: `the name '${String(last)}' ${issue.issues[0]?.message ?? "is not allowed"}`,
        range: at(path, true),
      });
      continue;
    }
    const value = valueAt(root, path);
    if (issue.code === "invalid_type" && value === undefined) {
      diagnostics.push({
        severity: "error",
        code: "missing-field",
        message: `${fieldName(path)} is missing${MISSING_HINT[String(path.at(-1))] ?? ""}`,
        range: at(path),
      });
      continue;
    }
    const expected = issue.code === "invalid_type" ? EXPECTED[issue.expected] : undefined;
    diagnostics.push({
      severity: "error",
      code: path.length === 1 && path[0] === "version" ? "unsupported-version" : "invalid-value",
      message: !expected
        ? `${fieldName(path)}: ${issue.message}`
        : value === null
          ? `${fieldName(path)} is empty: it should be ${expected}`
          : `${fieldName(path)} should be ${expected}, not ${describeValue(value)}`,
      range: at(path),
    });
  }
  return diagnostics;
}
