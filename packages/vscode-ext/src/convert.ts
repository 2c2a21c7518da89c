import type { Diagnostic, Range as RuleRange } from "@strata/core/portable";
import * as vscode from "vscode";

/** Core ranges count lines and columns from 1 (UTF-16 code units); VS Code from 0. */
export function toRange(range: RuleRange): vscode.Range {
  return new vscode.Range(
    range.start.line - 1,
    range.start.column - 1,
    range.end.line - 1,
    range.end.column - 1,
  );
}

/** A diagnostic of the validator as VS Code shows it: code, range, related places. */
export function toDiagnostic(diagnostic: Diagnostic, uri: vscode.Uri): vscode.Diagnostic {
  const result = new vscode.Diagnostic(
    toRange(diagnostic.range),
    diagnostic.message,
    diagnostic.severity === "error"
      ? vscode.DiagnosticSeverity.Error
      : vscode.DiagnosticSeverity.Warning,
  );
  result.source = "strata";
  result.code = diagnostic.code;
  if (diagnostic.code === "unreachable-tier") result.tags = [vscode.DiagnosticTag.Unnecessary];
  if (diagnostic.related?.length) {
    result.relatedInformation = diagnostic.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(uri, toRange(r.range)),
          r.message,
        ),
    );
  }
  return result;
}

/** True when a diagnostic VS Code hands back is the one made from `diagnostic`. */
export function sameDiagnostic(shown: vscode.Diagnostic, diagnostic: Diagnostic): boolean {
  const code = typeof shown.code === "object" ? shown.code.value : shown.code;
  return (
    shown.source === "strata" &&
    code === diagnostic.code &&
    shown.range.isEqual(toRange(diagnostic.range))
  );
}
