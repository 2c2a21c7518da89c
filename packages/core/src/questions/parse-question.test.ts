import { describe, expect, it } from "vitest";
import { parseDay } from "../time/calendar.ts";
import { parseQuestion } from "./parse-question.ts";
import { parsePeriodName, periodDays, requirePeriod } from "./question-period.ts";

const day = (text: string) => parseDay(text) ?? Number.NaN;

describe("parseQuestion", () => {
  it.each([
    ["what tier is customer ACME", "ACME"],
    ["What tier is ACME?", "ACME"],
    ["which tier is Stark Supplies in?", "Stark Supplies"],
    ["what's the tier of customer C00042", "C00042"],
    ["tier of Globex", "Globex"],
    ['what tier is customer "Ana Rossi"', "Ana Rossi"],
    ["客户 ACME 是哪一层", "ACME"],
    ["客户ACME是哪一层？", "ACME"],
    ["Stark Supplies 属于哪个层级", "Stark Supplies"],
    ["查一下客户 Globex 的分层", "Globex"],
  ])("%s → tier of %s", (text, customer) => {
    expect(parseQuestion(text)).toEqual({ kind: "tier", customer });
  });

  it.each([
    ["how many customers churned this week", "this week", "count"],
    ["How many churned last week?", "last week", "count"],
    ["how many customers did we lose this month", "this month", "count"],
    ["churn in the last 30 days", "last 30 days", "count"],
    ["who churned last week", "last week", "list"],
    ["which customers churned this month?", "this month", "list"],
    ["本周流失了多少客户", "this week", "count"],
    ["上周流失了多少客户？", "last week", "count"],
    ["最近 30 天流失了几个客户", "last 30 days", "count"],
    ["上周哪些客户流失了", "last week", "list"],
    ["本月谁流失了", "this month", "list"],
    ["who churned", "this week", "list"],
  ])("%s → churn %s (%s)", (text, period, focus) => {
    expect(parseQuestion(text)).toEqual({ kind: "churn", period, focus });
  });

  it.each(["tier breakdown", "Tier breakdown?", "how many customers are in each tier", "分层概况"])(
    "%s → breakdown",
    (text) => {
      expect(parseQuestion(text)).toEqual({ kind: "breakdown" });
    },
  );

  it.each(["help", "Help?", "", "帮助", "你能做什么"])("%j → help", (text) => {
    expect(parseQuestion(text)).toEqual({ kind: "help" });
  });

  it.each([
    "good morning",
    "what is the weather",
    "今天天气怎么样",
    "who churned last month",
    "how many churned yesterday",
    "上个月流失了多少客户",
  ])("%s → unknown", (text) => {
    expect(parseQuestion(text)).toEqual({ kind: "unknown", text });
  });
});

describe("periods", () => {
  it("reads English and Chinese names and rejects others", () => {
    expect(parsePeriodName("Last Week")).toBe("last week");
    expect(parsePeriodName("本月")).toBe("this month");
    expect(parsePeriodName("最近 30 天")).toBe("last 30 days");
    expect(parsePeriodName("yesterday")).toBeNull();
  });

  it("covers ISO weeks, the calendar month and the 30 days ending today", () => {
    const today = day("2026-03-18"); // a Wednesday
    expect(periodDays("this week", today)).toEqual({
      from: day("2026-03-16"),
      to: day("2026-03-22"),
    });
    expect(periodDays("last week", today)).toEqual({
      from: day("2026-03-09"),
      to: day("2026-03-15"),
    });
    expect(periodDays("this month", today)).toEqual({
      from: day("2026-03-01"),
      to: day("2026-03-31"),
    });
    expect(periodDays("this month", day("2028-02-10"))).toEqual({
      from: day("2028-02-01"),
      to: day("2028-02-29"),
    });
    expect(periodDays("last 30 days", today)).toEqual({
      from: day("2026-02-17"),
      to: today,
    });
  });

  it("defaults to this week and names the choices on bad input", () => {
    expect(requirePeriod("  ", day("2026-03-18")).name).toBe("this week");
    expect(() => requirePeriod("fortnight", day("2026-03-18"))).toThrow(
      '"fortnight" is not a period I know; try this week, last week, this month, last 30 days',
    );
  });
});
