import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Value } from "../expression/ast.ts";
import { compileJs, type Row } from "../expression/compile-js.ts";
import { parseExpression } from "../expression/parser.ts";
import { findUnreachableTiers, type TierCondition } from "./unreachable-tiers.ts";

const TEXT = new Set(["region", "value", "r"]);
const isNumeric = (name: string) => !TEXT.has(name);

/** Tiers from their conditions; `null` is a default tier. */
function tiers(...conditions: Array<string | null>): TierCondition[] {
  return conditions.map((c) =>
    c === null ? { when: null, isDefault: true } : { when: parseExpression(c), isDefault: false },
  );
}

const unreachable = (...conditions: Array<string | null>) =>
  findUnreachableTiers(tiers(...conditions), isNumeric);

describe("findUnreachableTiers", () => {
  it("flags a stricter threshold below a looser one", () => {
    expect(unreachable("monetary >= 10000", "monetary >= 20000")).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
    expect(unreachable("monetary >= 20000", "monetary >= 10000")).toEqual([]);
  });

  it("covers a conjunction with an earlier disjunction", () => {
    expect(
      unreachable("monetary >= 100 or frequency >= 5", "monetary >= 50 and frequency >= 10"),
    ).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(
      unreachable("monetary >= 100 or frequency >= 5", "monetary >= 50 or frequency >= 10"),
    ).toEqual([]);
  });

  it("names every earlier tier that takes part of the range", () => {
    expect(
      unreachable("recency_days <= 30", "recency_days <= 90", "recency_days between 10 and 80"),
    ).toEqual([{ tier: 2, shadowedBy: [0, 1] }]);
    expect(unreachable("x >= 0", "x >= 5", "x >= 10")).toEqual([
      { tier: 1, shadowedBy: [0] },
      { tier: 2, shadowedBy: [0] },
    ]);
  });

  it("tells < from <= at the boundary", () => {
    expect(unreachable("x > 10", "x >= 10")).toEqual([]);
    expect(unreachable("x >= 10", "x > 10")).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(unreachable("x < 10", "x > 10", "x between 0 and 20")).toEqual([]);
    expect(unreachable("x <= 10", "x > 10", "x between 0 and 20")).toEqual([
      { tier: 2, shadowedBy: [0, 1] },
    ]);
    expect(unreachable("x < 3", "x > 3", "x == 3", "x >= 0")).toEqual([
      { tier: 3, shadowedBy: [0, 1, 2] },
    ]);
    expect(unreachable("x < 5 or x > 5", "x != 5")).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(unreachable("x < 5 or x > 5", "x == 5.5")).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(unreachable("x < 5 or x > 5", "x in [4, 5]")).toEqual([]);
  });

  it("reads a constant on the left as the mirrored comparison", () => {
    expect(unreachable("5 <= x", "x > 5")).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(unreachable("5 < x", "x >= 5")).toEqual([]);
    expect(unreachable("x > 1 and x < 9", "x between 2 and 8")).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
  });

  it("pushes not inward under missing-value logic", () => {
    expect(unreachable("not (x < 5)", "x >= 5")).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(unreachable("x >= 5", "not (x < 5)")).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(unreachable("not (x < 5 and y < 5)", "x >= 7")).toEqual([{ tier: 1, shadowedBy: [0] }]);
    expect(unreachable("not (x < 5 or y < 5)", "x >= 7")).toEqual([]);
    expect(unreachable("not (x >= 5)", "x is missing")).toEqual([]);
    expect(unreachable("not not (x > 1)", "x > 2")).toEqual([{ tier: 1, shadowedBy: [0] }]);
  });

  it("keeps missing values apart from every number", () => {
    expect(unreachable("x < 5 or x >= 5", null)).toEqual([]);
    expect(unreachable("x is missing or x < 5 or x >= 5", null)).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
    expect(unreachable("x >= 5 and y >= 5", "x < 5", "y < 5", "x >= 0")).toEqual([]);
    expect(unreachable("x >= 5 and y >= 5", "x < 5", "y < 5", "x >= 0 and y >= 0")).toEqual([
      { tier: 3, shadowedBy: [0, 1, 2] },
    ]);
    expect(unreachable("x >= 5", "x is not missing and x > 6")).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
  });

  it("flags every tier after a default", () => {
    expect(unreachable("x > 1", null, "x > 0", null)).toEqual([
      { tier: 2, shadowedBy: [1] },
      { tier: 3, shadowedBy: [1] },
    ]);
  });

  it("compares text by equality and lists", () => {
    expect(
      unreachable('region in ["EU", "US"]', 'region == "US"', 'region != "EU"', 'region == "FR"'),
    ).toEqual([
      { tier: 1, shadowedBy: [0] },
      { tier: 3, shadowedBy: [2] },
    ]);
    expect(unreachable('region != "EU"', 'region not in ["EU", "US"]')).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
    expect(unreachable('value == "vip" or value == "high"', 'value in ["high", "vip"]')).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
  });

  it("does not use what it cannot analyse as cover", () => {
    expect(unreachable("monetary * 2 >= 100", "monetary >= 100")).toEqual([]);
    expect(unreachable('monetary >= 100 and region < "M"', "monetary >= 200")).toEqual([]);
    expect(unreachable("monetary >= frequency", "monetary >= 200")).toEqual([]);
    expect(unreachable("monetary >= 100 or monetary > profit", "monetary >= 200")).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
  });

  it("drops what it cannot analyse from the candidate only where that is safe", () => {
    expect(unreachable("monetary >= 100", "monetary >= 200 and monetary / frequency > 3")).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
    expect(unreachable("monetary >= 100", "monetary >= 200 or frequency * 2 > 3")).toEqual([]);
    expect(unreachable("monetary >= 100", "not (monetary < 200 or region > 'A')")).toEqual([
      { tier: 1, shadowedBy: [0] },
    ]);
    expect(unreachable("monetary >= 100", "not (monetary < 200 and region > 'A')")).toEqual([]);
  });

  it("treats an unparsed condition as anyone, and ignores never-true conditions", () => {
    const broken: TierCondition[] = [{ when: null, isDefault: false }, ...tiers("x > 1", "x > 2")];
    expect(findUnreachableTiers(broken, isNumeric)).toEqual([{ tier: 2, shadowedBy: [0, 1] }]);
    expect(unreachable("x > 1", "x > 5 and x < 3")).toEqual([]);
  });

  it("gives up on conditions too large to expand", () => {
    const huge = Array.from({ length: 12 }, (_, i) => `(v${i} > 1 or w${i} > 1)`).join(" and ");
    expect(unreachable("v0 > 0", huge)).toEqual([]);
    expect(unreachable(huge, "v0 > 2 and w0 > 2")).toEqual([]);
  });
});

// Constants are multiples of 0.5 in [0, 2]: a grid of quarters then meets every region.
const CONSTANTS = [0, 0.5, 1, 1.5, 2];
const NUMBERS: Value[] = [null, ...Array.from({ length: 11 }, (_, i) => -0.25 + i / 4)];
const TEXTS: Value[] = [null, "a", "b", "c", "z"];
const GRID: Row[] = NUMBERS.flatMap((a) =>
  NUMBERS.flatMap((b) => NUMBERS.flatMap((c) => TEXTS.map((r) => ({ a, b, c, r })))),
);

const k = fc.constantFrom(...CONSTANTS);
const v = fc.constantFrom("a", "b", "c");
const op = fc.constantFrom("==", "!=", "<", "<=", ">", ">=");
const text = fc.constantFrom('"a"', '"b"', '"c"');
const list = <T>(item: fc.Arbitrary<T>) => fc.uniqueArray(item, { minLength: 1, maxLength: 3 });
const not = (negated: boolean) => (negated ? "not " : "");
const analysable = fc.oneof(
  fc.tuple(v, op, k).map(([x, o, c]) => `${x} ${o} ${c}`),
  fc.tuple(k, op, v).map(([c, o, x]) => `${c} ${o} ${x}`),
  fc.tuple(v, k, k).map(([x, lo, hi]) => `${x} between ${lo} and ${hi}`),
  fc.tuple(v, fc.boolean(), list(k)).map(([x, n, l]) => `${x} ${not(n)}in [${l.join(", ")}]`),
  fc.tuple(fc.constantFrom("a", "r"), fc.boolean()).map(([x, n]) => `${x} is ${not(n)}missing`),
  fc.tuple(fc.constantFrom("==", "!="), text).map(([o, t]) => `r ${o} ${t}`),
  fc.tuple(fc.boolean(), list(text)).map(([n, l]) => `r ${not(n)}in [${l.join(", ")}]`),
);
const opaque = fc.oneof(
  fc.tuple(v, k, op, k).map(([x, c, o, d]) => `${x} + ${c} ${o} ${d}`),
  fc.tuple(v, op, v).map(([x, o, y]) => `${x} ${o} ${y}`),
  fc.tuple(op, text).map(([o, t]) => `r ${o} ${t}`),
);

function conditions(leaf: fc.Arbitrary<string>) {
  return fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { maxDepth: 3, depthIdentifier: "e" },
      leaf,
      fc.tuple(tie("e"), tie("e")).map(([l, r]) => `(${l}) and (${r})`),
      fc.tuple(tie("e"), tie("e")).map(([l, r]) => `(${l}) or (${r})`),
      tie("e").map((e) => `not (${e})`),
    ),
  })).e;
}

function tierLists(leaf: fc.Arbitrary<string>) {
  const tier = fc.oneof(
    { arbitrary: conditions(leaf), weight: 6 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
  return fc.array(tier, { minLength: 1, maxLength: 5 });
}

/** For each tier: whether some row reaches it, rows satisfy it, and which tiers take those rows. */
function simulate(list: TierCondition[], rows: readonly Row[]) {
  const tests = list.map((t) => (t.when && !t.isDefault ? compileJs(t.when) : null));
  const matches = (j: number, row: Row) => list[j]?.isDefault || tests[j]?.(row) === true;
  const reached = list.map(() => false);
  const satisfiable = list.map(() => false);
  const takers = list.map(() => new Set<number>());
  for (const row of rows) {
    const first = list.findIndex((_, j) => matches(j, row));
    if (first >= 0) reached[first] = true;
    for (let j = 0; j < list.length; j++) {
      if (!matches(j, row)) continue;
      satisfiable[j] = true;
      if (first >= 0 && first < j) takers[j]?.add(first);
    }
  }
  return { reached, satisfiable, takers };
}

describe("findUnreachableTiers against evaluation", () => {
  const point = fc.oneof(
    fc.constant(null),
    fc.constantFrom(...CONSTANTS),
    fc.double({ min: -3, max: 5, noNaN: true }),
  );
  const row = fc.record({ a: point, b: point, c: point, r: fc.constantFrom(...TEXTS) });

  it("never flags a tier some customer reaches", () => {
    let flagged = 0;
    fc.assert(
      fc.property(
        tierLists(fc.oneof(analysable, opaque)),
        fc.array(row, { maxLength: 30 }),
        (sources, extra) => {
          const list = tiers(...sources);
          const found = findUnreachableTiers(list, isNumeric);
          const { reached, takers } = simulate(list, [...GRID, ...extra]);
          const firstDefault = list.findIndex((t) => t.isDefault);
          for (const { tier, shadowedBy } of found) {
            flagged++;
            expect(reached[tier]).toBe(false);
            expect(shadowedBy.every((i) => i < tier)).toBe(true);
            if (firstDefault < 0 || tier <= firstDefault) {
              expect(shadowedBy).toEqual(expect.arrayContaining([...(takers[tier] ?? [])]));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(flagged).toBeGreaterThan(30);
  });

  it("flags exactly the unreachable tiers when every condition is analysable", () => {
    fc.assert(
      fc.property(tierLists(analysable), (sources) => {
        const list = tiers(...sources);
        const { reached, satisfiable, takers } = simulate(list, GRID);
        const firstDefault = list.findIndex((t) => t.isDefault);
        const expected = list.flatMap((_, j) => {
          if (firstDefault >= 0 && j > firstDefault)
            return [{ tier: j, shadowedBy: [firstDefault] }];
          if (reached[j] || !satisfiable[j]) return [];
          return [{ tier: j, shadowedBy: [...(takers[j] ?? [])].sort((x, y) => x - y) }];
        });
        expect(findUnreachableTiers(list, isNumeric)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
