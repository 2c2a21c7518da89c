import { compareRules, preview } from "../../engine/run-rules.ts";
import type { TierChanges } from "../../engine/tier-changes.ts";
import { StrataError } from "../../errors.ts";
import { formatDay } from "../../time/calendar.ts";
import type { Command } from "../command.ts";
import {
  AS_OF_OPTION,
  asOfDay,
  DB_OPTION,
  JSON_OPTION,
  rulesFromFile,
  stringOption,
  withEngine,
} from "../engine-context.ts";
import { formatSummary } from "../summary-format.ts";
import { count, stepLine, table } from "../text-format.ts";

export const previewCommand: Command = {
  name: "preview",
  summary: "Show how many customers a rule file puts in each tier, without recording anything",
  usage:
    "strata preview RULES [--as-of DATE] [--matrix DIM_A,DIM_B] [--compare OLD_RULES] [--db PATH] [--json]",
  description: [
    "Evaluates every dimension of RULES for every customer as of a date and prints, per",
    "dimension, each tier's customers, share of customers and share of monetary value, the",
    "customers left unassigned, and two dimensions crossed (the first two unless --matrix",
    "names others): customers and share of monetary value per cell. With --compare, also how",
    "many customers would move from which tier to which if OLD_RULES were replaced by RULES.",
    "Nothing is written.",
  ].join("\n"),
  options: {
    "as-of": AS_OF_OPTION,
    matrix: {
      type: "string",
      value: "A,B",
      description: "Cross these two dimensions instead of the first two.",
    },
    compare: {
      type: "string",
      value: "OLD_RULES",
      description: "Count the customers who move between tiers against this version of the rules.",
    },
    db: DB_OPTION,
    json: JSON_OPTION,
  },
  examples: [
    "strata preview packages/core/examples/retail.tiers.yaml --db strata-demo.db",
    "strata preview rules.tiers.yaml --matrix value,lifecycle --json",
    "git show HEAD:rules.tiers.yaml > old.tiers.yaml && strata preview rules.tiers.yaml --compare old.tiers.yaml",
  ],
  async run({ positionals, values }, io) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0)
      throw new StrataError("usage", "name one rule file, e.g. strata preview retail.tiers.yaml");
    const asOf = asOfDay(values, io);
    const matrixFlag = stringOption(values, "matrix");
    const matrix = matrixFlag?.split(",").map((s) => s.trim());
    if (matrix && (matrix.length !== 2 || !matrix[0] || !matrix[1])) {
      throw new StrataError(
        "usage",
        "--matrix takes two dimensions separated by a comma, e.g. --matrix value,lifecycle",
      );
    }
    const compare = stringOption(values, "compare");
    const steps = stepLine(io, io.isTTY && !values.json);
    const { summary, changes } = await withEngine(values, io, true, async (engine) => {
      const rules = await rulesFromFile(file, io, engine);
      for (const d of matrix ?? []) {
        if (!rules.file.dimensions.some((x) => x.id === d))
          throw new StrataError("usage", `--matrix: ${file} has no dimension '${d}'`);
      }
      const summary = await preview(
        engine,
        rules,
        asOf,
        matrix as [string, string] | undefined,
        steps.show,
      );
      const changes =
        compare === undefined
          ? undefined
          : await compareRules(
              engine,
              await rulesFromFile(compare, io, engine),
              rules,
              asOf,
              steps.show,
            );
      return { summary, changes };
    }).finally(steps.clear);
    if (values.json) {
      const dimensions = Object.fromEntries(
        summary.dimensions.map((d) => [
          d.dimension,
          {
            label: d.label,
            unassigned: d.unassigned,
            tiers: Object.fromEntries(d.tiers.map((t) => [t.tier, t])),
          },
        ]),
      );
      io.stdout(
        `${JSON.stringify({ asOf: formatDay(asOf), customers: summary.customers, dimensions, matrix: summary.matrix, ...(changes ? { changes } : {}) }, null, 2)}\n`,
      );
      return 0;
    }
    io.stdout(
      [
        `Preview of ${file} as of ${formatDay(asOf)}: ${count(summary.customers)} customers`,
        ...formatSummary(summary),
        ...(changes && compare ? formatChanges(changes, compare) : []),
        "",
      ].join("\n"),
    );
    return 0;
  },
};

function formatChanges(changes: TierChanges, against: string): string[] {
  const moved = `${count(changes.customers)} customer${changes.customers === 1 ? "" : "s"}`;
  const rows = changes.moves.map((m) => [
    m.dimension,
    m.from ?? "(unassigned)",
    m.to ?? "(unassigned)",
    count(m.count),
  ]);
  return [
    "",
    `Compared with ${against}: ${moved} change tier`,
    ...(rows.length
      ? table(["dimension", "from", "to", "customers"], rows, [3]).map((l) => `  ${l}`)
      : []),
    ...changes.added.map((d) => `  new dimension ${d}`),
    ...changes.removed.map((d) => `  dimension ${d} is gone`),
  ];
}
