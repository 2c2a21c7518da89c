import { describe, expect, it } from "vitest";
import { chooseDatabase } from "./choose-database.ts";
import {
  answers,
  ConfigurationTarget,
  settings,
  settingTargets,
  Uri,
  workspace,
} from "./testing/fake-vscode.ts";

describe("Strata: Choose Database…", () => {
  it("saves the chosen file in the workspace's strata.database", async () => {
    workspace.workspaceFolders = [{ uri: Uri.file("/work") }];
    answers.quickPick = (items) => items.find((i) => i.id === "file");
    answers.openDialog = () => [Uri.file("/data/shop.db")];
    await chooseDatabase();
    expect(settings.get("strata.database")).toBe("/data/shop.db");
    expect(settingTargets.get("strata.database")).toBe(ConfigurationTarget.Workspace);
  });

  it("goes back to the demo shop, in the user's settings with no folder open", async () => {
    workspace.workspaceFolders = undefined;
    answers.quickPick = (items) => items.find((i) => i.id === "demo");
    await chooseDatabase();
    expect(settings.get("strata.database")).toBe("");
    expect(settingTargets.get("strata.database")).toBe(ConfigurationTarget.Global);
  });

  it("changes nothing when the dialog is cancelled", async () => {
    settings.set("strata.database", "/data/kept.db");
    answers.quickPick = (items) => items.find((i) => i.id === "file");
    answers.openDialog = () => undefined;
    await chooseDatabase();
    expect(settings.get("strata.database")).toBe("/data/kept.db");
  });
});
