import type { TierMove } from "../../engine/engine-store.ts";
import { runRules } from "../../engine/run-rules.ts";
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
import { count } from "../text-format.ts";

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

export const runCommand: Command = {
  name: "run",
  summary: "Place every customer in tiers as of a date and record the tier history",
  usage: "strata run RULES [--as-of DATE] [--db PATH] [--json]",
  description: [
    "Evaluates every dimension of RULES for every customer as of a date and records the tier",
    "history: one row per (customer, dimension, tier, valid_from, valid_to), closing the old",
    "interval when a tier changes. Running again for the same date and rules changes nothing.",
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
    const result = await withEngine(values, io, true, async (engine) =>
      runRules(engine, await rulesFromFile(file, io, engine), asOf),
    );
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ asOf: formatDay(asOf), recorded: result.recorded, runId: result.run.runId, customers: result.summary.customers, moves: result.moves }, null, 2)}\n`,
      );
      return 0;
    }
    const head = result.recorded
      ? `Recorded run ${result.run.runId} of ${file} as of ${formatDay(asOf)}: ${count(result.summary.customers)} customers.`
      : `Already recorded for ${formatDay(asOf)} with these rules: nothing changed.`;
    const moves = result.moves.length
      ? ["", "Moves since the previous run:", ...formatMoves(result.moves)]
      : [];
    io.stdout([head, ...formatSummary(result.summary), ...moves, ""].join("\n"));
    return 0;
  },
};
