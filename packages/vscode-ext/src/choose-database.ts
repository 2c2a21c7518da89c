import * as vscode from "vscode";

/**
 * "Strata: Choose Database…": a database file from disk, or the bundled demo shop. Saves the
 * choice in the `strata.database` setting of the workspace (or of the user with no folder open).
 */
export async function chooseDatabase(): Promise<void> {
  const demo = {
    label: "$(beaker) Demo shop",
    description: "bundled with the extension",
    id: "demo",
  };
  const file = {
    label: "$(folder-opened) Choose a database file…",
    description: "made by strata ingest or strata demo",
    id: "file",
  };
  const picked = await vscode.window.showQuickPick([file, demo], {
    title: "Strata: data for checking and previewing rules",
  });
  if (!picked) return;
  let value = "";
  if (picked.id === "file") {
    const chosen = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: "Use this database",
      filters: { "Strata database": ["db", "sqlite", "sqlite3"], "All files": ["*"] },
    });
    const uri = chosen?.[0];
    if (!uri) return;
    value = uri.fsPath;
  }
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration("strata").update("database", value, target);
}
