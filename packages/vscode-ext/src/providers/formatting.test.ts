import { describe, expect, it } from "vitest";
import { applyEdits, fakeDocument } from "../testing/fake-document.ts";
import type { TextEdit } from "../testing/fake-vscode.ts";
import { RuleFormatter } from "./formatting.ts";

describe("RuleFormatter", () => {
  it("replaces the whole text with core's layout, keeping comments", () => {
    const document = fakeDocument(
      "version:  1 # v\ndimensions:\n    d:\n        tiers:\n        -   id: a\n            when: monetary>1\n",
    );
    const edits = new RuleFormatter().provideDocumentFormattingEdits(
      document,
    ) as unknown as TextEdit[];
    expect(edits).toHaveLength(1);
    expect(applyEdits(document, edits)).toBe(
      "version: 1 # v\ndimensions:\n  d:\n    tiers:\n      - id: a\n        when: monetary > 1\n",
    );
  });

  it("changes nothing in a formatted file or one that is not YAML", () => {
    const formatter = new RuleFormatter();
    expect(formatter.provideDocumentFormattingEdits(fakeDocument("version: 1\n"))).toEqual([]);
    expect(formatter.provideDocumentFormattingEdits(fakeDocument("version: [1\n"))).toEqual([]);
  });
});
