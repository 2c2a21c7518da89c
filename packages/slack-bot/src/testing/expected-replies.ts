import type { TierAnswer } from "@strata/core";
import { TODAY } from "./demo-data.ts";
import type { Churned, customerFacts, tierCounts } from "./demo-facts.ts";
import { money } from "./demo-facts.ts";

/**
 * Replies written out by hand, with the numbers of demo-facts.ts (SQL on the demo's tables)
 * and the words of the demo's rules (examples/retail.tiers.yaml): what the bot must post,
 * independent of the code that builds its cards. For tests only.
 */

const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const header = (text: string) => ({
  type: "header",
  text: { type: "plain_text", text, emoji: true },
});
const section = (text: string) => ({ type: "section", text: mrkdwn(text) });
const context = (text: string) => ({ type: "context", elements: [mrkdwn(text)] });
const divider = { type: "divider" };
/** Slack's three escapes in mrkdwn text: &, < and >. */
const escaped = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * ACME's card (C00001: High value, active, no satisfaction score, RFM best, as the demo's
 * tables put it). The explanations' lines are core's, `explained`: the card shows them
 * escaped for mrkdwn.
 */
export function acmeCard(acme: Awaited<ReturnType<typeof customerFacts>>, explained: TierAnswer) {
  const why = (dimension: string) =>
    (explained.dimensions[dimension]?.because ?? []).map((line) => `• ${escaped(line)}`).join("\n");
  const gap = (dimension: string) =>
    escaped(explained.dimensions[dimension]?.nextUp?.failing.join("; ") ?? "");
  const { since } = acme;
  return {
    text: "ACME (C00001): Value tier: High value, Lifecycle: active, Satisfaction (CSAT): unknown, RFM segment: best",
    blocks: [
      header("ACME (C00001)"),
      context(`Account manager: ${acme.accountManager} · as of ${TODAY}`),
      {
        type: "section",
        fields: [
          `*Last order*\n${acme.recencyDays} days ago`,
          `*Orders in the window*\n${acme.orders}`,
          `*Spend in the window*\n${money(acme.spend)}`,
          `*RFM segment*\n${explained.metrics.rfm_segment}`,
        ].map(mrkdwn),
      },
      divider,
      section(
        `*Value tier: High value*  _since ${since.value}_\n${why("value")}\n:dart: *Action:* Early access to new collections, loyalty points x2\n:arrow_up: *To reach VIP:* ${gap("value")}`,
      ),
      section(
        `*Lifecycle: active*  _since ${since.lifecycle}_\n${why("lifecycle")}\n:dart: *Action:* Keep the rhythm; recommend the next purchase`,
      ),
      section(
        `*Satisfaction (CSAT): unknown*  _since ${since.csat}_\n${why("csat")}\n:arrow_up: *To reach detractor:* ${gap("csat")}`,
      ),
      section(
        `*RFM segment: best*  _since ${since.segment}_\n${why("segment")}\n:dart: *Action:* Reward; no discounts needed`,
      ),
      divider,
      context(
        `*History:* ${acme.history.slice(0, 6).join(" · ")} · and ${acme.history.length - 6} earlier`,
      ),
    ],
  };
}

/** The days of each period as of TODAY (Wednesday 18 March 2026) and of the one before. */
export const PERIODS = {
  "this week": { from: "2026-03-16", to: "2026-03-22", before: ["2026-03-09", "2026-03-15"] },
  "last week": { from: "2026-03-09", to: "2026-03-15", before: ["2026-03-02", "2026-03-08"] },
  "this month": { from: "2026-03-01", to: "2026-03-31", before: ["2026-01-29", "2026-02-28"] },
  "last 30 days": { from: "2026-02-17", to: "2026-03-18", before: ["2026-01-18", "2026-02-16"] },
} as const;

/** The change from `before` to `now` as the card words it: "+2 (+40%)", "−1 (−20%)", "±0". */
function change(now: number, before: number): string {
  const sign = now > before ? "+" : now < before ? "−" : "±";
  const delta = Math.abs(now - before);
  return before > 0
    ? `${sign}${delta} (${sign}${Math.round((delta / before) * 100)}%)`
    : `${sign}${delta}`;
}

const customers = (n: number) => `${n} customer${n === 1 ? "" : "s"}`;

/** The churn card of `period`, listing the first 5 ("how many") or 15 ("who") by value lost. */
export function churnCardOf(
  period: keyof typeof PERIODS,
  churned: Churned[],
  before: Churned[],
  listed: 5 | 15,
) {
  const { from, to, before: previous } = PERIODS[period];
  const shown = churned.slice(0, listed);
  const lines = shown.map(
    (c, i) =>
      `${i + 1}. *${c.name}* (${c.customerId}) · ${money(c.valueLost)} · was ${c.fromTier} · churned ${c.churnedOn} · ${c.accountManager}`,
  );
  const more = churned.length - shown.length;
  return {
    text: `${customers(churned.length)} churned ${from} – ${to} (previous period ${before.length})`,
    blocks: [
      header(`Churn ${period}`),
      section(
        `*${customers(churned.length)}* churned ${from} – ${to}\nprevious period ${previous[0]} – ${previous[1]}: *${before.length}* · change *${change(churned.length, before.length)}*`,
      ),
      ...(shown.length > 0 ? [section(`*Lost by value*\n${lines.join("\n")}`)] : []),
      context(
        `${more > 0 ? `and ${customers(more).replace("customer", "more customer")} · ` : ""}as of ${TODAY} · value is spend in the rules' window up to the churn day`,
      ),
    ],
  };
}

/** The tiers of the demo's rules, in their order, as the breakdown names them. */
const DIMENSIONS = [
  [
    "Value tier",
    "value",
    [
      ["vip", "VIP"],
      ["high", "High value"],
      ["medium", "Medium value"],
      ["low", "Low value"],
    ],
  ],
  [
    "Lifecycle",
    "lifecycle",
    [
      ["active", "active"],
      ["silent", "silent"],
      ["churned", "churned"],
    ],
  ],
  [
    "Satisfaction (CSAT)",
    "csat",
    [
      ["promoter", "promoter"],
      ["passive", "passive"],
      ["detractor", "detractor"],
      ["unknown", "unknown"],
    ],
  ],
  [
    "RFM segment",
    "segment",
    [
      ["best", "best"],
      ["rising", "rising"],
      ["slipping", "slipping"],
      ["gone", "gone"],
    ],
  ],
] as const;

/** The tier breakdown with the counts of `counts`. */
export function breakdownCardOf(counts: Awaited<ReturnType<typeof tierCounts>>) {
  const n = counts.customers;
  const share = (k: number) => `${((k / n) * 100).toFixed(1)}%`;
  return {
    text: `Tier breakdown of ${n} customers as of ${TODAY}`,
    blocks: [
      header("Tier breakdown"),
      ...DIMENSIONS.map(([label, id, tiers]) =>
        section(
          `*${label}*\n${tiers.map(([tier, name]) => `${name} *${counts.count(id, tier)}* (${share(counts.count(id, tier))})`).join(" · ")}`,
        ),
      ),
      context(`${n} customers with orders · as of ${TODAY}`),
    ],
  };
}

/** What the bot understands, as its help says it; `echo` is the question it did not. */
export function helpReply(echo?: string) {
  const intro = echo
    ? `Sorry, I didn't understand “${echo}”. Here is what I understand:`
    : "Here is what I understand:";
  return {
    text: `${intro} what tier is customer ACME; how many customers churned this week; who churned last week; tier breakdown; help`,
    blocks: [
      section(intro),
      section(
        "*Ask me, in a mention or a direct message*\n• what tier is customer ACME  ·  客户 ACME 是哪一层\n• how many customers churned this week  ·  本周流失了多少客户\n• who churned last week  ·  上周哪些客户流失了\n• tier breakdown  ·  分层概况\n• help  ·  帮助",
      ),
      section(
        "*Slash commands*\n`/tier ACME`: a customer's tiers, why, and what to do\n`/churn [this week|last week|this month|last 30 days]`: churned customers, the trend, the list",
      ),
    ],
  };
}
