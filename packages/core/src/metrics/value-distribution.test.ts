import { describe, expect, it } from "vitest";
import { distributionOf } from "./value-distribution.ts";

describe("distributionOf", () => {
  it("gives min, median and max of numbers, the median of an even count as the middle mean", () => {
    expect(distributionOf([7, null, 1, 3, 100])).toEqual({
      kind: "number",
      customers: 4,
      missing: 1,
      min: 1,
      median: 5,
      max: 100,
    });
    expect(distributionOf([5, 1, 3])).toMatchObject({ min: 1, median: 3, max: 5 });
  });

  it("gives the most common text values, ties in text order, and the number of distinct ones", () => {
    expect(distributionOf(["north", "south", null, "east", "south", "north", "west"], 3)).toEqual({
      kind: "text",
      customers: 6,
      missing: 1,
      values: [
        { value: "north", count: 2 },
        { value: "south", count: 2 },
        { value: "east", count: 1 },
      ],
      distinct: 4,
    });
  });

  it("is null when nobody has a value", () => {
    expect(distributionOf([null, null])).toBeNull();
    expect(distributionOf([])).toBeNull();
  });
});
