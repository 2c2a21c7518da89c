import { tierOf } from "../../engine/tier-question.ts";
import { StrataError } from "../../errors.ts";
import type { Command } from "../command.ts";
import {
  AS_OF_OPTION,
  asOfDay,
  DB_OPTION,
  JSON_OPTION,
  RULES_OPTION,
  rulesForQuestion,
  withEngine,
} from "../engine-context.ts";
import { count, money, percent } from "../text-format.ts";

export const tierCommand: Command = {
  name: "tier",
  summary: "Say which tier a customer is in, why, and what the next tier up needs",
  usage: "strata tier CUSTOMER [--as-of DATE] [--rules FILE] [--db PATH] [--json]",
  description: [
    "Finds CUSTOMER by id, exact name or part of the name (asking back when several match),",
    "then prints each dimension's tier with the conditions that placed it there and their",
    "actual values, the recommended action, the gap to the next tier up, key metrics and the",
    "customer's tier history. Uses the rule file of the latest run unless --rules is given.",
  ].join("\n"),
  options: { "as-of": AS_OF_OPTION, rules: RULES_OPTION, db: DB_OPTION, json: JSON_OPTION },
  examples: ["strata tier ACME", "strata tier C00042 --as-of 2026-06-30 --json"],
  async run({ positionals, values }, io) {
    const query = positionals.join(" ").trim();
    if (!query)
      throw new StrataError("usage", "name a customer by id or name, e.g. strata tier ACME");
    const asOf = asOfDay(values, io);
    const answer = await withEngine(values, io, true, async (engine) =>
      tierOf(engine, await rulesForQuestion(values, io, engine), query, asOf),
    );
    if (values.json) {
      io.stdout(`${JSON.stringify(answer, null, 2)}\n`);
      return 0;
    }
    const { customer, metrics } = answer;
    const lines = [
      `${customer.name ?? customer.customer_id} (${customer.customer_id})${customer.account_manager ? ` · account manager ${customer.account_manager}` : ""} · as of ${answer.asOf}`,
      `${metrics.recency_days === null ? "No order in the window" : `Last order ${metrics.recency_days} days ago`} · ${count(metrics.frequency)} order${metrics.frequency === 1 ? "" : "s"} · ${money(metrics.monetary)} spent in the window`,
    ];
    if (metrics.p_alive != null && metrics.expected_orders_90d != null)
      lines.push(
        `Still buying: ${percent(metrics.p_alive)} likely (p_alive, BG/NBD) · ${metrics.expected_orders_90d.toFixed(2)} orders expected in the next 90 days`,
      );
    for (const d of Object.values(answer.dimensions)) {
      lines.push(
        "",
        `${d.label}: ${d.tierLabel ?? "unassigned"}${d.since ? ` (since ${d.since})` : ""}`,
      );
      lines.push(...d.because.map((b) => `  ${b}`));
      if (d.action) lines.push(`  Action: ${d.action}`);
      if (d.nextUp?.failing.length)
        lines.push(`  To reach ${d.nextUp.label}:`, ...d.nextUp.failing.map((f) => `    ${f}`));
    }
    const changes = answer.history.filter((h) => h.from).slice(0, 10);
    if (changes.length) {
      lines.push(
        "",
        "History (newest first):",
        ...changes.map(
          (h) => `  ${h.from}  ${h.dimension}: ${h.tier}${h.to ? ` until ${h.to}` : ""}`,
        ),
      );
    }
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
