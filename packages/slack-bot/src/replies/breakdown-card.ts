import type { Breakdown } from "@strata/core";
import {
  context,
  count,
  escapeMrkdwn,
  header,
  percent,
  plural,
  type SlackReply,
  section,
  within,
} from "./slack-reply.ts";

/** Customers per tier in every dimension, with shares of customers, as of a day. */
export function breakdownCard(answer: Breakdown): SlackReply {
  const { summary } = answer;
  const dimensions = summary.dimensions.map((d) => {
    const tiers = d.tiers.map(
      (t) => `${escapeMrkdwn(t.label)} *${count(t.count)}* (${percent(t.share)})`,
    );
    if (d.unassigned > 0) tiers.push(`unassigned *${count(d.unassigned)}*`);
    return section(`*${escapeMrkdwn(d.label)}*\n${tiers.join(" · ")}`);
  });
  const shown = within(dimensions, 2, (hidden) =>
    context(
      `and ${plural(hidden, "more dimension")}: ${summary.dimensions
        .slice(-hidden)
        .map((d) => escapeMrkdwn(d.label))
        .join(", ")}`,
    ),
  );
  return {
    text: `Tier breakdown of ${count(summary.customers)} customers as of ${answer.asOf}`,
    blocks: [
      header("Tier breakdown"),
      ...shown,
      context(`${count(summary.customers)} customers with orders · as of ${answer.asOf}`),
    ],
  };
}
