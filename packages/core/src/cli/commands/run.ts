import type { TierMove } from "../../engine/engine-store.ts";
import { type RunResult, runRules } from "../../engine/run-rules.ts";
import { StrataError } from "../../errors.ts";
import { formatDay } from "../../time/calendar.ts";
import type { Command } from "../command.ts";
import {
  AS_OF_OPTION,
  asOfDay,
  DB_OPTION,
  JSON_OPTION,
  rulesFromFile,
  withEngine,
} from "../engine-context.ts";
import { formatSummary } from "../summary-format.ts";
import { count, stepLine } from "../text-format.ts";

/** "lifecycle: active → silent 12, silent → churned 5" lines. */
export function formatMoves(moves: readonly TierMove[]): string[] {
  const byDimension = new Map<string, TierMove[]>();
  for (const m of moves) byDimension.set(m.dimension, [...(byDimension.get(m.dimension) ?? []), m]);
  return [...byDimension].map(
    ([dimension, list]) =>
      `  ${dimension}: ${list
        .sort((a, b) => b.count - a.count)
        .map((m) => `${m.from ?? "(new)"} → ${m.to ?? "(unassigned)"} ${count(m.count)}`)
        .join(", ")}`,
  );
}

/** "Queued 3 churn alerts for the bot to send (1 snoozed customer skipped)." */
function alertLines({ alerts }: RunResult): string[] {
  if (!alerts) return [];
  const notes = [
    alerts.snoozed > 0 ? `${count(alerts.snoozed)} snoozed skipped` : "",
    alerts.withoutRecipient > 0
      ? `${count(alerts.withoutRecipient)} without an account manager`
      : "",
  ].filter(Boolean);
  return [
    "",
    `Queued ${count(alerts.queued)} churn alert${alerts.queued === 1 ? "" : "s"} for the Slack bot to send${notes.length ? ` (${notes.join(", ")})` : ""}.`,
  ];
}

export const runCommand: Command = {
  name: "run",
  summary: "Place every customer in tiers as of a date and record the tier history",
  usage: "strata run RULES [--as-of DATE] [--db PATH] [--json]",
  description: [
    "Evaluates every dimension of RULES for every customer as of a date and records the tier",
    "history: one row per (customer, dimension, tier, valid_from, valid_to), closing the old",
    "interval when a tier changes. Running again for the same date and rules changes nothing.",
    "Customers who entered a churn tier and match the rules' alerts.churn.when are queued, in",
    "the same transaction, as churn alerts that the Slack bot sends (`pnpm bot`).",
    "Prints the counts per tier and the moves since the previous run.",
  ].join("\n"),
  options: { "as-of": AS_OF_OPTION, db: DB_OPTION, json: JSON_OPTION },
  examples: [
    "strata run packages/core/examples/retail.tiers.yaml",
    "strata run rules.tiers.yaml --as-of 2026-11-01 --db shop.db",
  ],
  async run({ positionals, values }, io) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0)
      throw new StrataError("usage", "name one rule file, e.g. strata run retail.tiers.yaml");
    const asOf = asOfDay(values, io);
    // A run takes seconds on a few hundred thousand customers.
    const steps = stepLine(io, io.isTTY && !values.json);
    const result = await withEngine(values, io, true, async (engine) =>
      runRules(engine, await rulesFromFile(file, io, engine), asOf, { progress: steps.show }),
    ).finally(steps.clear);
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ asOf: formatDay(asOf), recorded: result.recorded, runId: result.run.runId, customers: result.summary.customers, moves: result.moves, alerts: result.alerts ?? null }, null, 2)}\n`,
      );
      return 0;
    }
    const head = result.recorded
      ? `Recorded run ${result.run.runId} of ${file} as of ${formatDay(asOf)}: ${count(result.summary.customers)} customers.`
      : `Already recorded for ${formatDay(asOf)} with these rules: nothing changed.`;
    const moves = result.moves.length
      ? ["", "Moves since the previous run:", ...formatMoves(result.moves)]
      : [];
    io.stdout(
      [head, ...formatSummary(result.summary), ...moves, ...alertLines(result), ""].join("\n"),
    );
    return 0;
  },
};
