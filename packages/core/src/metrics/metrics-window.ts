import type { WindowSpec } from "../rules/rule-file.ts";
import { addMonths, type Day } from "../time/calendar.ts";

/**
 * The first day whose orders count for metrics as of `asOf`: the window holds `asOf` and the
 * days before it, e.g. 365d is asOf-364 … asOf, 1m is the day after the same date last month
 * … asOf. Null when the window is all history.
 */
export function windowStart(window: WindowSpec | null, asOf: Day): Day | null {
  if (!window) return null;
  switch (window.unit) {
    case "d":
      return asOf - window.amount + 1;
    case "w":
      return asOf - 7 * window.amount + 1;
    case "m":
      return addMonths(asOf, -window.amount) + 1;
    case "y":
      return addMonths(asOf, -12 * window.amount) + 1;
  }
}
