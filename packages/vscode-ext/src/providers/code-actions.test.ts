import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type * as vscode from "vscode";
import { RuleChecker } from "../rule-checker.ts";
import { applyEdits, fakeDocument } from "../testing/fake-document.ts";
import { type CodeAction, shownDiagnostics, type WorkspaceEdit } from "../testing/fake-vscode.ts";
import { RuleCodeActions } from "./code-actions.ts";

const fixture = (name: string) =>
  readFileSync(
    new URL(`../../../core/src/rules/fixtures/${name}.tiers.yaml`, import.meta.url),
    "utf8",
  );

/** The quick fixes offered for every diagnostic shown, and the text each one leaves. */
async function fixesFor(text: string) {
  const document = fakeDocument(text);
  const checker = new RuleChecker(async () => ({}));
  await checker.check(document);
  const diagnostics = (shownDiagnostics.get(document.uri.toString()) ?? []) as vscode.Diagnostic[];
  const actions = (await new RuleCodeActions(checker).provideCodeActions(
    document,
    diagnostics[0]?.range as vscode.Range,
    { diagnostics, only: undefined, triggerKind: 1 } as vscode.CodeActionContext,
  )) as unknown as CodeAction[];
  return actions.map((a) => ({
    title: a.title,
    kind: a.kind?.value,
    code: a.diagnostics?.[0]?.code,
    result: applyEdits(
      document,
      (a.edit as WorkspaceEdit).edits.map((e) => e.edit),
    ),
  }));
}

describe("RuleCodeActions", () => {
  it("offers 'did you mean' for an unknown name", async () => {
    const text = fixture("unknown-identifier");
    const [fix] = await fixesFor(text);
    expect(fix).toMatchObject({
      title: "Change to 'monetary'",
      kind: "quickfix",
      code: "unknown-identifier",
    });
    expect(fix?.result).toBe(text.replace("monetory", "monetary"));
  });

  it("adds a default tier to a dimension without one", async () => {
    const [fix] = await fixesFor(fixture("no-default-tier"));
    expect(fix?.title).toBe("Add a default tier");
    expect(fix?.result).toMatch(/ {6}- id: other\n {8}default: true\n/);
  });

  it("removes an unreachable tier, its whole list item", async () => {
    const text = fixture("unreachable-tier");
    const fixes = await fixesFor(text);
    expect(fixes.map((f) => f.title)).toEqual(["Remove tier 'dozing'", "Remove tier 'vip'"]);
    expect(fixes[0]?.result).toBe(
      text.replace("      - id: dozing\n        when: recency_days between 10 and 80\n", ""),
    );
  });
});
