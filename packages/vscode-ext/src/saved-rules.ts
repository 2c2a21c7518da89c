import * as vscode from "vscode";

/** The saved version of a rule file's text, for "what this edit changes". */
export type SavedText =
  | { kind: "text"; text: string; same: boolean }
  | { kind: "none"; why: string };

/**
 * The text of a rule file as saved on disk: the document's own text when it has no unsaved
 * changes, else the file read from disk.
 */
export async function savedText(document: vscode.TextDocument): Promise<SavedText> {
  if (document.isUntitled) return { kind: "none", why: "the file has never been saved" };
  if (!document.isDirty) return { kind: "text", text: document.getText(), same: true };
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    return { kind: "text", text, same: text === document.getText() };
  } catch {
    return { kind: "none", why: "the saved file cannot be read" };
  }
}
