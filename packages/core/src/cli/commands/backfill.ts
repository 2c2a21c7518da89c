import { backfill, backfillDays } from "../../engine/run-rules.ts";
import { StrataError } from "../../errors.ts";
import { formatDay, requireDay } from "../../time/calendar.ts";
import type { Command } from "../command.ts";
import {
  asOfDay,
  DB_OPTION,
  JSON_OPTION,
  rulesFromFile,
  stringOption,
  withEngine,
} from "../engine-context.ts";
import { count } from "../text-format.ts";
import { formatMoves } from "./run.ts";

export const backfillCommand: Command = {
  name: "backfill",
  summary: "Build tier history from past orders, as if 'run' had run on each date",
  usage: "strata backfill RULES --from DATE [--to DATE] [--every day|week] [--db PATH] [--json]",
  description: [
    "Runs RULES as of --from, then every day or week up to --to (default today), recording",
    "the tier history as 'strata run' would, so week-over-week questions work on day one.",
    "History moves forward only: --from must not be before the latest recorded run.",
  ].join("\n"),
  options: {
    from: { type: "string", value: "DATE", description: "First date, YYYY-MM-DD (required)." },
    to: {
      type: "string",
      value: "DATE",
      description: "Last date (default: today in $STRATA_TIMEZONE).",
    },
    every: { type: "string", value: "day|week", description: "How often to run (default: week)." },
    db: DB_OPTION,
    json: JSON_OPTION,
  },
  examples: ["strata backfill retail.tiers.yaml --from 2025-11-24 --every week"],
  async run({ positionals, values }, io) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0)
      throw new StrataError(
        "usage",
        "name one rule file, e.g. strata backfill retail.tiers.yaml --from 2025-01-06",
      );
    const fromText = stringOption(values, "from");
    if (fromText === undefined)
      throw new StrataError("usage", "--from DATE is required, e.g. --from 2025-01-06");
    const from = requireDay(fromText, "--from");
    const toText = stringOption(values, "to");
    const to = toText === undefined ? asOfDay({}, io) : requireDay(toText, "--to");
    const every = stringOption(values, "every") ?? "week";
    if (every !== "day" && every !== "week")
      throw new StrataError("usage", `--every must be day or week, not "${every}"`);
    if (to < from) throw new StrataError("usage", "--to is before --from");
    const days = backfillDays(from, to, every);
    const started = io.now().getTime();
    const results = await withEngine(values, io, true, async (engine) => {
      const rules = await rulesFromFile(file, io, engine);
      return backfill(engine, rules, days, (done, total, day) => {
        if (io.isTTY)
          io.stderr(`\r  ${done}/${total} runs, at ${formatDay(day)}${done === total ? "\n" : ""}`);
      });
    });
    const moves = results.flatMap((r) => r.moves);
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ from: formatDay(from), to: formatDay(to), runs: results.length, moves }, null, 2)}\n`,
      );
      return 0;
    }
    const seconds = ((io.now().getTime() - started) / 1000).toFixed(1);
    const last = results.at(-1);
    io.stdout(
      [
        `Backfilled ${results.length} runs from ${formatDay(from)} to ${formatDay(to)} (every ${every}) in ${seconds} s; ${count(last?.summary.customers ?? 0)} customers at the end.`,
        "Moves over the whole period:",
        ...formatMoves(
          Object.values(
            moves
              .filter((m) => m.from !== null)
              .reduce<Record<string, (typeof moves)[number]>>((acc, m) => {
                const key = `${m.dimension}|${m.from}|${m.to}`;
                acc[key] = { ...m, count: (acc[key]?.count ?? 0) + m.count };
                return acc;
              }, {}),
          ),
        ),
        "",
      ].join("\n"),
    );
    return 0;
  },
};
