import { type SavedRules, type ValueType, validateRuleText } from "@strata/core/portable";
import * as vscode from "vscode";

/** The saved version of a rule file, for "what this edit changes". */
export type Saved =
  | { kind: "rules"; rules: SavedRules; same: boolean }
  | { kind: "none"; why: string };

/**
 * Reads the version of each rule file that is saved on disk (the document itself when it has
 * no unsaved changes), validated and kept per text so each refresh costs nothing.
 */
export class SavedRuleFiles {
  private readonly cache = new Map<string, { text: string; saved: Saved }>();

  async get(document: vscode.TextDocument, attributes: Record<string, ValueType>): Promise<Saved> {
    if (document.isUntitled) return { kind: "none", why: "the file has never been saved" };
    let text: string;
    if (!document.isDirty) text = document.getText();
    else {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
      } catch {
        return { kind: "none", why: "the saved file cannot be read" };
      }
    }
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    let saved = hit?.text === text ? hit.saved : undefined;
    if (!saved) {
      const { file, ok } = validateRuleText(text, { attributes });
      saved =
        file && ok
          ? { kind: "rules", rules: { file, text }, same: false }
          : { kind: "none", why: "the saved file has errors" };
      this.cache.set(key, { text, saved });
    }
    return saved.kind === "rules" ? { ...saved, same: text === document.getText() } : saved;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}
