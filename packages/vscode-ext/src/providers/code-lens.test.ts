import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ReadyData } from "../data/data-service.ts";
import { LiveResults } from "../live-results.ts";
import { RuleChecker } from "../rule-checker.ts";
import { fakeDocument } from "../testing/fake-document.ts";
import type { CodeLens } from "../testing/fake-vscode.ts";
import { dataServiceOf, smallShop } from "../testing/small-shop.ts";
import { TierCodeLenses } from "./code-lens.ts";

const RULES = `version: 1
window: 90d
dimensions:
  value:
    tiers:
      - id: high
        when: monetary >= 100
      - id: low
        default: true
`;

let shop: ReadyData;
beforeAll(async () => {
  shop = await smallShop();
});

describe("TierCodeLenses", () => {
  it("puts each tier's customers and shares above it, once evaluated", async () => {
    const checker = new RuleChecker(async () => ({}), 0);
    const live = new LiveResults(checker, dataServiceOf(shop), () => true);
    const lenses = new TierCodeLenses(checker, live);
    const document = fakeDocument(RULES);
    expect(lenses.provideCodeLenses(document)).toEqual([]);
    const changed = new Promise<void>((resolve) => {
      lenses.onDidChangeCodeLenses(() => {
        if (live.get(document.uri)?.kind === "ready") resolve();
      });
    });
    await checker.check(document);
    await changed;
    const shown = lenses.provideCodeLenses(document) as unknown as CodeLens[];
    // By hand: high A (160) and D (120) of 4 customers, 280 of 330 revenue; low B and C.
    expect(shown.map((l) => [l.range.start.line, l.command?.title])).toEqual([
      [5, "2 customers · 50.0% · 84.8% of revenue"],
      [7, "2 customers · 50.0% · 15.2% of revenue"],
    ]);
    expect(shown[0]?.command).toMatchObject({
      command: "strata.openPreviewToSide",
      arguments: [document.uri],
    });
  });

  it("says 1 customer, not 1 customers", async () => {
    const checker = new RuleChecker(async () => ({}), 0);
    const live = new LiveResults(checker, dataServiceOf(shop), () => true);
    const lenses = new TierCodeLenses(checker, live);
    const document = fakeDocument(RULES.replace("monetary >= 100", "monetary >= 150"));
    await checker.check(document);
    await vi.waitFor(() => expect(live.get(document.uri)?.kind).toBe("ready"));
    // By hand: high only A (160 of 330); low B, C and D (170).
    expect(
      (lenses.provideCodeLenses(document) as unknown as CodeLens[]).map((l) => l.command?.title),
    ).toEqual(["1 customer · 25.0% · 48.5% of revenue", "3 customers · 75.0% · 51.5% of revenue"]);
  });
});
