import { type PeriodName, periodSpellings } from "./question-period.ts";

/** A question asked in plain language, as understood. */
export type Question =
  | { kind: "tier"; customer: string }
  | { kind: "churn"; period: PeriodName; focus: "count" | "list" }
  | { kind: "breakdown" }
  | { kind: "help" }
  | { kind: "unknown"; text: string };

/** Example questions Strata understands, for help replies: English, then Chinese. */
export const EXAMPLE_QUESTIONS: ReadonlyArray<{ en: string; zh: string }> = [
  { en: "what tier is customer ACME", zh: "客户 ACME 是哪一层" },
  { en: "how many customers churned this week", zh: "本周流失了多少客户" },
  { en: "who churned last week", zh: "上周哪些客户流失了" },
  { en: "tier breakdown", zh: "分层概况" },
  { en: "help", zh: "帮助" },
];

const END = String.raw`\s*[?？.。!！]*\s*$`;

/** "what tier is customer ACME", "which tier is ACME in?", "tier of ACME". */
const TIER_EN = [
  new RegExp(
    `^(?:what|which)(?:'s| is)? (?:the )?tiers? (?:is|are|for|of) (?:the )?(?:customer |client |account )?(.+?)(?: in)?${END}`,
    "i",
  ),
  new RegExp(`^tiers? (?:of|for) (?:the )?(?:customer |client )?(.+?)${END}`, "i"),
  new RegExp(`^(?:customer |client )(.+?)(?:'s)? tiers?${END}`, "i"),
];

/** "客户 ACME 是哪一层", "ACME属于哪个层级？", "查一下客户 ACME 的分层". */
const TIER_ZH = [
  new RegExp(
    String.raw`^(?:请问)?(?:客户|顾客)?\s*(.+?)\s*(?:是|属于|在|处于)\s*(?:哪一层|哪层|哪个层|哪个层级|哪一级|哪个等级|什么层级|什么等级|哪个分层)${END}`,
  ),
  new RegExp(
    String.raw`^(?:查一下|查询|查|看看)\s*(?:客户|顾客)?\s*(.+?)\s*的?\s*(?:分层|层级|等级)${END}`,
  ),
];

const CHURN = /\bchurn(?:ed|s|ing)?\b|\blos[te]\b|流失/i;
const CHURN_LIST = /\bwho\b|\bwhich\b|\blist\b|\bnames?\b|谁|哪些|名单|列表|清单/i;
const BREAKDOWN =
  /\bbreak ?down\b|\btier (?:distribution|summary|counts?|overview)\b|\beach tier\b|\bper tier\b|分层概况|分层分布|层级分布|分层统计|各层|每一?层/i;
const HELP =
  /^(?:help|\?|commands|what can you do|how do i use you|帮助|帮忙|你能做什么|怎么用|使用说明)$/i;

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function stripEnd(text: string): string {
  return text.replace(new RegExp(END), "");
}

/** Words that name a time, for telling a period not understood from no period at all. */
const OTHER_PERIOD =
  /\b(?:day|days|week|weeks|month|months|quarter|year|years|yesterday|today|since|ago)\b|[天周週月年季]|昨|今/i;

function findPeriod(text: string): PeriodName | null {
  const lower = text.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  for (const { spelling, name } of periodSpellings()) {
    const haystack = /[\u4e00-\u9fff]/.test(spelling) ? compact : lower;
    if (haystack.includes(spelling)) return name;
  }
  return null;
}

function customerOf(patterns: readonly RegExp[], text: string): string | null {
  for (const pattern of patterns) {
    const name = pattern.exec(text)?.[1];
    if (name && clean(name) !== "") return clean(name).replace(/^["“'](.*)["”']$/, "$1");
  }
  return null;
}

/**
 * Understands a question in English or Chinese, deterministically and locally: which tier a
 * customer is in, how many or who churned in a period (default this week), the tier
 * breakdown, or help. Anything else is `unknown`, for a reply listing what is understood.
 */
export function parseQuestion(text: string): Question {
  const question = clean(text);
  if (question === "" || HELP.test(stripEnd(question)) || HELP.test(question)) {
    return { kind: "help" };
  }
  const customer = customerOf(TIER_EN, question) ?? customerOf(TIER_ZH, question);
  if (customer) return { kind: "tier", customer };
  if (BREAKDOWN.test(question)) return { kind: "breakdown" };
  if (CHURN.test(question)) {
    const period = findPeriod(question);
    // "last month", "yesterday", "上个月": a period not understood is not this week.
    if (!period && OTHER_PERIOD.test(question)) return { kind: "unknown", text: question };
    return {
      kind: "churn",
      period: period ?? "this week",
      focus: CHURN_LIST.test(question) ? "list" : "count",
    };
  }
  return { kind: "unknown", text: question };
}
