import { describe, expect, it } from "vitest";
import { nameAt } from "./name-at.ts";

const FILE = `version: 1
dimensions:
  value:
    tiers:
      - id: vip
        when: monetary >= 5000 and region == "north"
      - id: low
        default: true
  lifecycle:
    tiers:
      - id: active
        when: value == "vip" or recency_days <= 30 and "unclosed
`;

const offsetOf = (needle: string, plus = 0) => FILE.indexOf(needle) + plus;

describe("nameAt", () => {
  it("finds the metric under the cursor with its file offsets", () => {
    const found = nameAt(FILE, offsetOf("monetary", 3));
    expect(found).toMatchObject({
      name: "monetary",
      from: offsetOf("monetary"),
      to: offsetOf("monetary", 8),
    });
    expect(found?.binding).toMatchObject({ kind: "metric", type: "number" });
  });

  it("knows attributes from the data, and earlier dimensions", () => {
    expect(nameAt(FILE, offsetOf("region"), { attributes: { region: "string" } })?.binding).toEqual(
      { kind: "attribute", type: "string" },
    );
    expect(nameAt(FILE, offsetOf("value =="))?.binding).toMatchObject({
      kind: "dimension",
      tiers: ["vip", "low"],
      usable: true,
    });
  });

  it("reads a condition that does not lex to its end, and finds nothing off a name", () => {
    expect(nameAt(FILE, offsetOf("recency_days", 2))?.name).toBe("recency_days");
    expect(nameAt(FILE, offsetOf(">= 5000", 4))).toBeNull();
    expect(nameAt(FILE, offsetOf("id: vip", 5))).toBeNull();
  });
});
