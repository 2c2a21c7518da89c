/**
 * The integration suite: runs inside a real VS Code's extension host (see run.ts) against the
 * built extension, through VS Code's own API and the `vscode.execute…Provider` commands.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";

const workspace = path.join(__dirname, "..", "test-integration", "workspace");

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tests: Array<[string, () => Promise<void>]> = [];
const test = (name: string, body: () => Promise<void>) => tests.push([name, body]);

test("a *.tiers.yaml file gets the language and the validator's diagnostics", async () => {
  const uri = vscode.Uri.file(path.join(workspace, "shop.tiers.yaml"));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, "strata-tiers");
  const diagnostics = await until("diagnostics", () => {
    const found = vscode.languages.getDiagnostics(uri);
    return found.length >= 2 ? found : undefined;
  });
  assert.deepEqual(
    diagnostics.map((d) => [
      d.code,
      d.range.start.line + 1,
      d.range.start.character + 1,
      d.severity,
    ]),
    [
      ["unknown-identifier", 7, 15, vscode.DiagnosticSeverity.Error],
      ["unreachable-tier", 17, 15, vscode.DiagnosticSeverity.Warning],
    ],
  );
  assert.equal(diagnostics[1]?.relatedInformation?.[0]?.location.range.start.line, 14);
});

test("quick fixes, completion, hover, lenses and formatting answer through VS Code", async () => {
  const uri = vscode.Uri.file(path.join(workspace, "shop.tiers.yaml"));
  const document = await vscode.workspace.openTextDocument(uri);
  const typo = new vscode.Range(6, 14, 6, 22);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    "vscode.executeCodeActionProvider",
    uri,
    typo,
  );
  assert.ok(actions.some((a) => a.title === "Change to 'monetary'"));

  const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
    "vscode.executeCompletionItemProvider",
    uri,
    new vscode.Position(8, 14),
  );
  const labels = completions.items.map((i) =>
    typeof i.label === "string" ? i.label : i.label.label,
  );
  assert.ok(labels.includes("recency_days") && labels.includes("region"), labels.join(", "));

  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    "vscode.executeHoverProvider",
    uri,
    new vscode.Position(8, 16),
  );
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value)));
  assert.match(text.join("\n"), /Sum of order amounts in the window[\s\S]*median/);

  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, typo, "monetary");
  await vscode.workspace.applyEdit(edit);
  const lenses = await until("code lenses with counts", async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      "vscode.executeCodeLensProvider",
      uri,
      100,
    );
    return found.length > 0 && found.every((l) => l.command?.title) ? found : undefined;
  });
  assert.match(
    lenses[0]?.command?.title ?? "",
    /^[\d,]+ customers · [\d.]+% · [\d.]+% of revenue$/,
  );

  const formatting = await vscode.commands.executeCommand<vscode.TextEdit[]>(
    "vscode.executeFormatDocumentProvider",
    uri,
    { tabSize: 2, insertSpaces: true },
  );
  assert.deepEqual(formatting ?? [], [], "the fixture is already formatted");
  await vscode.commands.executeCommand("workbench.action.files.revert");
  assert.match(document.getText(), /monetory/);
});

test("the preview opens beside the editor", async () => {
  await vscode.commands.executeCommand("strata.openPreviewToSide");
  await until("the preview tab", () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find(
        (t) =>
          t.input instanceof vscode.TabInputWebview &&
          t.label.startsWith("Preview shop.tiers.yaml"),
      ),
  );
});

/** Entry point VS Code calls with --extensionTestsPath. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, body] of tests) {
    try {
      await body();
      console.log(`  ✓ ${name}`);
    } catch (error) {
      console.log(`  ✗ ${name}\n    ${error instanceof Error ? error.stack : String(error)}`);
      failures.push(name);
    }
  }
  console.log(`${tests.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} integration test(s) failed`);
}
