import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDay, parseDay } from "../time/calendar.ts";
import { parseOrderDate } from "./order-date.ts";

const iso = (text: string) => {
  const day = parseOrderDate(text);
  return day === null ? null : formatDay(day);
};

describe("parseOrderDate", () => {
  it("reads ISO dates, YYYYMMDD and ISO date-times on the date written", () => {
    expect(iso("1997-01-01")).toBe("1997-01-01");
    expect(iso(" 19970101 ")).toBe("1997-01-01");
    expect(iso("2024-02-29T23:59:59Z")).toBe("2024-02-29");
    expect(iso("2024-03-01T23:30:00-05:00")).toBe("2024-03-01");
    expect(iso("2024-03-01T00:10+0530")).toBe("2024-03-01");
    expect(iso("2024-03-01 14:05")).toBe("2024-03-01");
    expect(iso("2024-03-01T14:05:06.123456+01")).toBe("2024-03-01");
    expect(parseOrderDate("1970-01-01")).toBe(0);
    expect(parseOrderDate("19691231")).toBe(-1);
  });

  it("refuses what is not a real date", () => {
    for (const bad of [
      "",
      "2023-02-29",
      "2024-13-01",
      "20241301",
      "2024-3-1",
      "01/03/2024",
      "2024-03-01T25:00",
      "2024-03-01T12:00:00 PM",
      "2024-03-01Tnoon",
      "1997010",
      "abcdefgh",
      "yesterday",
    ]) {
      expect([bad, parseOrderDate(bad)]).toEqual([bad, null]);
    }
  });
});

describe("parseOrderDate against calendar.parseDay", () => {
  it("agrees on every YYYY-MM-DD text, valid or not", () => {
    const d2 = fc.integer({ min: 0, max: 39 }).map((n) => String(n).padStart(2, "0"));
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), d2, d2)
      .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${m}-${d}`);
    fc.assert(
      fc.property(text, (t) => {
        expect(parseOrderDate(t)).toBe(parseDay(t));
        expect(parseOrderDate(t.replaceAll("-", ""))).toBe(parseDay(t));
      }),
      { numRuns: 5000 },
    );
  });
});
