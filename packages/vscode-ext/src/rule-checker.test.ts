import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type * as vscode from "vscode";
import { RuleChecker } from "./rule-checker.ts";
import { fakeDocument } from "./testing/fake-document.ts";
import { DiagnosticSeverity, DiagnosticTag, shownDiagnostics } from "./testing/fake-vscode.ts";

const fixture = (name: string) =>
  readFileSync(
    new URL(`../../core/src/rules/fixtures/${name}.tiers.yaml`, import.meta.url),
    "utf8",
  );

function shown(document: vscode.TextDocument) {
  return (shownDiagnostics.get(document.uri.toString()) ?? []) as vscode.Diagnostic[];
}

describe("RuleChecker", () => {
  it("shows each problem with its code and a 0-based range, and the shadowing tiers as related places", async () => {
    const document = fakeDocument(fixture("unreachable-tier"), {
      path: "/w/unreachable.tiers.yaml",
    });
    await new RuleChecker(async () => ({})).check(document);
    // The fixture's own expectations, 1-based: 10:15-10:45 and 18:15-18:51, both warnings.
    expect(
      shown(document).map((d) => [
        d.code,
        d.severity,
        [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      ]),
    ).toEqual([
      ["unreachable-tier", DiagnosticSeverity.Warning, [9, 14, 9, 44]],
      ["unreachable-tier", DiagnosticSeverity.Warning, [17, 14, 17, 50]],
    ]);
    const [first] = shown(document);
    expect(first?.source).toBe("strata");
    expect(first?.tags).toEqual([DiagnosticTag.Unnecessary]);
    expect(first?.relatedInformation?.map((r) => [r.location.range.start.line, r.message])).toEqual(
      [
        [5, "tier 'active' comes first"],
        [7, "tier 'silent' comes first"],
      ],
    );
    expect(first?.relatedInformation?.[0]?.location.uri).toBe(document.uri);
  });

  it("knows the data's attributes as names, so a data column is no error", async () => {
    const text =
      'version: 1\ndimensions:\n  r:\n    tiers:\n      - id: n\n        when: region == "north"\n      - id: o\n        default: true\n';
    const document = fakeDocument(text);
    await new RuleChecker(async () => ({})).check(document);
    expect(shown(document).map((d) => d.code)).toEqual(["unknown-identifier"]);
    await new RuleChecker(async () => ({ region: "string" })).check(document);
    expect(shown(document)).toEqual([]);
  });

  it("keeps results only for the version it checked", async () => {
    const checker = new RuleChecker(async () => ({}));
    const document = fakeDocument(fixture("no-default-tier"), { version: 3 });
    const checked = await checker.check(document);
    expect(checker.latest(document)).toBe(checked);
    expect(
      checker.latest(fakeDocument(fixture("no-default-tier"), { version: 4 })),
    ).toBeUndefined();
  });

  it("checks once after typing pauses", async () => {
    const seen: number[] = [];
    const checker = new RuleChecker(async () => ({}), 20);
    checker.onDidCheck((c) => seen.push(c.version));
    for (const version of [1, 2, 3])
      checker.schedule(fakeDocument(fixture("no-default-tier"), { version }));
    await vi.waitFor(() => expect(seen).not.toEqual([]));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([3]);
  });

  it("leaves alone a rule file's other versions (git, diff views)", async () => {
    const seen: string[] = [];
    const checker = new RuleChecker(async () => ({}), 0);
    checker.onDidCheck((c) => seen.push(c.document.uri.scheme));
    checker.schedule(fakeDocument(fixture("no-default-tier"), { scheme: "git" }));
    checker.schedule(fakeDocument(fixture("no-default-tier"), { scheme: "untitled" }));
    await vi.waitFor(() => expect(seen).toEqual(["untitled"]));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(["untitled"]);
  });
});
