import { resolve } from "node:path";
import type { BgnbdFit } from "../../clv/bgnbd-fit.ts";
import { fitBgnbd } from "../../clv/bgnbd-fit.ts";
import { readSummaryFile } from "../../clv/summary-file.ts";
import { fitClv } from "../../engine/customer-clv.ts";
import { StrataError } from "../../errors.ts";
import { formatDay } from "../../time/calendar.ts";
import type { Command } from "../command.ts";
import {
  AS_OF_OPTION,
  asOfDay,
  DB_OPTION,
  JSON_OPTION,
  stringOption,
  withEngine,
} from "../engine-context.ts";
import { count, percent } from "../text-format.ts";

export const clvCommand: Command = {
  name: "clv",
  summary: "Fit the BG/NBD model behind p_alive and expected_orders_90d, and print its parameters",
  usage:
    "strata clv [--as-of DATE] [--db PATH] [--json]\n       strata clv --summary FILE [--json]",
  description: [
    "Fits the BG/NBD model (Fader, Hardie & Lee 2005) by maximum likelihood: each customer",
    "buys at a rate drawn from Gamma(r, alpha) while active, and after each purchase stops",
    "for good with a probability drawn from Beta(a, b). The fit gives p_alive, the chance a",
    "customer is still buying, and expected_orders_90d; rule files with `clv: { model: bgnbd }`",
    "use them as metrics, and `strata run` keeps the fit with the run.",
    "",
    "Without --summary it fits every customer's orders on or before the as-of date, in weeks:",
    "x is the number of days with an order after the first, t_x the weeks from the first to",
    "the last, T the weeks from the first to the as-of date. With --summary it fits a CSV",
    "with columns frequency (x), recency (t_x) and T in any one time unit, such as",
    "data/cdnow/cdnow_customers_summary.csv.",
  ].join("\n"),
  options: {
    summary: {
      type: "string",
      value: "FILE",
      description: "Fit this customer summary CSV (frequency, recency, T) instead of the database.",
    },
    "as-of": AS_OF_OPTION,
    db: DB_OPTION,
    json: JSON_OPTION,
  },
  examples: [
    "strata clv --db strata-demo.db",
    "strata clv --summary data/cdnow/cdnow_customers_summary.csv --json",
  ],
  async run({ positionals, values }, io) {
    if (positionals.length > 0) {
      throw new StrataError(
        "usage",
        `strata clv takes no file name; did you mean --summary ${positionals[0]}?`,
      );
    }
    const summary = stringOption(values, "summary");
    if (summary !== undefined && (values["as-of"] !== undefined || values.db !== undefined)) {
      throw new StrataError("usage", "--summary fits a file: leave out --as-of and --db");
    }
    let fit: BgnbdFit;
    let source: string;
    if (summary !== undefined) {
      fit = fitBgnbd(await readSummaryFile(resolve(io.cwd, summary), summary));
      source = `${summary} (time unit of the file)`;
    } else {
      const asOf = asOfDay(values, io);
      fit = await withEngine(values, io, true, (engine) => fitClv(engine, asOf));
      source = `orders on or before ${formatDay(asOf)} (time unit: weeks)`;
    }
    const { r, alpha, a, b, logLikelihood } = fit;
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ r, alpha, a, b, logLikelihood, customers: fit.customers }, null, 2)}\n`,
      );
      return 0;
    }
    io.stdout(
      [
        `BG/NBD fit on ${count(fit.customers)} customers, ${source}:`,
        `  r      ${r.toFixed(4)}   purchase rates ~ Gamma(r, alpha): mean ${(r / alpha).toPrecision(3)} purchases per time unit while active`,
        `  alpha  ${alpha.toFixed(4)}`,
        `  a      ${a.toFixed(4)}   dropout after a purchase ~ Beta(a, b): mean ${percent(a / (a + b))}`,
        `  b      ${b.toFixed(4)}`,
        `  log-likelihood ${logLikelihood.toFixed(2)} after ${fit.iterations} iterations`,
        "",
      ].join("\n"),
    );
    return 0;
  },
};
