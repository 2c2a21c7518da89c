import type { Diagnostic } from "./diagnostic.ts";

/** `FILE:LINE:COL: error CODE: message`, the form editors and CI logs recognise. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const { line, column } = d.range.start;
  return `${file}:${line}:${column}: ${d.severity} ${d.code}: ${d.message}`;
}

/** "2 errors, 1 warning in 3 files" style summary. */
export function summarise(errors: number, warnings: number, files: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const where = plural(files, "file");
  if (errors === 0 && warnings === 0) return `${where} checked: no problems found.`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${where}.`;
}
