import type { TierAnswer } from "@strata/core";
import {
  chance,
  context,
  count,
  escapeMrkdwn,
  fields,
  header,
  type KnownBlock,
  money,
  person,
  plural,
  type SlackReply,
  section,
  within,
} from "./slack-reply.ts";

/** History entries shown on the card, newest first. */
const HISTORY_SHOWN = 6;

type DimensionAnswer = TierAnswer["dimensions"][string];

function keyMetrics(answer: TierAnswer): KnownBlock {
  const m = answer.metrics;
  const texts = [
    `*Last order*\n${m.recency_days === null ? "none in the window" : `${plural(m.recency_days, "day")} ago`}`,
    `*Orders in the window*\n${count(m.frequency)}`,
    `*Spend in the window*\n${money(m.monetary)}`,
  ];
  if (m.rfm_segment) texts.push(`*RFM segment*\n${escapeMrkdwn(m.rfm_segment)}`);
  if (typeof m.p_alive === "number") texts.push(`*Chance still active*\n${chance(m.p_alive)}`);
  return fields(texts);
}

function dimensionText(d: DimensionAnswer): string {
  const lines = [
    `*${escapeMrkdwn(d.label)}: ${escapeMrkdwn(d.tierLabel ?? "unassigned")}*${d.since ? `  _since ${d.since}_` : ""}`,
    ...d.because.map((line) => `• ${escapeMrkdwn(line)}`),
  ];
  if (d.action) lines.push(`:dart: *Action:* ${escapeMrkdwn(d.action)}`);
  if (d.nextUp && d.nextUp.failing.length > 0) {
    lines.push(
      `:arrow_up: *To reach ${escapeMrkdwn(d.nextUp.label)}:* ${d.nextUp.failing.map(escapeMrkdwn).join("; ")}`,
    );
  }
  return lines.join("\n");
}

function historyText(answer: TierAnswer): string | null {
  const changes = answer.history.slice(0, HISTORY_SHOWN);
  if (changes.length === 0) return null;
  const shown = changes.map(
    (h) => `${h.from} ${escapeMrkdwn(h.dimension)} → ${escapeMrkdwn(h.tier)}`,
  );
  const more = answer.history.length - changes.length;
  return `*History:* ${shown.join(" · ")}${more > 0 ? ` · and ${count(more)} earlier` : ""}`;
}

/**
 * The /tier card: the customer, key metrics, each dimension's tier with the matched rule in
 * words, the recommended action and the gap to the next tier up, and the latest tier changes.
 */
export function tierCard(answer: TierAnswer): SlackReply {
  const { customer } = answer;
  const name = customer.name ?? customer.customer_id;
  const dimensions = Object.values(answer.dimensions);
  const history = historyText(answer);
  const top: KnownBlock[] = [
    header(`${name} (${customer.customer_id})`),
    context(`Account manager: ${person(customer.account_manager)} · as of ${answer.asOf}`),
    keyMetrics(answer),
    { type: "divider" },
  ];
  const bottom: KnownBlock[] = history ? [{ type: "divider" }, context(history)] : [];
  const shown = within(
    dimensions.map((d) => section(dimensionText(d))),
    top.length + bottom.length,
    (hidden) =>
      context(
        `and ${plural(hidden, "more dimension")}: ${dimensions
          .slice(-hidden)
          .map((d) => `${escapeMrkdwn(d.label)}: ${escapeMrkdwn(d.tierLabel ?? "unassigned")}`)
          .join(" · ")}`,
      ),
  );
  const blocks = [...top, ...shown, ...bottom];
  const summary = dimensions.map((d) => `${d.label}: ${d.tierLabel ?? "unassigned"}`).join(", ");
  return { text: escapeMrkdwn(`${name} (${customer.customer_id}): ${summary}`), blocks };
}
