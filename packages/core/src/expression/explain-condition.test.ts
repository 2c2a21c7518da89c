import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileJs, type Row } from "./compile-js.ts";
import {
  type ConditionExplanation,
  explainCondition,
  failingConditions,
  formatCondition,
} from "./explain-condition.ts";
import { parseExpression } from "./parser.ts";

const explain = (source: string, row: Row) =>
  explainCondition(parseExpression(source), source, row);
const lines = (source: string, row: Row) => formatCondition(explain(source, row));
const failing = (source: string, row: Row) =>
  failingConditions(explain(source, row)).map((p) => ({ text: p.text, gap: p.gap }));

describe("explainCondition", () => {
  it("gives the tree with texts, spans, results and values", () => {
    const source = "monetary >= 50000 and frequency >= 20";
    expect(explain(source, { monetary: 58200, frequency: 12 })).toMatchObject({
      kind: "and",
      text: source,
      result: false,
      target: true,
      children: [
        {
          kind: "predicate",
          text: "monetary >= 50000",
          span: { start: 0, end: 17 },
          result: true,
          values: [{ name: "monetary", value: 58200 }],
          gap: null,
        },
        {
          kind: "predicate",
          text: "frequency >= 20",
          span: { start: 22, end: 37 },
          result: false,
          values: [{ name: "frequency", value: 12 }],
          gap: { kind: "short", amount: 8, strict: false },
        },
      ],
    });
  });

  it("flattens chains of the same operator and lists each identifier once", () => {
    const e = explain("a >= 1 and b >= 1 and (c >= 1 and a <= 5)", { a: 2, b: 0, c: 1 });
    expect(e.kind === "and" && e.children.map((c) => c.text)).toEqual([
      "a >= 1",
      "b >= 1",
      "c >= 1",
      "a <= 5",
    ]);
    const between = explain("x between x - 1 and y", { x: 3 });
    expect(between.kind === "predicate" && between.values).toEqual([
      { name: "x", value: 3 },
      { name: "y", value: null },
    ]);
  });

  it("measures how far a number is from each kind of comparison", () => {
    expect(failing("monetary >= 10000", { monetary: 8200 })).toEqual([
      { text: "monetary >= 10000", gap: { kind: "short", amount: 1800, strict: false } },
    ]);
    expect(failing("recency_days <= 30", { recency_days: 45 })[0]?.gap).toEqual({
      kind: "over",
      amount: 15,
      strict: false,
    });
    expect(failing("r_score > 3", { r_score: 3 })[0]?.gap).toEqual({
      kind: "short",
      amount: 0,
      strict: true,
    });
    expect(failing("x < 2.5", { x: 4 })[0]?.gap).toEqual({
      kind: "over",
      amount: 1.5,
      strict: true,
    });
    expect(failing("x == 5", { x: 7 })[0]?.gap).toEqual({ kind: "over", amount: 2, strict: false });
    expect(failing("10000 <= monetary", { monetary: 8200 })[0]?.gap).toEqual({
      kind: "short",
      amount: 1800,
      strict: false,
    });
    expect(failing("x between 10 and 20", { x: 4 })[0]?.gap).toEqual({
      kind: "short",
      amount: 6,
      strict: false,
    });
    expect(
      failing("monetary / frequency >= 100", { monetary: 900, frequency: 10 })[0]?.gap,
    ).toEqual({
      kind: "short",
      amount: 10,
      strict: false,
    });
    expect(failing("x != 5", { x: 5 })[0]?.gap).toBeNull();
    expect(failing('region == "EU"', { region: "US" })[0]?.gap).toBeNull();
  });

  it("blames missing data", () => {
    expect(failing("recency_days <= 30 and satisfaction is not missing", {})).toEqual([
      { text: "recency_days <= 30", gap: { kind: "missing", identifiers: ["recency_days"] } },
      {
        text: "satisfaction is not missing",
        gap: { kind: "missing", identifiers: ["satisfaction"] },
      },
    ]);
    expect(
      explain("frequency >= 5 or monetary >= 100", { frequency: 7, monetary: null }).result,
    ).toBe(true);
    expect(explain("not (x > 1)", { x: null }).result).toBeNull();
  });

  it("measures the way out of a predicate under not", () => {
    const e = explain("not (monetary >= 1000)", { monetary: 1500 });
    expect(e).toMatchObject({ kind: "not", result: false, target: true });
    expect(e.kind === "not" && e.children[0]).toMatchObject({
      result: true,
      target: false,
      gap: { kind: "over", amount: 500, strict: true },
    });
    expect(failing("not (x between 10 and 20)", { x: 18 })[0]?.gap).toEqual({
      kind: "short",
      amount: 2,
      strict: true,
    });
  });
});

describe("failingConditions", () => {
  it("returns every failing operand of an and, none when the condition holds", () => {
    expect(
      failing("a >= 1 and b >= 2 and c >= 3", { a: 0, b: 2, c: 1 }).map((f) => f.text),
    ).toEqual(["a >= 1", "c >= 3"]);
    expect(failing("a >= 1 or b >= 2", { a: 0, b: 2 })).toEqual([]);
  });

  it("takes the closest alternative of an or", () => {
    const source =
      "(monetary >= 50000 and frequency >= 20) or (monetary >= 20000 and recency_days <= 30)";
    expect(failing(source, { monetary: 30000, frequency: 5, recency_days: 40 })).toEqual([
      { text: "recency_days <= 30", gap: { kind: "over", amount: 10, strict: false } },
    ]);
    expect(failing(source, { monetary: 10000, frequency: 25, recency_days: 40 })).toEqual([
      { text: "monetary >= 50000", gap: { kind: "short", amount: 40000, strict: false } },
    ]);
    expect(failing("a >= 1 or b >= 1", { a: 0, b: 0 }).map((f) => f.text)).toEqual(["a >= 1"]);
  });

  it("needs only one operand of a negated and, and all of a negated or", () => {
    expect(failing("not (a > 1 and b > 1)", { a: 2, b: 3 })).toEqual([
      { text: "a > 1", gap: { kind: "over", amount: 1, strict: false } },
    ]);
    expect(failing("not (a > 1 or b > 1)", { a: 2, b: 3 }).map((f) => f.text)).toEqual([
      "a > 1",
      "b > 1",
    ]);
  });
});

describe("formatCondition", () => {
  it("prints a top-level and as one line per predicate", () => {
    expect(
      lines("monetary >= 50000 and frequency >= 20 and recency_days <= 30", {
        monetary: 58200,
        frequency: 12,
      }),
    ).toEqual([
      "monetary 58,200 >= 50,000 ✓",
      "frequency 12 >= 20 ✗ (8 short)",
      "recency_days missing <= 30 ✗ (missing)",
    ]);
  });

  it("indents or, not and nested and under a header", () => {
    expect(
      lines("(monetary >= 2000 or frequency >= 5 and r_score > 3) and not (region == 'EU')", {
        monetary: 1500,
        frequency: 3,
        r_score: 3,
        region: "EU",
      }),
    ).toEqual([
      "any of: ✗",
      "  monetary 1,500 >= 2,000 ✗ (500 short)",
      "  all of: ✗",
      "    frequency 3 >= 5 ✗ (2 short)",
      "    r_score 3 > 3 ✗ (needs more)",
      "not: ✗",
      '  region "EU" == "EU" ✓',
    ]);
  });

  it("formats values, lists and constants on the left", () => {
    expect(
      lines("10000 <= monetary and value not in ['vip', 'high'] and avg_order_value > 0.125", {
        monetary: 1234567.891,
        value: "high",
        avg_order_value: 0.5,
      }),
    ).toEqual([
      "monetary 1,234,567.89 >= 10,000 ✓",
      'value "high" not in ["vip", "high"] ✗',
      "avg_order_value 0.5 > 0.13 ✓",
    ]);
    expect(lines("(x + 1) * y >= 4 and flag == true", { x: 1, y: 1.5, flag: false })).toEqual([
      "(x 1 + 1) * y 1.5 >= 4 ✗ (1 short)",
      "flag false == true ✗",
    ]);
    expect(lines("x - (y - 1) >= 4 - 1 - 1", { x: 5, y: 2 })).toEqual([
      "x 5 - (y 2 - 1) >= 4 - 1 - 1 ✓",
    ]);
    expect(lines("x is missing or x <= -2.5", { x: 0 })).toEqual([
      "any of: ✗",
      "  x 0 is missing ✗",
      "  x 0 <= -2.5 ✗ (2.5 over)",
    ]);
  });
});

describe("explainCondition against compileJs", () => {
  const value = fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 4 }));
  const sources = fc.constantFrom(
    "a >= 1 and (b < 2 or not (c between 0 and 2))",
    "not (a == 1 or b is missing) or c in [1, 3]",
    "a + b > c and not not (a != 0)",
  );

  it("agrees on every node, and finds a failing leaf exactly when the condition fails", () => {
    fc.assert(
      fc.property(sources, fc.record({ a: value, b: value, c: value }), (source, row) => {
        const check = (e: ConditionExplanation): void => {
          expect(e.result).toBe(compileJs(parseExpression(e.text))(row));
          if (e.kind !== "predicate") e.children.forEach(check);
        };
        const e = explain(source, row);
        check(e);
        expect(failingConditions(e).length === 0).toBe(e.result === true);
      }),
    );
  });
});
