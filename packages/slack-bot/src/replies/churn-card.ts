import type { ChurnReport } from "@strata/core";
import {
  context,
  count,
  escapeMrkdwn,
  header,
  money,
  person,
  plural,
  type SlackReply,
  section,
} from "./slack-reply.ts";

/** How many churned customers a card lists: fewer for "how many", more for "who". */
export const LISTED = { count: 5, list: 15 } as const;

function change(now: number, before: number): string {
  const delta = now - before;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  const ratio = before > 0 ? ` (${sign}${Math.round((Math.abs(delta) / before) * 100)}%)` : "";
  return `${sign}${count(Math.abs(delta))}${ratio}`;
}

/**
 * The /churn card: customers who churned in the period, the previous period's count and the
 * change, and the customers lost by value (largest first) with their account managers.
 */
export function churnCard(answer: ChurnReport, focus: keyof typeof LISTED = "count"): SlackReply {
  const { period, previousPeriod } = answer;
  const headline = `*${plural(answer.count, "customer")}* churned ${period.from} – ${period.to}`;
  const previous = `previous period ${previousPeriod.from} – ${previousPeriod.to}: *${count(answer.previousCount)}* · change *${change(answer.count, answer.previousCount)}*`;
  const shown = answer.customers.slice(0, LISTED[focus]);
  const blocks = [header(`Churn ${answer.periodName}`), section(`${headline}\n${previous}`)];
  if (shown.length > 0) {
    const lines = shown.map(
      (c, i) =>
        `${i + 1}. *${escapeMrkdwn(c.name ?? c.customer_id)}* (${escapeMrkdwn(c.customer_id)}) · ${money(c.value_lost)} · was ${escapeMrkdwn(c.from_tier ?? "new")} · churned ${c.churned_on} · ${person(c.account_manager)}`,
    );
    blocks.push(section(`*Lost by value*\n${lines.join("\n")}`));
  }
  const more = answer.customers.length - shown.length;
  blocks.push(
    context(
      `${more > 0 ? `and ${plural(more, "more customer")} · ` : ""}as of ${answer.asOf} · value is spend in the rules' window up to the churn day`,
    ),
  );
  return {
    text: `${plural(answer.count, "customer")} churned ${period.from} – ${period.to} (previous period ${count(answer.previousCount)})`,
    blocks,
  };
}
