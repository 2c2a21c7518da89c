import { type Day, formatDay, parseDay, StrataError, today } from "@strata/core/portable";

/** The as-of day a preview uses, and how it was chosen (for the status bar). */
export interface AsOf {
  day: Day;
  /** e.g. "2026-06-30 (latest order)". */
  text: string;
}

/**
 * Reads the `strata.asOf` setting: a date, `today` (in the machine's time zone), or empty
 * for the day of the latest order in the data (today when there are no orders). Throws
 * StrataError("usage") for anything else.
 */
export function resolveAsOf(
  setting: string,
  lastOrderDay: Day | null,
  now: Date,
  timeZone: string,
): AsOf {
  const value = setting.trim();
  if (value === "") {
    if (lastOrderDay !== null) {
      return { day: lastOrderDay, text: `${formatDay(lastOrderDay)} (latest order)` };
    }
    const day = today(now, timeZone);
    return { day, text: `${formatDay(day)} (today; no orders yet)` };
  }
  if (value.toLowerCase() === "today") {
    const day = today(now, timeZone);
    return { day, text: `${formatDay(day)} (today)` };
  }
  const day = parseDay(value);
  if (day === null) {
    throw new StrataError(
      "usage",
      `the setting strata.asOf is "${value}": use a date like 2026-06-30, or today, or leave it empty for the latest order's day`,
    );
  }
  return { day, text: formatDay(day) };
}
