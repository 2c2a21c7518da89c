import * as vscode from "vscode";
import { chooseDatabase } from "./choose-database.ts";
import { DataService } from "./data/data-service.ts";
import { isRuleDocument, RULE_FILES } from "./language.ts";
import { LiveResults } from "./live-results.ts";
import { PreviewPanel } from "./preview/preview-panel.ts";
import { RuleCodeActions } from "./providers/code-actions.ts";
import { TierCodeLenses } from "./providers/code-lens.ts";
import { RuleCompletions } from "./providers/completion.ts";
import { RuleFormatter } from "./providers/formatting.ts";
import { RuleHover } from "./providers/hover.ts";
import { RuleChecker } from "./rule-checker.ts";
import { DataStatusBar } from "./status-bar.ts";

/**
 * Wires the providers to VS Code. Nothing heavy happens here: the data (sql.js and the
 * database) loads in the background after activation, from a separate bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  const data = new DataService(context.extensionUri);
  // Checks name the data's attributes as known; a slow database delays them only so long
  // (they are checked again once it is read).
  const checker = new RuleChecker(() => data.attributesSoon());
  let preview: PreviewPanel | undefined;
  const watched = (document: vscode.TextDocument) =>
    preview?.documentUri.toString() === document.uri.toString() ||
    vscode.window.visibleTextEditors.some((e) => e.document === document);
  const live = new LiveResults(checker, data, watched);
  const lenses = new TierCodeLenses(checker, live);

  const openPreview = async (uri?: vscode.Uri) => {
    const document = uri
      ? await vscode.workspace.openTextDocument(uri)
      : vscode.window.activeTextEditor?.document;
    if (!document || !isRuleDocument(document)) {
      void vscode.window.showInformationMessage("Open a *.tiers.yaml rule file to preview it.");
      return;
    }
    preview = PreviewPanel.open(context.extensionUri, document, live, preview, () => {
      preview = undefined;
    });
  };

  context.subscriptions.push(
    data,
    checker,
    live,
    lenses,
    new DataStatusBar(data),
    vscode.languages.registerCodeActionsProvider(
      RULE_FILES,
      new RuleCodeActions(checker),
      RuleCodeActions.metadata,
    ),
    vscode.languages.registerCompletionItemProvider(
      RULE_FILES,
      new RuleCompletions(data),
      ...RuleCompletions.triggerCharacters,
    ),
    vscode.languages.registerHoverProvider(RULE_FILES, new RuleHover(data)),
    vscode.languages.registerCodeLensProvider(RULE_FILES, lenses),
    vscode.languages.registerDocumentFormattingEditProvider(RULE_FILES, new RuleFormatter()),
    vscode.commands.registerCommand("strata.openPreviewToSide", openPreview),
    vscode.commands.registerCommand("strata.chooseDatabase", chooseDatabase),
    vscode.workspace.onDidOpenTextDocument((d) => checker.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => checker.schedule(e.document)),
    vscode.workspace.onDidSaveTextDocument((d) => checker.schedule(d, 0)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      checker.forget(d);
      live.forget(d);
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors)
        if (isRuleDocument(editor.document)) live.refresh(editor.document);
    }),
    data.onDidChange((state) => {
      if (state.state !== "loading") checker.recheckAll();
    }),
    { dispose: () => preview?.dispose() },
  );
  for (const document of vscode.workspace.textDocuments) checker.schedule(document, 0);
  data.ready().catch(() => {});
}

export function deactivate(): void {}
