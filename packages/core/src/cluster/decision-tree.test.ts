import { describe, expect, it } from "vitest";
import { fitTree, predict } from "./decision-tree.ts";
import { roundThresholds, roundTwoDigits } from "./round-thresholds.ts";
import { treeConditions } from "./tree-conditions.ts";

describe("roundThresholds", () => {
  it("rounds quantile cut points to two significant digits, whole numbers for counts", () => {
    expect(roundTwoDigits(1234.5)).toBe(1200);
    expect(roundTwoDigits(0.347)).toBe(0.35);
    expect(roundTwoDigits(87.6)).toBe(88);
    const money = Array.from({ length: 1000 }, (_, i) => 10 + i * 7.31);
    const cuts = roundThresholds(money, 4);
    expect(cuts).toEqual([1800, 3700, 5500]);
    const counts = Array.from({ length: 100 }, (_, i) => 1 + (i % 9));
    for (const c of roundThresholds(counts)) expect(Number.isInteger(c)).toBe(true);
    expect(roundThresholds([5, 5, 5])).toEqual([]);
  });
});

describe("fitTree", () => {
  it("finds the rule that made the labels, with its round thresholds", () => {
    // label 1 when monetary >= 500 and recency < 30; else 0.
    const rows: number[] = [];
    const labels: number[] = [];
    for (let m = 0; m < 1000; m += 10)
      for (let r = 0; r < 100; r += 5) {
        rows.push(m, r);
        labels.push(m >= 500 && r < 30 ? 1 : 0);
      }
    const values = Float64Array.from(rows);
    const thresholds = [
      [100, 250, 500, 750],
      [10, 30, 60],
    ];
    const tree = fitTree(values, 2, Int32Array.from(labels), 2, thresholds, {
      maxDepth: 3,
      minLeaf: 1,
    });
    for (let i = 0; i < labels.length; i++)
      expect(predict(tree, [values[2 * i] as number, values[2 * i + 1] as number])).toBe(labels[i]);
    const conditions = treeConditions(tree, ["monetary", "recency_days"]);
    expect(conditions.get(1)).toBe("monetary >= 500 and recency_days < 30");
    // Recency splits first: weighted Gini 0.3 · 0.5 = 0.15 against 0.5 · 0.42 = 0.21 for monetary.
    expect(conditions.get(0)).toBe("(monetary < 500 and recency_days < 30) or recency_days >= 30");
  });

  it("picks the split with the lowest Gini impurity, worked out by hand", () => {
    // x: 1 2 3 4 5 6, labels 0 0 1 0 1 1. Split at 3: left {0,0} pure, right {1,0,1,1}:
    // 4/6 · (1 − (1/4)² − (3/4)²) = 0.25. Split at 5: left {0,0,1,0} 4/6 · 0.375 = 0.25 too,
    // at 4: left {0,0,1} right {0,1,1}: 2 · 3/6 · 4/9 = 0.444. The first of the ties wins.
    const tree = fitTree(
      Float64Array.from([1, 2, 3, 4, 5, 6]),
      1,
      Int32Array.from([0, 0, 1, 0, 1, 1]),
      2,
      [[3, 4, 5]],
      {
        maxDepth: 1,
        minLeaf: 1,
      },
    );
    expect(tree).toMatchObject({ kind: "split", feature: 0, threshold: 3 });
  });

  it("respects the smallest leaf size, and merges sibling leaves that say the same", () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const y = Int32Array.from([0, 1, 1, 1, 1, 1]);
    const fit = (minLeaf: number) =>
      fitTree(x, 1, y, 2, [[2, 3, 4, 5, 6]], { maxDepth: 1, minLeaf });
    expect(fit(1)).toMatchObject({ kind: "split", threshold: 2 });
    // With two rows a leaf, {1, 2} | {3 … 6} is the best allowed; its left leaf is a 0/1 tie.
    expect(fit(2)).toMatchObject({ kind: "split", threshold: 3 });
    // {0,0,0,1}: the only allowed split is 2|2, {0,0} and {0,1}: both predict 0, so one leaf.
    const merged = fitTree(
      Float64Array.from([1, 2, 3, 4]),
      1,
      Int32Array.from([0, 0, 0, 1]),
      2,
      [[2, 3, 4]],
      {
        maxDepth: 2,
        minLeaf: 2,
      },
    );
    expect(merged).toEqual({ kind: "leaf", label: 0, size: 4 });
  });
});
