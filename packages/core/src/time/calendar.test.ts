import { describe, expect, it } from "vitest";
import {
  addMonths,
  formatDay,
  formatIsoWeek,
  isoWeekOf,
  parseDay,
  parseIsoWeek,
  today,
  weekday,
} from "./calendar.ts";

const day = (text: string) => {
  const d = parseDay(text);
  if (d === null) throw new Error(text);
  return d;
};

describe("calendar", () => {
  it("parses real dates only", () => {
    expect(parseDay("1970-01-02")).toBe(1);
    expect(parseDay("2024-02-29")).not.toBeNull();
    expect(parseDay("2023-02-29")).toBeNull();
    expect(parseDay("2023-13-01")).toBeNull();
    expect(parseDay("20230101")).toBeNull();
    expect(formatDay(day("1998-06-30"))).toBe("1998-06-30");
  });

  it("knows weekdays (1970-01-01 was a Thursday)", () => {
    expect(weekday(0)).toBe(3);
    expect(weekday(day("2026-11-23"))).toBe(0); // a Monday
  });

  // Published ISO week facts: 2021-01-03 is in 2020-W53; 2026-01-01 is in 2026-W01 (Thursday).
  it("numbers ISO weeks as the standard does, across year ends", () => {
    expect(formatIsoWeek(day("2021-01-03"))).toBe("2020-W53");
    expect(formatIsoWeek(day("2021-01-04"))).toBe("2021-W01");
    expect(formatIsoWeek(day("2026-01-01"))).toBe("2026-W01");
    expect(formatIsoWeek(day("2024-12-30"))).toBe("2025-W01");
    const w = parseIsoWeek("2020-W53");
    expect(w && [formatDay(w.from), formatDay(w.to)]).toEqual(["2020-12-28", "2021-01-03"]);
    expect(parseIsoWeek("2021-W53")).toBeNull();
    const week = isoWeekOf(day("2026-11-22"));
    expect([formatDay(week.from), formatDay(week.to)]).toEqual(["2026-11-16", "2026-11-22"]);
  });

  it("moves by calendar months, clamping to the month end", () => {
    expect(formatDay(addMonths(day("2026-03-31"), -1))).toBe("2026-02-28");
    expect(formatDay(addMonths(day("2026-01-15"), -12))).toBe("2025-01-15");
  });

  it("takes today in the business's timezone", () => {
    const now = new Date("2026-11-22T23:30:00Z");
    expect(formatDay(today(now, "UTC"))).toBe("2026-11-22");
    expect(formatDay(today(now, "Asia/Shanghai"))).toBe("2026-11-23");
    expect(formatDay(today(now, "America/Los_Angeles"))).toBe("2026-11-22");
    expect(() => today(now, "Mars/Olympus")).toThrow(/not a timezone/);
  });
});
