import * as vscode from "vscode";
import { sameDiagnostic, toRange } from "../convert.ts";
import type { RuleChecker } from "../rule-checker.ts";

/**
 * Quick fixes for the validator's diagnostics: each fix core suggests ("did you mean",
 * add a default tier, remove an unreachable tier) becomes a code action.
 */
export class RuleCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly checker: RuleChecker) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    // Asked right after a keystroke, before the debounced check: check now.
    const checked = this.checker.latest(document) ?? (await this.checker.check(document));
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics) {
      const diagnostic = checked.result.diagnostics.find((d) => sameDiagnostic(shown, d));
      const fixes = diagnostic?.fixes ?? [];
      for (const fix of fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, toRange(fix.range), fix.newText);
        action.diagnostics = [shown];
        action.isPreferred = fixes.length === 1;
        actions.push(action);
      }
    }
    return actions;
  }
}
