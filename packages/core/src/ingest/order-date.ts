import type { Day } from "../time/calendar.ts";

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d|60)(?:[.,]\d+)?)?(?:[Zz]|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$/;

/**
 * The calendar day of an order date: `YYYY-MM-DD`, `YYYYMMDD`, or an ISO date-time
 * (`2024-03-01T14:05:00Z`, `2024-03-01 14:05`, with or without seconds, fraction and
 * offset). A date-time counts on the date written in it: the time and any offset are
 * checked, then dropped, so an order keeps the day its own system recorded. Null when the
 * text is none of these or not a real date. Agrees with calendar.parseDay on `YYYY-MM-DD`
 * (tested) but reads digits directly: it runs once per order row.
 */
export function parseOrderDate(text: string): Day | null {
  const s = text.trim();
  if (s.length === 10) {
    return s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45
      ? dayOf(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2))
      : null;
  }
  if (s.length === 8) return dayOf(digits(s, 0, 4), digits(s, 4, 2), digits(s, 6, 2));
  const match = DATE_TIME.exec(s);
  return match?.[1] ? parseOrderDate(match[1]) : null;
}

/** The number in `count` decimal digits of `s` from `from`; -1 if any is not a digit. */
function digits(s: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, or null if it does not exist or its
 * year is below 100 (as calendar.parseDay, where such years are ambiguous).
 */
function dayOf(year: number, month: number, day: number): Day | null {
  if (year < 100 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 ? (leap ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);
  if (day > length) return null;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
