import { describe, expect, it } from "vitest";
import { tierChanges } from "./tier-changes.ts";

const c = (customerId: string, tiers: Record<string, string | null>) => ({ customerId, tiers });

describe("tierChanges", () => {
  it("counts moves per dimension both files have, largest first, and each moved customer once", () => {
    const before = [
      c("A", { value: "high", life: "active", old: "x" }),
      c("B", { value: "low", life: "active", old: "x" }),
      c("C", { value: "low", life: "churned", old: "x" }),
      c("D", { value: "low", life: null, old: "x" }),
    ];
    const after = [
      c("A", { value: "high", life: "churned", fresh: "y" }),
      c("B", { value: "high", life: "churned", fresh: "y" }),
      c("C", { value: "high", life: "churned", fresh: "y" }),
      c("D", { value: null, life: "active", fresh: "y" }),
      c("E", { value: "low", life: "active", fresh: "y" }),
    ];
    expect(
      tierChanges(before, after, ["value", "life", "old"], ["value", "life", "fresh"]),
    ).toEqual({
      customers: 5,
      moves: [
        { dimension: "value", from: "low", to: "high", count: 2 },
        { dimension: "value", from: "low", to: null, count: 1 },
        { dimension: "value", from: null, to: "low", count: 1 },
        { dimension: "life", from: "active", to: "churned", count: 2 },
        { dimension: "life", from: null, to: "active", count: 2 },
      ],
      added: ["fresh"],
      removed: ["old"],
    });
  });

  it("matches customers by id when the lists are in different orders", () => {
    const before = [c("A", { value: "high" }), c("B", { value: "low" })];
    const after = [c("B", { value: "high" }), c("A", { value: "high" })];
    expect(tierChanges(before, after, ["value"], ["value"]).moves).toEqual([
      { dimension: "value", from: "low", to: "high", count: 1 },
    ]);
  });

  it("finds nothing when the rules place everyone the same", () => {
    const same = [c("A", { value: "high" }), c("B", { value: "low" })];
    expect(tierChanges(same, same, ["value"], ["value"])).toEqual({
      customers: 0,
      moves: [],
      added: [],
      removed: [],
    });
  });
});
