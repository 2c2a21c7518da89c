import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DIAGNOSTIC_CODES } from "./diagnostic.ts";
import { validateRuleText } from "./validate.ts";

const seeds = [
  ...readdirSync(join(import.meta.dirname, "../../examples")).map((f) =>
    readFileSync(join(import.meta.dirname, "../../examples", f), "utf8"),
  ),
  ...readdirSync(join(import.meta.dirname, "fixtures")).map((f) =>
    readFileSync(join(import.meta.dirname, "fixtures", f), "utf8"),
  ),
];

const FRAGMENTS = [
  ":",
  "- ",
  "  ",
  "\n",
  "\t",
  '"',
  "'",
  "[",
  "]",
  "{",
  "}",
  ",",
  "#",
  "&a ",
  "*a",
  "!!str ",
  "|",
  ">",
  "when: ",
  "default: true",
  "id: x",
  "tiers:",
  "dimensions:",
  "version: 1",
  "churn: ",
  " and ",
  " or ",
  " not ",
  " in ",
  " between ",
  " is missing",
  ">=",
  "<",
  "==",
  "(",
  ")",
  "/",
  "-",
  "monetary",
  "frequency",
  "value",
  "rfm_segment",
  "1e309",
  "0",
  "-3.5",
  '"vip"',
  "\u00e9",
  "\u{1F600}",
];

const files = seeds.map((text) => fc.constant(text));

/** Random edits of real files: deletions, insertions of YAML and expression fragments, swaps. */
const mutated = fc
  .tuple(
    fc.oneof(...files),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })),
        fc.integer({ min: 0, max: 3 }),
        fc.nat({ max: 20 }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [position, fragment, kind, length] of edits) {
      const at = out.length === 0 ? 0 : position % out.length;
      if (kind === 0) out = out.slice(0, at) + fragment + out.slice(at);
      else if (kind === 1) out = out.slice(0, at) + out.slice(at + length);
      else if (kind === 2) out = out.slice(0, at) + fragment + out.slice(at + length);
      else {
        const lines = out.split("\n");
        const i = at % Math.max(1, lines.length);
        lines.splice(i, 0, lines[(i + length) % lines.length] ?? "");
        out = lines.join("\n");
      }
    }
    return out;
  });

/** Structurally random YAML: any JSON-like value, sometimes under a plausible skeleton. */
const structured = fc
  .tuple(fc.jsonValue({ maxDepth: 5 }), fc.boolean())
  .map(([value, wrap]) =>
    stringify(
      wrap ? { version: 1, dimensions: { value: { tiers: [value] }, other: value } } : value,
    ),
  );

function checkInvariants(text: string): void {
  const { diagnostics } = validateRuleText(text);
  for (const d of diagnostics) {
    expect(Object.keys(DIAGNOSTIC_CODES)).toContain(d.code);
    expect(["error", "warning"]).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
    expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
    expect(d.range.start.line).toBeGreaterThanOrEqual(1);
  }
}

describe("the validator never crashes: diagnostics, not exceptions", () => {
  it("mutated example and fixture files (6,000 cases)", () => {
    fc.assert(fc.property(mutated, checkInvariants), { numRuns: 6000 });
  });

  it("random YAML structures (2,500 cases)", () => {
    fc.assert(fc.property(structured, checkInvariants), { numRuns: 2500 });
  });

  it("random text (2,000 cases)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })),
        checkInvariants,
      ),
      { numRuns: 2000 },
    );
  });

  it("pathological input: deep nesting, alias bombs, huge numbers", () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    for (const text of [
      bomb,
      "[".repeat(5000),
      `version: 1\ndimensions:\n  v:\n    tiers:\n      - id: a\n        when: ${"(".repeat(2000)}x${")".repeat(2000)}\n`,
      "version: 1e999999",
    ]) {
      checkInvariants(text);
    }
  });
});
