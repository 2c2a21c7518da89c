import { describe, expect, it } from "vitest";
import { activate } from "./extension.ts";
import { registered, Uri } from "./testing/fake-vscode.ts";

describe("activate", () => {
  it("registers every provider and command", () => {
    const context = { subscriptions: [] as unknown[], extensionUri: Uri.file("/ext") };
    activate(context as never);
    expect(registered).toEqual([
      "code actions",
      "completion",
      "hover",
      "code lens",
      "formatting",
      "command strata.openPreviewToSide",
      "command strata.chooseDatabase",
    ]);
    expect(context.subscriptions.length).toBeGreaterThan(10);
  });
});
