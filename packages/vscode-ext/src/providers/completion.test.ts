import { beforeAll, describe, expect, it } from "vitest";
import type { DataService, ReadyData } from "../data/data-service.ts";
import { fakeDocument } from "../testing/fake-document.ts";
import { type CompletionItem, CompletionItemKind } from "../testing/fake-vscode.ts";
import { dataServiceOf, neverLoading, smallShop } from "../testing/small-shop.ts";
import { RuleCompletions } from "./completion.ts";

const TEXT = `version: 1
dimensions:
  value:
    tiers:
      - id: vip
        when: monetary >= 5000
      - id: low
        default: true
  focus:
    tiers:
      - id: north_vip
        when: ¦
      - id: rest
        default: true
`;

let shop: ReadyData;
beforeAll(async () => {
  shop = await smallShop();
});

async function complete(text: string, data: DataService = dataServiceOf(shop)) {
  const offset = text.indexOf("¦");
  const document = fakeDocument(text.replace("¦", ""));
  const items = (await new RuleCompletions(data).provideCompletionItems(
    document,
    document.positionAt(offset),
  )) as unknown as CompletionItem[];
  const label = (i: CompletionItem) => (typeof i.label === "string" ? i.label : i.label.label);
  return { items, label, document };
}

describe("RuleCompletions", () => {
  it("offers metrics, the data's attributes and earlier dimensions with their kinds, in core's order", async () => {
    const { items, label } = await complete(TEXT);
    const byLabel = new Map(items.map((i) => [label(i), i]));
    expect(byLabel.get("monetary")?.kind).toBe(CompletionItemKind.Field);
    expect(byLabel.get("region")).toMatchObject({
      kind: CompletionItemKind.Property,
      detail: "customer attribute · string",
    });
    expect(byLabel.get("value")?.kind).toBe(CompletionItemKind.Enum);
    expect(byLabel.get("not")?.kind).toBe(CompletionItemKind.Keyword);
    expect(items.map((i) => i.sortText)).toEqual([...items.map((i) => i.sortText)].sort());
  });

  it("offers the data's values of a text attribute, quoted, replacing nothing yet", async () => {
    const { items, label, document } = await complete(TEXT.replace("when: ¦", "when: region == ¦"));
    // North has two customers, south one: the most common comes first.
    expect(items.map((i) => [label(i), i.insertText, i.kind])).toEqual([
      ["north", '"north"', CompletionItemKind.Value],
      ["south", '"south"', CompletionItemKind.Value],
    ]);
    const at = document.positionAt(document.getText().indexOf("== ") + 3);
    expect(items[0]?.range?.start).toEqual(at);
    expect(items[0]?.range?.end).toEqual(at);
  });

  it("offers a dimension's tiers inside quotes", async () => {
    const { items, label } = await complete(TEXT.replace("when: ¦", 'when: value == "v¦"'));
    expect(items.map(label)).toEqual(["vip", "low"]);
    expect(items[0]?.kind).toBe(CompletionItemKind.EnumMember);
  });

  it("offers nothing outside conditions", async () => {
    const { items } = await complete(
      TEXT.replace("when: ¦", "when: true").replace("id: vip", "id: ¦vip"),
    );
    expect(items).toEqual([]);
  });

  it("offers metrics and keywords without waiting long for data still loading", async () => {
    const { data, stop } = neverLoading(10);
    try {
      const { items, label } = await complete(TEXT, data);
      expect(items.map(label)).toContain("monetary");
      expect(items.map(label)).toContain("not");
      expect(items.map(label)).not.toContain("region");
    } finally {
      stop();
    }
  }, 5000);
});
