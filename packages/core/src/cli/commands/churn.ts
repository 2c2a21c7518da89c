import { churnIn, churnPeriod } from "../../engine/churn-question.ts";
import type { Command } from "../command.ts";
import {
  asOfDay,
  DB_OPTION,
  JSON_OPTION,
  RULES_OPTION,
  rulesForQuestion,
  stringOption,
  withEngine,
} from "../engine-context.ts";
import { count, money, table } from "../text-format.ts";

export const churnCommand: Command = {
  name: "churn",
  summary: "Count the customers who churned in a week or between two dates, and list them",
  usage:
    "strata churn [--week this|last|YYYY-Www] [--since DATE --until DATE] [--rules FILE] [--db PATH] [--json]",
  description: [
    "Customers who entered a dimension's churn tier (`churn:` in the rules) in the period,",
    "from the recorded history: the count, the previous period's count, and the customers by",
    "value lost, with their account managers. Weeks are ISO weeks (Monday to Sunday) in",
    "$STRATA_TIMEZONE; dates are inclusive. Default: this week.",
  ].join("\n"),
  options: {
    week: {
      type: "string",
      value: "WEEK",
      description: "this, last, or an ISO week such as 2026-W47.",
    },
    since: { type: "string", value: "DATE", description: "First day of the period, YYYY-MM-DD." },
    until: {
      type: "string",
      value: "DATE",
      description: "Last day of the period (default: today).",
    },
    rules: RULES_OPTION,
    db: DB_OPTION,
    json: JSON_OPTION,
  },
  examples: [
    "strata churn",
    "strata churn --week last --json",
    "strata churn --since 2026-10-01 --until 2026-10-31",
  ],
  async run({ values }, io) {
    const period = churnPeriod(
      {
        ...(stringOption(values, "week") !== undefined
          ? { week: stringOption(values, "week") as string }
          : {}),
        ...(stringOption(values, "since") !== undefined
          ? { since: stringOption(values, "since") as string }
          : {}),
        ...(stringOption(values, "until") !== undefined
          ? { until: stringOption(values, "until") as string }
          : {}),
      },
      asOfDay({}, io),
    );
    const answer = await withEngine(values, io, true, async (engine) =>
      churnIn(engine, await rulesForQuestion(values, io, engine), period),
    );
    if (values.json) {
      io.stdout(`${JSON.stringify(answer, null, 2)}\n`);
      return 0;
    }
    const change = answer.count - answer.previousCount;
    const lines = [
      `${count(answer.count)} customer${answer.count === 1 ? "" : "s"} churned ${answer.period.from} – ${answer.period.to} (previous period: ${count(answer.previousCount)}, ${change >= 0 ? "+" : ""}${count(change)})`,
    ];
    if (answer.customers.length) {
      const rows = answer.customers
        .slice(0, 50)
        .map((c) => [
          c.name ?? c.customer_id,
          c.customer_id,
          c.account_manager ?? "",
          c.from_tier ?? "",
          c.churned_on,
          money(c.value_lost),
        ]);
      lines.push(
        "",
        ...table(
          ["customer", "id", "account manager", "was", "churned on", "value lost"],
          rows,
          [5],
        ),
      );
      if (answer.customers.length > 50)
        lines.push(`… and ${answer.customers.length - 50} more (use --json for all)`);
    }
    io.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
