import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "./diagnostic.ts";
import { validateRuleText } from "./validate.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const examples = join(import.meta.dirname, "../../examples");

/** Each fixture ends with `# expect: L:C-L:C severity code` lines, written by hand. */
function expectations(text: string): string[] {
  return [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => (m[1] ?? "").trim()).sort();
}

function actual(text: string): string[] {
  return validateRuleText(text)
    .diagnostics.map(
      (d) =>
        `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.severity} ${d.code}`,
    )
    .sort();
}

describe("fixtures: each broken file gets exactly its expected diagnostics", () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".tiers.yaml"));
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(fixtures, file), "utf8");
      const expected = expectations(text);
      expect(expected.length).toBeGreaterThan(0);
      expect(actual(text)).toEqual(expected);
    });
  }

  it("cover every diagnostic code", () => {
    const seen = new Set(
      files.flatMap((f) =>
        expectations(readFileSync(join(fixtures, f), "utf8")).map((e) => e.split(" ")[2]),
      ),
    );
    expect([...Object.keys(DIAGNOSTIC_CODES)].filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe("examples", () => {
  for (const file of readdirSync(examples).filter((f) => f.endsWith(".tiers.yaml"))) {
    it(`${file} validates clean`, () => {
      const { diagnostics, file: model } = validateRuleText(
        readFileSync(join(examples, file), "utf8"),
      );
      expect(diagnostics).toEqual([]);
      expect(model?.dimensions.length).toBeGreaterThan(0);
    });
  }
});

describe("messages an analyst can act on", () => {
  const base = (when: string) =>
    `version: 1\ndimensions:\n  value:\n    tiers:\n      - id: a\n        when: ${when}\n      - id: b\n        default: true\n`;

  it("suggests the metric meant, with a fix replacing exactly the name", () => {
    const [d] = validateRuleText(base("monetory >= 1000")).diagnostics;
    expect(d?.message).toBe("unknown name 'monetory': did you mean 'monetary'?");
    expect(d?.fixes?.[0]?.newText).toBe("monetary");
    expect(d?.fixes?.[0]?.range.start.column).toBe(15);
  });

  it("explains a text/number comparison", () => {
    const text = base("region > 5").replace(
      "dimensions:",
      "attributes:\n  region: string\ndimensions:",
    );
    const [d] = validateRuleText(text).diagnostics;
    expect(d?.message).toContain("'>' compares numbers, but region is text");
  });

  it("accepts attributes supplied by the caller (from the data)", () => {
    expect(validateRuleText(base('region == "north"')).ok).toBe(false);
    expect(
      validateRuleText(base('region == "north"'), { attributes: { region: "string" } }).ok,
    ).toBe(true);
  });

  it("names the shadowing tier and relates the diagnostic to it", () => {
    const text = `version: 1\ndimensions:\n  value:\n    tiers:\n      - id: high\n        when: monetary >= 1000\n      - id: vip\n        when: monetary >= 5000\n      - id: low\n        default: true\n`;
    const [d] = validateRuleText(text).diagnostics;
    expect(d?.message).toBe(
      "tier 'vip' can never match: 'high' above takes every customer it would",
    );
    expect(d?.related?.[0]?.range.start.line).toBe(6);
    expect(d?.fixes?.[0]?.range.start.line).toBe(7);
    expect(d?.fixes?.[0]?.range.end.line).toBe(9);
  });

  it("offers a default tier that makes the warning go away", () => {
    const text =
      "version: 1\ndimensions:\n  value:\n    tiers:\n      - id: high\n        when: monetary >= 1000\n";
    const [d] = validateRuleText(text).diagnostics;
    const fix = d?.fixes?.[0];
    expect(fix).toBeDefined();
    if (!fix) return;
    const fixed =
      text.slice(0, fix.range.start.offset) + fix.newText + text.slice(fix.range.end.offset);
    expect(validateRuleText(fixed).diagnostics).toEqual([]);
  });

  const applyFix = (text: string, code: string) => {
    const fix = validateRuleText(text).diagnostics.find((d) => d.code === code)?.fixes?.[0];
    if (!fix) throw new Error(`no fix for ${code}`);
    return text.slice(0, fix.range.start.offset) + fix.newText + text.slice(fix.range.end.offset);
  };

  it("adds the default tier inside a flow list, as YAML that still parses", () => {
    const text =
      'version: 1\ndimensions:\n  value:\n    tiers: [{ id: high, when: "monetary >= 1000" }]\n';
    const fixed = applyFix(text, "no-default-tier");
    expect(fixed).toBe(
      'version: 1\ndimensions:\n  value:\n    tiers: [{ id: high, when: "monetary >= 1000" }, { id: other, default: true }]\n',
    );
    expect(validateRuleText(fixed).diagnostics).toEqual([]);
  });

  it("removes an unreachable tier from a flow list, comma and all", () => {
    const tiers = (items: string[]) =>
      `version: 1\ndimensions:\n  value:\n    tiers: [${items.join(", ")}]\n  other:\n    tiers:\n      - id: x\n        default: true\n`;
    const high = '{ id: high, when: "monetary >= 1000" }';
    const vip = '{ id: vip, when: "monetary >= 5000" }';
    const low = "{ id: low, default: true }";
    expect(applyFix(tiers([high, vip, low]), "unreachable-tier")).toBe(tiers([high, low]));
    // The last tier too (shadowed by the default above it).
    const last = '{ id: late, when: "frequency > 1" }';
    expect(applyFix(tiers([high, low, last]), "unreachable-tier")).toBe(tiers([high, low]));
  });
});
