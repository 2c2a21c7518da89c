import type * as vscode from "vscode";

/** The language id of `*.tiers.yaml` files. */
export const LANGUAGE_ID = "strata-tiers";

/** Where the providers apply: rule files on disk and unsaved ones. */
export const RULE_FILES: vscode.DocumentSelector = [
  { language: LANGUAGE_ID, scheme: "file" },
  { language: LANGUAGE_ID, scheme: "untitled" },
  { language: LANGUAGE_ID, scheme: "vscode-remote" },
];

export function isRuleDocument(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}
