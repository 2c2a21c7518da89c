import * as vscode from "vscode";

/** The language id of `*.tiers.yaml` files. */
export const LANGUAGE_ID = "strata-tiers";

/** Where the providers apply: rule files on disk and unsaved ones. */
export const RULE_FILES: vscode.DocumentSelector = [
  { language: LANGUAGE_ID, scheme: "file" },
  { language: LANGUAGE_ID, scheme: "untitled" },
  { language: LANGUAGE_ID, scheme: "vscode-remote" },
];

/**
 * Whether `document` is a rule file the extension works on: not only the language, also the
 * scheme (a `git:` or diff view of a rule file is left alone).
 */
export function isRuleDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(RULE_FILES, document) > 0;
}
