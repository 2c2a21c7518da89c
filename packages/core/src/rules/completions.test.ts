import { describe, expect, it } from "vitest";
import { completionsAt } from "./completions.ts";

const FILE = `version: 1
rfm: { bins: 5 }
attributes:
  segment_code: string
dimensions:
  value:
    tiers:
      - id: vip
        when: monetary >= 5000
      - id: low
        default: true
  lifecycle:
    tiers:
      - id: active
        when: ¦
      - id: churned
        default: true
  later:
    tiers:
      - id: any
        default: true
`;

/** Completions where ¦ stands in `text` (the marker is removed). */
function at(text: string, options = {}) {
  const offset = text.indexOf("¦");
  const clean = text.replace("¦", "");
  const result = completionsAt(clean, offset, options);
  return result && { ...result, labels: result.items.map((i) => i.label), text: clean };
}

describe("completionsAt", () => {
  it("offers metrics, attributes from the data and the file, earlier dimensions and keywords", () => {
    const result = at(FILE, { attributes: { region: "string", age: "number" } });
    expect(result?.labels).toEqual(
      expect.arrayContaining(["monetary", "recency_days", "rfm_segment", "region", "age"]),
    );
    expect(result?.labels).toContain("segment_code");
    expect(result?.labels).toContain("value");
    // A dimension cannot use itself or one below it.
    expect(result?.labels).not.toContain("lifecycle");
    expect(result?.labels).not.toContain("later");
    expect(result?.labels).toEqual(expect.arrayContaining(["not", "true", "false"]));
    expect(result?.items.find((i) => i.label === "value")?.detail).toBe("dimension · vip, low");
    expect(result?.items.find((i) => i.label === "recency_days")).toMatchObject({
      kind: "metric",
      detail: "metric · number · days",
    });
  });

  it("replaces the word being typed, and says when a metric needs a setting", () => {
    const text = FILE.replace("rfm: { bins: 5 }\n", "").replace("when: ¦", "when: freq¦ >= 3");
    const result = at(text);
    const offset = result?.text.indexOf("freq") ?? -1;
    expect([result?.from, result?.to]).toEqual([offset, offset + 4]);
    expect(result?.items.find((i) => i.label === "r_score")?.documentation).toMatch(
      /Needs 'rfm: \{ bins: 5 \}'/,
    );
  });

  it("offers the tiers of an earlier dimension after == and inside quotes", () => {
    const quoted = at(FILE.replace("when: ¦", "when: value == ¦"));
    expect(quoted?.items.map((i) => [i.label, i.insertText])).toEqual([
      ["vip", '"vip"'],
      ["low", '"low"'],
    ]);
    const inside = at(FILE.replace("when: ¦", 'when: value in ["vip", "l¦"]'));
    expect(inside?.labels).toEqual(["vip", "low"]);
    const offset = inside?.text.indexOf('"l"') ?? -1;
    expect([inside?.from, inside?.to]).toEqual([offset + 1, offset + 2]);
  });

  it("offers a metric's closed values and a text attribute's values from the data", () => {
    expect(at(FILE.replace("when: ¦", 'when: rfm_segment == "¦'))?.labels).toContain(
      "Can't Lose Them",
    );
    const region = at(FILE.replace("when: ¦", "when: region != ¦"), {
      attributes: { region: "string" },
      attributeValues: (name: string) => (name === "region" ? ["north", "south"] : []),
    });
    expect(region?.items.map((i) => i.insertText)).toEqual(['"north"', '"south"']);
  });

  it("offers operators' keywords after an operand, and missing after is", () => {
    expect(at(FILE.replace("when: ¦", "when: monetary ¦"))?.labels).toEqual([
      "and",
      "or",
      "in",
      "not in",
      "between",
      "is missing",
      "is not missing",
    ]);
    expect(at(FILE.replace("when: ¦", "when: satisfaction is ¦"))?.labels).toEqual([
      "missing",
      "not missing",
    ]);
  });

  it("works in a condition that still has errors, and in the churn alert", () => {
    const broken = at(FILE.replace("when: ¦", 'when: (monetary > 5 and "¦'));
    expect(broken).not.toBeNull();
    const alert = at(
      `${FILE.replace("when: ¦", "when: true")}alerts:\n  churn:\n    when: ¦\n    notify: account_manager\n`,
    );
    expect(alert?.labels).toEqual(expect.arrayContaining(["value", "lifecycle", "later"]));
  });

  it("is null outside conditions", () => {
    expect(at(FILE.replace("when: ¦", "when: true").replace("id: vip", "id: v¦ip"))).toBeNull();
  });
});
