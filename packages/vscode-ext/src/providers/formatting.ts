import { formatRuleText } from "@strata/core/portable";
import * as vscode from "vscode";

/** Formats a rule file with core's layout, keeping comments; nothing for text that is not YAML. */
export class RuleFormatter implements vscode.DocumentFormattingEditProvider {
  provideDocumentFormattingEdits(document: vscode.TextDocument): vscode.TextEdit[] {
    const text = document.getText();
    const formatted = formatRuleText(text);
    if (formatted === null || formatted === text) return [];
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(text.length));
    return [vscode.TextEdit.replace(whole, formatted)];
  }
}
