import { parseDay } from "@strata/core/portable";
import { describe, expect, it } from "vitest";
import { resolveAsOf } from "./as-of.ts";

const day = (text: string) => parseDay(text) ?? Number.NaN;
// 2026-07-01 02:30 UTC is still 2026-06-30 in New York.
const now = new Date("2026-07-01T02:30:00Z");

describe("resolveAsOf", () => {
  it("defaults to the latest order's day", () => {
    expect(resolveAsOf("", day("2026-06-30"), now, "UTC")).toEqual({
      day: day("2026-06-30"),
      text: "2026-06-30 (latest order)",
    });
  });

  it("takes a date, or today in the given time zone", () => {
    expect(resolveAsOf(" 2026-01-15 ", null, now, "UTC").day).toBe(day("2026-01-15"));
    expect(resolveAsOf("today", null, now, "UTC").day).toBe(day("2026-07-01"));
    expect(resolveAsOf("Today", null, now, "America/New_York").day).toBe(day("2026-06-30"));
    expect(resolveAsOf("", null, now, "UTC").text).toBe("2026-07-01 (today; no orders yet)");
  });

  it("says what to write for anything else", () => {
    expect(() => resolveAsOf("last week", null, now, "UTC")).toThrow(
      /strata\.asOf is "last week": use a date like 2026-06-30, or today/,
    );
  });
});
