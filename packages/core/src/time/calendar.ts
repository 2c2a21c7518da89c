import { StrataError } from "../errors.ts";

/**
 * Calendar days as integers (days since 1970-01-01), so date arithmetic is exact and cheap.
 * Strata's dates are calendar dates in the business's timezone; no clock time is involved.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of a `YYYY-MM-DD` string, or null if it is not a real calendar date. */
export function parseDay(text: string): Day | null {
  const match = ISO_DAY.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return ms / MS_PER_DAY;
}

/** Parses a `--as-of`-style date; throws a usage StrataError naming the flag. */
export function requireDay(text: string, what: string): Day {
  const day = parseDay(text);
  if (day === null) {
    throw new StrataError("usage", `${what} must be a date like 2026-03-01, not "${text}"`);
  }
  return day;
}

/** `YYYY-MM-DD`. */
export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today in `timeZone` (an IANA name such as Europe/Paris) at the instant `now`. */
export function today(now: Date, timeZone = "UTC"): Day {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(now);
  } catch {
    throw new StrataError(
      "usage",
      `STRATA_TIMEZONE "${timeZone}" is not a timezone; use an IANA name such as Europe/Paris`,
    );
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return (
    parseDay(`${get("year")}-${get("month")}-${get("day")}`) ??
    Math.floor(now.getTime() / MS_PER_DAY)
  );
}

/** Monday = 0 … Sunday = 6. */
export function weekday(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Inclusive range of days. */
export interface DayRange {
  from: Day;
  to: Day;
}

/** The ISO week (Monday to Sunday) that contains `day`. */
export function isoWeekOf(day: Day): DayRange {
  const from = day - weekday(day);
  return { from, to: from + 6 };
}

/** `YYYY-Www` of the ISO week containing `day`. */
export function formatIsoWeek(day: Day): string {
  const thursday = day - weekday(day) + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const week = Math.floor((thursday - (parseDay(`${year}-01-01`) ?? 0)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The days of ISO week `YYYY-Www`, or null if the text is not one. */
export function parseIsoWeek(text: string): DayRange | null {
  const match = /^(\d{4})-?W(\d{2})$/.exec(text);
  if (!match) return null;
  const jan4 = parseDay(`${match[1]}-01-04`);
  const week = Number(match[2]);
  if (jan4 === null || week < 1 || week > 53) return null;
  const from = jan4 - weekday(jan4) + (week - 1) * 7;
  return formatIsoWeek(from) === `${match[1]}-W${match[2]}` ? { from, to: from + 6 } : null;
}

/** `day` moved by `months` calendar months, clamped to the month's last day. */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return (
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), lastDay)) /
    MS_PER_DAY
  );
}
