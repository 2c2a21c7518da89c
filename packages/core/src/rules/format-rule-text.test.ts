import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExpression } from "../expression/parser.ts";
import { formatCondition, formatRuleText } from "./format-rule-text.ts";

describe("formatRuleText", () => {
  it("leaves well-laid-out files exactly as they are", () => {
    for (const name of ["retail", "rfm", "b2b"]) {
      const text = readFileSync(
        new URL(`../../examples/${name}.tiers.yaml`, import.meta.url),
        "utf8",
      );
      expect(formatRuleText(text)).toBe(text);
    }
  });

  it("re-indents, spaces conditions and keeps every comment", () => {
    const messy = [
      "# Tiers for the shop",
      "version:   1",
      'name: "Messy"   # quoted stays quoted',
      "rfm: {bins: 5}",
      "dimensions:",
      "    value:",
      "        tiers:",
      "        -   id: vip     # the best",
      "            when: monetary>=5000   and(frequency >= -2 or region in ['a','b'])",
      "",
      "",
      "        -   id: low",
      '            when: "monetary>=1"',
      "        -   id: rest",
      "            default: true",
      "",
    ].join("\n");
    expect(formatRuleText(messy)).toBe(
      [
        "# Tiers for the shop",
        "version: 1",
        'name: "Messy" # quoted stays quoted',
        "rfm: { bins: 5 }",
        "dimensions:",
        "  value:",
        "    tiers:",
        "      - id: vip # the best",
        "        when: monetary >= 5000 and (frequency >= -2 or region in ['a', 'b'])",
        "",
        "      - id: low",
        '        when: "monetary>=1"',
        "      - id: rest",
        "        default: true",
        "",
      ].join("\n"),
    );
  });

  it("changes nothing in text that is not YAML", () => {
    expect(formatRuleText("version: 1\ndimensions: [\n")).toBeNull();
  });
});

describe("formatCondition", () => {
  it.each([
    ["a-1", "a - 1"],
    ["-a*-(b+2)", "-a * -(b + 2)"],
    ["x  between 1  and(2)", "x between 1 and (2)"],
    ["not(a>1)", "not (a > 1)"],
    ['v  in  [ "x" ,"y" ]', 'v in ["x", "y"]'],
    ["s is  not   missing", "s is not missing"],
  ])("%s → %s, meaning the same", (source, expected) => {
    const formatted = formatCondition(source);
    expect(formatted).toBe(expected);
    const strip = (e: unknown) => JSON.stringify(e, (k, v) => (k.endsWith("pan") ? undefined : v));
    expect(strip(parseExpression(formatted))).toBe(strip(parseExpression(source)));
  });

  it("leaves a condition it cannot read as it is", () => {
    expect(formatCondition('a == "open')).toBe('a == "open');
  });
});
