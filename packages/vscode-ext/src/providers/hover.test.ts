import { beforeAll, describe, expect, it } from "vitest";
import type { DataService, ReadyData } from "../data/data-service.ts";
import { fakeDocument } from "../testing/fake-document.ts";
import type { Hover } from "../testing/fake-vscode.ts";
import { dataServiceOf, neverLoading, SHOP_AS_OF, smallShop } from "../testing/small-shop.ts";
import { RuleHover } from "./hover.ts";

const TEXT = `version: 1
window: 90d
dimensions:
  value:
    tiers:
      - id: vip
        when: monetary >= 100 and region == "north"
      - id: low
        default: true
  later:
    tiers:
      - id: x
        when: value == "vip" and rfm_segment == "Champions"
      - id: y
        default: true
`;

let shop: ReadyData;
beforeAll(async () => {
  shop = await smallShop();
});

async function hoverAt(needle: string, data: ReadyData | Error | DataService = shop) {
  const document = fakeDocument(TEXT);
  const position = document.positionAt(TEXT.indexOf(needle) + 1);
  const service = data instanceof Error || "session" in data ? dataServiceOf(data) : data;
  return (await new RuleHover(service).provideHover(document, position)) as unknown as
    | Hover
    | undefined;
}

describe("RuleHover", () => {
  it("explains a metric and gives its min, median and max in the data", async () => {
    const hover = await hoverAt("monetary");
    // By hand, within 90 days of 2026-03-31: A 160, B 50, C 0, D 120 → median (50 + 120) / 2.
    expect(hover?.contents.value).toBe(
      [
        "**monetary** · metric · number · currency",
        "",
        "Sum of order amounts in the window.",
        "",
        `In the data (shop\\.db\\, as of ${SHOP_AS_OF.replaceAll("-", "\\-")}\\, window 90d):`,
        "",
        "min **0** · median **85** · max **160**",
        "",
        "4 customers with a value.",
      ].join("\n"),
    );
    const start = TEXT.indexOf("monetary");
    expect(hover?.range?.start.character).toBe(start - TEXT.lastIndexOf("\n", start) - 1);
  });

  it("gives a text attribute's most common values, and counts the missing", async () => {
    const hover = await hoverAt("region");
    expect(hover?.contents.value).toContain("north (2), south (1)");
    expect(hover?.contents.value).toContain("3 customers with a value, 1 missing.");
  });

  it("says what a metric needs, and lists an earlier dimension's tiers", async () => {
    // Not enabled by the file: no values in the data to speak of.
    const rfm = (await hoverAt("rfm_segment"))?.contents.value;
    expect(rfm).toMatch(/\n\nNeeds `rfm: \{ bins: 5 \}` at the top of the file\.$/);
    expect(rfm).not.toContain("In the data");
    expect((await hoverAt("value ==", shop))?.contents.value).toBe(
      "**value** · dimension\n\nTiers: vip, low",
    );
  });

  it("still explains a metric when the data cannot be read", async () => {
    const hover = await hoverAt("monetary", new Error("no data"));
    expect(hover?.contents.value).toBe(
      "**monetary** · metric · number · currency\n\nSum of order amounts in the window.",
    );
  });

  it("explains a metric without waiting long for data still loading", async () => {
    const { data, stop } = neverLoading(10);
    try {
      expect((await hoverAt("monetary", data))?.contents.value).toBe(
        "**monetary** · metric · number · currency\n\nSum of order amounts in the window.",
      );
    } finally {
      stop();
    }
  }, 5000);
});
