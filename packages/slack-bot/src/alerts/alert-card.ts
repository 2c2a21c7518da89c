import { formatDay, type QueuedAlert } from "@strata/core";
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
} from "../replies/slack-reply.ts";

/** Action ids of the alert buttons; their value is the alert id. */
export const CONTACTED = "churn-alert-contacted";
export const SNOOZE = "churn-alert-snooze";
/** Action id of a digest line's menu; option values are `contacted:ID` or `snoozed:ID`. */
export const DIGEST_MENU = "churn-alert-menu";
/** Days a snooze lasts. */
export const SNOOZE_DAYS = 30;
/** A message to one recipient from one run with more alerts than this is a digest. */
export const DIGEST_OVER = 5;
/** Customers a digest lists with a menu each; Slack allows 50 blocks in a message. */
const DIGEST_LISTED = 40;

/** How the alert event and its key travel in the message, to find it again after a crash. */
export const METADATA_EVENT = "strata_churn_alert";

type Facts = QueuedAlert["facts"];

const name = (f: Facts) => f.customer.name ?? f.customer.id;
const spendLabel = (f: Facts) => `Spend${f.window ? ` (${escapeMrkdwn(f.window)})` : ""}`;

function responseText(alert: QueuedAlert): string {
  const until = alert.snoozedUntil === null ? null : formatDay(alert.snoozedUntil);
  return alert.responses
    .map((r) =>
      r.action === "contacted"
        ? `:white_check_mark: Contacted · <@${r.userId}> · ${r.respondedAt.toISOString().slice(0, 10)}`
        : `:zzz: Snoozed${until ? ` until ${until}` : ""} · <@${r.userId}>`,
    )
    .join("   ");
}

function button(text: string, actionId: string, alertId: number, primary = false) {
  return {
    type: "button" as const,
    text: { type: "plain_text" as const, text },
    action_id: actionId,
    value: String(alertId),
    ...(primary ? { style: "primary" as const } : {}),
  };
}

/** The buttons not yet used, then what was done. */
function actionsOf(alert: QueuedAlert): KnownBlock[] {
  const done = new Set(alert.responses.map((r) => r.action));
  const buttons = [];
  if (!done.has("contacted")) buttons.push(button("Contacted", CONTACTED, alert.alertId, true));
  if (!done.has("snoozed"))
    buttons.push(button(`Snooze ${SNOOZE_DAYS} days`, SNOOZE, alert.alertId));
  const blocks: KnownBlock[] = [];
  if (buttons.length > 0)
    blocks.push({ type: "actions", block_id: `churn-alert-${alert.alertId}`, elements: buttons });
  if (alert.responses.length > 0) blocks.push(context(responseText(alert)));
  return blocks;
}

/**
 * One churn alert: the customer, value tier, last order, spend, the chance still active when
 * the metrics have it, the churn tier's action, and the buttons "Contacted" and "Snooze".
 */
export function alertCard(alert: QueuedAlert): SlackReply {
  const f = alert.facts;
  const texts = [
    `*Customer*\n${escapeMrkdwn(name(f))} (${escapeMrkdwn(f.customer.id)})`,
    `*${escapeMrkdwn(f.value?.dimensionLabel ?? "Value tier")}*\n${escapeMrkdwn(f.value?.label ?? "unassigned")}`,
    `*Last order*\n${f.lastOrder ?? "none in the window"}`,
    `*${spendLabel(f)}*\n${money(f.spend)} in ${plural(f.orders, "order")}`,
  ];
  if (f.pAlive !== null) texts.push(`*Chance still active*\n${chance(f.pAlive)}`);
  const blocks: KnownBlock[] = [header(`Churn alert: ${name(f)}`), fields(texts)];
  if (f.churn.action) blocks.push(section(`:dart: *Action:* ${escapeMrkdwn(f.churn.action)}`));
  blocks.push(
    context(
      `${escapeMrkdwn(f.churn.dimensionLabel)}: ${escapeMrkdwn(f.churn.from ?? "new")} → *${escapeMrkdwn(f.churn.label)}* on ${f.churnedOn} · account manager ${person(f.customer.accountManager)}`,
    ),
    ...actionsOf(alert),
  );
  return {
    text: escapeMrkdwn(
      `Churn alert: ${name(f)} (${f.customer.id}) entered ${f.churn.label} on ${f.churnedOn}`,
    ),
    blocks,
  };
}

function digestLine(alert: QueuedAlert): KnownBlock {
  const f = alert.facts;
  const parts = [
    `*${escapeMrkdwn(name(f))}* (${escapeMrkdwn(f.customer.id)})`,
    escapeMrkdwn(f.value?.label ?? "unassigned"),
    `last order ${f.lastOrder ?? "none"}`,
    `${money(f.spend)} spent`,
  ];
  if (f.pAlive !== null) parts.push(`${chance(f.pAlive)} still active`);
  const done = new Set(alert.responses.map((r) => r.action));
  const options = [
    ...(done.has("contacted") ? [] : [["Contacted", `contacted:${alert.alertId}`]]),
    ...(done.has("snoozed") ? [] : [[`Snooze ${SNOOZE_DAYS} days`, `snoozed:${alert.alertId}`]]),
  ].map(([text, value]) => ({
    text: { type: "plain_text" as const, text: text ?? "" },
    value: value ?? "",
  }));
  const status = alert.responses.length > 0 ? `\n${responseText(alert)}` : "";
  return section(
    `${parts.join(" · ")}${status}`,
    options.length > 0 ? { type: "overflow", action_id: DIGEST_MENU, options } : undefined,
  );
}

/** Several churn alerts for one recipient from one run, largest spend first, each with a menu. */
export function digestCard(alerts: readonly QueuedAlert[]): SlackReply {
  const sorted = [...alerts].sort((a, b) => b.facts.spend - a.facts.spend || a.alertId - b.alertId);
  const listed = sorted.slice(0, DIGEST_LISTED);
  const rest = sorted.slice(DIGEST_LISTED);
  const [first] = sorted;
  const day = first?.facts.churnedOn ?? "";
  const total = sorted.reduce((sum, a) => sum + a.facts.spend, 0);
  const blocks: KnownBlock[] = [
    header(`Churn alerts: ${count(sorted.length)} customers on ${day}`),
    section(
      `*${plural(sorted.length, "customer")}* entered ${escapeMrkdwn(first?.facts.churn.label ?? "churn")} · ${money(total)} spent in the window between them${first?.facts.churn.action ? `\n:dart: *Action:* ${escapeMrkdwn(first.facts.churn.action)}` : ""}`,
    ),
    { type: "divider" },
    ...listed.map(digestLine),
  ];
  if (rest.length > 0) {
    blocks.push(
      context(
        `and ${plural(rest.length, "more customer")}: ${rest.map((a) => `${escapeMrkdwn(name(a.facts))} (${escapeMrkdwn(a.facts.customer.id)})`).join(", ")}`,
      ),
    );
  }
  return {
    text: escapeMrkdwn(
      `Churn alerts: ${plural(sorted.length, "customer")} entered ${first?.facts.churn.label ?? "churn"} on ${day}`,
    ),
    blocks,
  };
}

/** The message for alerts claimed together: one alert's card, or a digest of several. */
export function alertMessage(alerts: readonly QueuedAlert[]): SlackReply {
  const [only] = alerts;
  return alerts.length === 1 && only ? alertCard(only) : digestCard(alerts);
}
