import { resolve } from "node:path";
import { createDemo } from "../../demo/create-demo.ts";
import { churnIn, churnPeriod } from "../../engine/churn-question.ts";
import { latestRunRules } from "../../engine/rules-source.ts";
import { preview } from "../../engine/run-rules.ts";
import { StrataError } from "../../errors.ts";
import { sqliteEngineStore } from "../../store/sqlite/sqlite-engine-store.ts";
import { openSqliteStore } from "../../store/sqlite/sqlite-store.ts";
import { formatDay } from "../../time/calendar.ts";
import type { Command } from "../command.ts";
import { asOfDay, stringOption } from "../engine-context.ts";
import { formatSummary } from "../summary-format.ts";
import { count, stepLine } from "../text-format.ts";
import { tierCommand } from "./tier.ts";

const DEMO_DB = "strata-demo.db";

export const demoCommand: Command = {
  name: "demo",
  summary: "Create a demo shop with a year of tier history, and show what Strata answers",
  usage: "strata demo [--customers N] [--seed S]",
  description: [
    `Generates a realistic synthetic retail business (customers with their own buying rates,`,
    `some who stop buying, skewed spend, categories, satisfaction scores, account managers),`,
    `stores it in ./${DEMO_DB} (replacing an earlier demo), backfills a year of weekly tier`,
    `history with packages/core/examples/retail.tiers.yaml, then shows the tiers, this week's`,
    `churn and one customer explained.`,
  ].join("\n"),
  options: {
    customers: { type: "string", value: "N", description: "How many customers (default 2000)." },
    seed: {
      type: "string",
      value: "S",
      description: "Random seed: the same seed gives the same shop (default 1).",
    },
  },
  examples: ["strata demo", "strata demo --customers 10000 --seed 7"],
  async run({ values }, io) {
    const customers = Number(stringOption(values, "customers") ?? 2000);
    const seed = Number(stringOption(values, "seed") ?? 1);
    if (!Number.isInteger(customers) || customers < 10 || customers > 1_000_000) {
      throw new StrataError("usage", "--customers must be a whole number from 10 to 1,000,000");
    }
    if (!Number.isInteger(seed)) throw new StrataError("usage", "--seed must be a whole number");
    const path = resolve(io.cwd, DEMO_DB);
    const today = asOfDay({}, io);
    const steps = stepLine(io, io.isTTY);
    const result = await createDemo(path, { customers, seed, today }, steps.show).finally(
      steps.clear,
    );
    const store = await openSqliteStore(path);
    let lines: string[];
    try {
      const engine = sqliteEngineStore(store.connection);
      const rules = await latestRunRules(engine)();
      const summary = await preview(engine, rules, today);
      const churn = await churnIn(engine, rules, churnPeriod({ week: "this" }, today));
      lines = [
        `Created ${DEMO_DB}: ${count(result.customers)} customers, ${count(result.orders)} orders, ${result.runs} weekly runs of retail.tiers.yaml up to ${formatDay(today)}.`,
        ...formatSummary(summary),
        "",
        `Churned this week: ${count(churn.count)} (previous week: ${count(churn.previousCount)})${churn.customers[0] ? `; biggest loss ${churn.customers[0].name} (${churn.customers[0].account_manager})` : ""}.`,
        "",
        "One customer explained (strata tier ACME):",
        "",
      ];
    } finally {
      await store.close();
    }
    io.stdout(lines.join("\n"));
    await tierCommand.run({ positionals: ["ACME"], values: { db: path } }, io);
    io.stdout(
      [
        "",
        "Try next:",
        `  pnpm strata churn --week last --db ${DEMO_DB}          who churned last week, by value lost`,
        `  pnpm strata tier Globex --db ${DEMO_DB}                any customer, by id or name`,
        `  pnpm strata preview packages/core/examples/b2b.tiers.yaml --db ${DEMO_DB}`,
        "  pnpm strata validate packages/core/examples/*.tiers.yaml   check rule files",
        "",
      ].join("\n"),
    );
    return 0;
  },
};
