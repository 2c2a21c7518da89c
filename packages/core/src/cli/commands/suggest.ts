import { existsSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { WARD_SAMPLE } from "../../cluster/cluster-method.ts";
import {
  CLUSTER_FEATURES,
  type ClusterFeature,
  DEFAULT_FEATURES,
} from "../../cluster/feature-matrix.ts";
import { AUTO_K } from "../../cluster/suggest-segments.ts";
import { suggestTiers } from "../../engine/suggest-tiers.ts";
import { StrataError } from "../../errors.ts";
import { didYouMean } from "../../rules/did-you-mean.ts";
import { IDENTIFIER } from "../../rules/rule-file-schema.ts";
import { formatDay } from "../../time/calendar.ts";
import type { Command, ParsedArgs } from "../command.ts";
import {
  AS_OF_OPTION,
  asOfDay,
  DB_OPTION,
  JSON_OPTION,
  stringOption,
  withEngine,
} from "../engine-context.ts";
import { suggestionJson, suggestionReport } from "../suggest-report.ts";
import { count } from "../text-format.ts";

export const suggestCommand: Command = {
  name: "suggest",
  summary: "Suggest a tier dimension from the data: clusters turned into readable rules",
  usage:
    "strata suggest --k N|auto --out FILE [--features A,B,...] [--method kmeans|ward] [--as-of DATE] [--dimension NAME] [--force] [--db PATH] [--json]",
  description: [
    "Groups customers by their metrics as of a date and writes the groups as a dimension of a",
    "rule file that you can read, edit and run:",
    "  1. Features are standardised; money and counts with a skewness above 1 are taken as",
    "     ln(1 + x) first (the output says which).",
    `  2. Clustering: k-means (k-means++ seeding, fixed seed: the same data gives the same file),`,
    `     or Ward's hierarchical clustering of a sample of up to ${count(WARD_SAMPLE)} customers with the`,
    `     others assigned to the nearest centroid. --k auto tries k = ${AUTO_K.min}..${AUTO_K.max} and keeps the`,
    "     best silhouette, printing each k's score.",
    "  3. A shallow decision tree fitted to the clusters turns them into `when:` conditions",
    "     with rounded thresholds; the lowest-spending cluster becomes the default tier.",
    "Each tier's comment gives its cluster's size, mean recency, frequency and monetary, and",
    "the share of the cluster's customers its rule places there. The file validates clean:",
    "preview it with 'strata preview FILE', then rename tiers and add actions.",
    "",
    "Features: recency_days, frequency and monetary by default; also avg_order_value,",
    "product_types, tenure_days, profit, satisfaction, and p_alive and expected_orders_90d",
    "(which fit the BG/NBD model first).",
  ].join("\n"),
  options: {
    k: { type: "string", value: "N|auto", description: "Number of segments, or auto (2..8)." },
    out: { type: "string", value: "FILE", description: "The *.tiers.yaml file to write." },
    features: {
      type: "string",
      value: "A,B,...",
      description: `Metrics to cluster on (default: ${DEFAULT_FEATURES.join(",")}).`,
    },
    method: {
      type: "string",
      value: "kmeans|ward",
      description: "Clustering method (default: kmeans).",
    },
    "as-of": AS_OF_OPTION,
    dimension: {
      type: "string",
      value: "NAME",
      description: "Name of the dimension in the file (default: segment).",
    },
    force: { type: "boolean", description: "Replace FILE if it exists." },
    db: DB_OPTION,
    json: JSON_OPTION,
  },
  examples: [
    "strata suggest --k auto --out suggested.tiers.yaml --db strata-demo.db",
    "strata suggest --k 5 --features recency_days,frequency,monetary,product_types --out shop.tiers.yaml",
    "strata suggest --k 4 --method ward --out ward.tiers.yaml --json",
  ],
  async run({ positionals, values }, io) {
    if (positionals.length > 0) {
      throw new StrataError(
        "usage",
        `strata suggest takes no file name; write it with --out ${positionals[0]}`,
      );
    }
    const options = parseOptions(values);
    const out = resolve(io.cwd, options.outName);
    if (existsSync(out) && !values.force) {
      throw new StrataError(
        "usage",
        `${options.outName} exists: choose another --out, or add --force to replace it`,
      );
    }
    const asOf = asOfDay(values, io);
    const progress = (message: string) => {
      if (io.isTTY && !values.json) io.stderr(`\r\x1b[2K  ${message}…`);
    };
    const suggestion = await withEngine(values, io, true, (engine) =>
      suggestTiers(engine, asOf, {
        k: options.k,
        features: options.features,
        method: options.method,
        dimension: options.dimension,
        asOf: formatDay(asOf),
        progress,
      }),
    );
    if (io.isTTY && !values.json) io.stderr("\r\x1b[2K");
    const partial = `${out}.partial`;
    try {
      await writeFile(partial, suggestion.text);
      await rename(partial, out);
    } catch (error) {
      await rm(partial, { force: true });
      throw new StrataError(
        "file-not-found",
        `cannot write ${options.outName}: ${(error as Error).message}`,
      );
    }
    if (values.json) {
      io.stdout(
        `${JSON.stringify(suggestionJson(suggestion, formatDay(asOf), options.outName), null, 2)}\n`,
      );
      return 0;
    }
    io.stdout(`${suggestionReport(suggestion, formatDay(asOf), options.outName).join("\n")}\n`);
    return 0;
  },
};

interface Options {
  k: number | "auto";
  features: ClusterFeature[];
  method: "kmeans" | "ward";
  dimension: string;
  outName: string;
}

function parseOptions(values: ParsedArgs["values"]): Options {
  const kText = stringOption(values, "k");
  if (kText === undefined)
    throw new StrataError("usage", "say how many segments: --k 4, or --k auto to choose from 2..8");
  const k = kText === "auto" ? "auto" : Number(kText);
  if (k !== "auto" && (!Number.isInteger(k) || k < 2 || k > 20)) {
    throw new StrataError(
      "usage",
      `--k must be auto or a whole number from 2 to 20, not "${kText}"`,
    );
  }
  const outName = stringOption(values, "out");
  if (!outName)
    throw new StrataError("usage", "name the file to write: --out suggested.tiers.yaml");
  if (!outName.endsWith(".tiers.yaml")) {
    throw new StrataError(
      "usage",
      `--out must end in .tiers.yaml (e.g. suggested.tiers.yaml), so that strata and the editor know it as a rule file`,
    );
  }
  const known = Object.keys(CLUSTER_FEATURES);
  const features = (stringOption(values, "features")
    ?.split(",")
    .map((f) => f.trim()) ?? [...DEFAULT_FEATURES]) as ClusterFeature[];
  for (const f of features) {
    if (!known.includes(f)) {
      const guess = didYouMean(f, known);
      throw new StrataError(
        "usage",
        `--features: '${f}' is not a metric to cluster on${guess ? `; did you mean '${guess}'?` : ""} (one of ${known.join(", ")})`,
      );
    }
  }
  if (new Set(features).size !== features.length || features.length === 0) {
    throw new StrataError("usage", "--features lists each metric once, at least one");
  }
  const method = stringOption(values, "method") ?? "kmeans";
  if (method !== "kmeans" && method !== "ward")
    throw new StrataError("usage", `--method must be kmeans or ward, not "${method}"`);
  const dimension = stringOption(values, "dimension") ?? "segment";
  if (!IDENTIFIER.test(dimension)) {
    throw new StrataError(
      "usage",
      "--dimension must start with a letter and hold only letters, digits and _",
    );
  }
  return { k, features, method, dimension, outName };
}
