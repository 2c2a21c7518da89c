import { StrataError } from "../errors.ts";
import { addMonths, type Day, type DayRange, formatDay, isoWeekOf } from "../time/calendar.ts";

/** The periods a churn question can name, in words a sales lead uses. */
export const PERIOD_NAMES = ["this week", "last week", "this month", "last 30 days"] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

/**
 * Ways of saying each period, lower case, spaces collapsed. Chinese forms are written
 * without spaces; `normalisePeriodText` removes the spaces people type around digits.
 */
const SPELLINGS: Record<PeriodName, readonly string[]> = {
  "this week": ["this week", "week", "本周", "这周", "這週", "这个星期", "本星期"],
  "last week": ["last week", "previous week", "上周", "上週", "上个星期", "上星期"],
  "this month": ["this month", "month", "本月", "这个月", "這個月"],
  "last 30 days": [
    "last 30 days",
    "past 30 days",
    "30 days",
    "last thirty days",
    "最近30天",
    "过去30天",
    "近30天",
    "最近三十天",
    "过去三十天",
  ],
};

function normalisePeriodText(text: string): string {
  const collapsed = text.trim().toLowerCase().replace(/\s+/g, " ");
  // "最近 30 天" → "最近30天": spaces only separate words in the Latin spellings.
  return /[\u4e00-\u9fff]/.test(collapsed) ? collapsed.replace(/ /g, "") : collapsed;
}

/** The period named by `text` (English or Chinese, any case), or null when it names none. */
export function parsePeriodName(text: string): PeriodName | null {
  const wanted = normalisePeriodText(text);
  for (const name of PERIOD_NAMES) {
    if (SPELLINGS[name].includes(wanted)) return name;
  }
  return null;
}

/** Every spelling of every period, longest first, for finding one inside a sentence. */
export function periodSpellings(): Array<{ spelling: string; name: PeriodName }> {
  return PERIOD_NAMES.flatMap((name) => SPELLINGS[name].map((spelling) => ({ spelling, name })))
    .filter((s) => s.spelling !== "week" && s.spelling !== "month")
    .sort((a, b) => b.spelling.length - a.spelling.length);
}

/**
 * The days a period covers as of `today` (inclusive): ISO weeks run Monday to Sunday, "this
 * month" is the whole calendar month, "last 30 days" ends today.
 */
export function periodDays(name: PeriodName, today: Day): DayRange {
  switch (name) {
    case "this week":
      return isoWeekOf(today);
    case "last week":
      return isoWeekOf(today - 7);
    case "this month": {
      const first = today - (Number(formatDay(today).slice(8, 10)) - 1);
      return { from: first, to: addMonths(first, 1) - 1 };
    }
    case "last 30 days":
      return { from: today - 29, to: today };
  }
}

/**
 * The period of a churn question's argument: empty means this week. Throws
 * StrataError("usage") listing the periods understood when `text` names none.
 */
export function requirePeriod(text: string, today: Day): { name: PeriodName; days: DayRange } {
  const name = text.trim() === "" ? "this week" : parsePeriodName(text);
  if (!name) {
    throw new StrataError(
      "usage",
      `"${text.trim()}" is not a period I know; try ${PERIOD_NAMES.join(", ")}`,
      { periods: PERIOD_NAMES },
    );
  }
  return { name, days: periodDays(name, today) };
}
