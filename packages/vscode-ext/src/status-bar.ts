import * as vscode from "vscode";
import { type DataService, type DataState, describeData } from "./data/data-service.ts";
import { isRuleDocument } from "./language.ts";

/**
 * The status bar entry shown while a rule file is active: where the preview's data comes
 * from and its as-of day; clicking it chooses another database.
 */
export class DataStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "strata.data",
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly data: DataService) {
    this.item.name = "Strata data";
    this.item.command = "strata.chooseDatabase";
    this.disposables.push(
      data.onDidChange((state) => this.render(state)),
      vscode.window.onDidChangeActiveTextEditor(() => this.render(this.data.state)),
    );
    this.render(data.state);
  }

  private render(state: DataState): void {
    const icon =
      state.state === "loading"
        ? "$(sync~spin)"
        : state.state === "failed"
          ? "$(warning)"
          : "$(database)";
    this.item.text = `${icon} Strata: ${describeData(state)}`;
    this.item.tooltip =
      state.state === "failed"
        ? `${state.message}\n\nClick to choose another database.`
        : state.state === "ready"
          ? `Rules are checked and previewed against ${state.location.kind === "demo" ? "the demo shop bundled with the extension" : state.location.path}, as of ${state.asOf.text}.\n\nClick to choose another database (setting strata.database; strata.asOf sets the date).`
          : "Reading the data…";
    const editor = vscode.window.activeTextEditor;
    if (editor && isRuleDocument(editor.document)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
