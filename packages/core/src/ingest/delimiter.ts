import { StrataError } from "../errors.ts";
import type { Delimiter } from "./csv-parser.ts";

/**
 * The delimiter a `--delimiter` value names: one character (`,` by default), `tab` (or
 * `\t`), or `whitespace` for columns separated by runs of spaces and tabs. Throws a usage
 * StrataError for anything else.
 */
export function parseDelimiter(value: string | undefined): Delimiter {
  if (value === undefined) return { kind: "char", char: "," };
  if (value === "whitespace") return { kind: "whitespace" };
  if (value === "tab" || value === "\\t") return { kind: "char", char: "\t" };
  if ([...value].length === 1 && !/["\r\n]/.test(value)) return { kind: "char", char: value };
  throw new StrataError(
    "usage",
    `--delimiter must be one character (such as , ; |), 'tab' or 'whitespace', not '${value}'`,
  );
}
