import { basename } from "node:path";
import * as vscode from "vscode";
import { isRuleDocument } from "../language.ts";
import type { LiveResults } from "../live-results.ts";
import { previewHtml } from "./preview-html.ts";
import { previewModel } from "./preview-model.ts";

/** Messages from the extension to the webview. */
export type ToWebview = { type: "model"; seq: number; model: ReturnType<typeof previewModel> };

/**
 * The preview beside the editor. It follows the rule file last active in an editor and
 * re-renders whenever that file's live results change; the webview keeps its own scroll.
 */
export class PreviewPanel implements vscode.Disposable {
  static readonly viewType = "strata.preview";
  private document: vscode.TextDocument;
  private seq = 0;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    document: vscode.TextDocument,
    private readonly live: LiveResults,
    private readonly onDispose: () => void,
  ) {
    this.document = document;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // The webview asks for the model when its script starts (also after being hidden).
      panel.webview.onDidReceiveMessage((message: { type?: string }) => {
        if (message?.type === "ready") this.post();
      }),
      live.onDidUpdate((uri) => {
        if (uri.toString() === this.document.uri.toString()) this.post();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isRuleDocument(editor.document)) this.show(editor.document);
      }),
    );
  }

  /** Opens the preview of `document` beside it, or points an open one at it. */
  static open(
    extensionUri: vscode.Uri,
    document: vscode.TextDocument,
    live: LiveResults,
    existing: PreviewPanel | undefined,
    onDispose: () => void,
  ): PreviewPanel {
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      existing.show(document);
      return existing;
    }
    const assets = vscode.Uri.joinPath(extensionUri, "dist", "webview");
    const panel = vscode.window.createWebviewPanel(
      PreviewPanel.viewType,
      titleOf(document),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [assets] },
    );
    panel.webview.html = previewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(assets, "preview.js")).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(assets, "preview.css")).toString(),
      title: titleOf(document),
    });
    const preview = new PreviewPanel(panel, document, live, onDispose);
    preview.show(document);
    return preview;
  }

  /** The document shown. */
  get documentUri(): vscode.Uri {
    return this.document.uri;
  }

  private show(document: vscode.TextDocument): void {
    this.document = document;
    this.panel.title = titleOf(document);
    this.live.refresh(document);
    this.post();
  }

  private post(): void {
    const message: ToWebview = {
      type: "model",
      seq: ++this.seq,
      model: previewModel(basename(this.document.uri.path), this.live.get(this.document.uri)),
    };
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

function titleOf(document: vscode.TextDocument): string {
  return `Preview ${basename(document.uri.path)}`;
}
