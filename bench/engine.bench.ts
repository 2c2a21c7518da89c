/**
 * Data-engine benchmarks on the generated data set (bench-data.ts; `--large` for the big one):
 * - ingest of the orders file by `strata ingest`, against the sqlite3 shell's `.import` of the
 *   same CSV into a plain table (target: ratio ≥ 1.0; peak memory < 300 MB);
 * - `strata run` (RFM + 3 dimensions, history written) against pandas computing the same
 *   scores and tiers in memory from the same orders (target: ≥ 4× faster, less memory); the
 *   tier counts of both are compared;
 * - `tier` and `churn --week this` on the backfilled database, timed inside the process
 *   (targets: < 20 ms and < 50 ms).
 * Commands run as real CLI processes, the bin on a fresh bundle (bench/peak-rss.mjs reports
 * their peak memory).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCli } from "../packages/core/scripts/build-cli.ts";
import { seededRandom } from "../packages/core/src/demo/seeded-random.ts";
import { churnIn, churnPeriod } from "../packages/core/src/engine/churn-question.ts";
import { latestRunRules } from "../packages/core/src/engine/rules-source.ts";
import { tierOf } from "../packages/core/src/engine/tier-question.ts";
import { sqliteEngineStore } from "../packages/core/src/store/sqlite/sqlite-engine-store.ts";
import { openSqliteStore } from "../packages/core/src/store/sqlite/sqlite-store.ts";
import { parseDay } from "../packages/core/src/time/calendar.ts";
import { BENCH_RULES, BENCH_TODAY, benchData, benchDatabase, ROOT, strata } from "./bench-data.ts";
import { printTable } from "./bench-kit.ts";
import { type Measured, strataProcess } from "./cli-process.ts";

const PYTHON = "/usr/bin/python3";

function sqliteShellImport(csv: string, db: string): Measured | string {
  const start = performance.now();
  const child = spawnSync("sqlite3", [db, `.import --csv ${csv} orders`], {
    encoding: "utf8",
  });
  if (child.error) return "sqlite3 shell not found (apt-get install -y sqlite3)";
  if (child.status !== 0) return `sqlite3 shell failed: ${child.stderr}`;
  return { seconds: (performance.now() - start) / 1000, peakMb: null };
}

interface PandasResult extends Measured {
  load: number;
  compute: number;
  counts: Record<string, Record<string, number>>;
}

function pandasRun(csv: string): PandasResult | string {
  const start = performance.now();
  const child = spawnSync(PYTHON, [join(ROOT, "bench/peers/rfm_tiers.py"), csv, BENCH_TODAY], {
    encoding: "utf8",
  });
  if (child.error || child.status !== 0) {
    return `pandas peer unavailable (apt-get install -y python3-pandas): ${child.stderr ?? child.error}`;
  }
  const seconds = (performance.now() - start) / 1000;
  const out = JSON.parse(child.stdout);
  return {
    seconds,
    peakMb: out.peak_rss_kb / 1024,
    load: out.load_s,
    compute: out.compute_s,
    counts: out.counts,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/**
 * `tier` and `churn --week this` as the CLI answers them: core's functions over one open
 * store, without the Slack bot's answer cache, so every churn call does the whole work.
 */
async function questionLatencies(db: string, customers: number) {
  const store = await openSqliteStore(db);
  try {
    const engine = sqliteEngineStore(store.connection);
    const rules = latestRunRules(engine);
    const today = parseDay(BENCH_TODAY) ?? 0;
    const random = seededRandom(7);
    const ids = Array.from(
      { length: 300 },
      () => `C${String(1 + random.int(customers)).padStart(5, "0")}`,
    );
    const timed = async (f: () => Promise<unknown>, n: number) => {
      await f();
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        await f();
        ms.push(performance.now() - start);
      }
      return ms.sort((a, b) => a - b);
    };
    let next = 0;
    const tier = await timed(
      async () => tierOf(engine, await rules(), ids[next++ % ids.length] ?? "C00001", today),
      300,
    );
    const churn = await timed(
      async () => churnIn(engine, await rules(), churnPeriod({ week: "this" }, today)),
      50,
    );
    return { tier, churn };
  } finally {
    await store.close();
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const mb = (m: number | null) => (m === null ? "–" : `${fmt(m, 0)} MB`);

export async function run(args: string[]): Promise<void> {
  await buildCli();
  const data = await benchData(args);
  const csvMb = statSync(data.ordersCsv).size / 1e6;
  console.log(
    `\nengine bench: ${data.orders.toLocaleString("en-US")} orders of ${data.customers.toLocaleString("en-US")} customers (${fmt(csvMb, 0)} MB CSV)`,
  );
  const dir = mkdtempSync(join(tmpdir(), "strata-bench-"));
  const rows: string[][] = [];
  try {
    // Ingest: customers first (not timed), then the orders file against the shell's .import.
    const db = join(dir, "ingest.db");
    await strata(["ingest", "--customers", data.customersCsv, "--db", db]);
    const ingest = strataProcess(["ingest", "--orders", data.ordersCsv, "--db", db]);
    const shell = sqliteShellImport(data.ordersCsv, join(dir, "shell.db"));
    rows.push([
      "ingest orders",
      `${fmt(ingest.seconds)} s (${fmt(data.orders / ingest.seconds / 1000, 0)}k rows/s)`,
      mb(ingest.peakMb),
      "sqlite3 shell .import",
      typeof shell === "string" ? shell : `${fmt(shell.seconds)} s`,
      typeof shell === "string" ? "–" : `${fmt(shell.seconds / ingest.seconds, 2)}× (≥ 1.0)`,
    ]);

    // Run: the first run on the ingested data writes every customer's history.
    const runDb = join(dir, "run.db");
    copyFileSync(db, runDb);
    const first = strataProcess(["run", BENCH_RULES, "--as-of", BENCH_TODAY, "--db", runDb]);
    const pandas = pandasRun(data.ordersCsv);
    rows.push([
      "run (RFM + 3 dimensions, history written)",
      `${fmt(first.seconds)} s`,
      mb(first.peakMb),
      "pandas read_csv + RFM + tiers",
      typeof pandas === "string"
        ? pandas
        : `${fmt(pandas.seconds)} s (load ${fmt(pandas.load)}, compute ${fmt(pandas.compute)}), ${mb(pandas.peakMb)}`,
      typeof pandas === "string"
        ? "–"
        : `${fmt(pandas.seconds / first.seconds, 2)}× (≥ 4); memory ${fmt((first.peakMb ?? 0) / (pandas.peakMb ?? 1), 2)}× (< 1)`,
    ]);
    if (typeof pandas !== "string") {
      const preview = JSON.parse(
        await strata(["preview", BENCH_RULES, "--as-of", BENCH_TODAY, "--db", runDb, "--json"]),
      );
      const differences: string[] = [];
      for (const [dimension, tiers] of Object.entries(pandas.counts)) {
        for (const [tier, count] of Object.entries(tiers)) {
          const ours = preview.dimensions[dimension]?.tiers[tier]?.count ?? 0;
          if (ours !== count) differences.push(`${dimension}.${tier}: ${ours} vs ${count}`);
        }
      }
      console.log(
        differences.length === 0
          ? "tier counts: Strata and pandas agree on every tier"
          : `tier counts differ: ${differences.join("; ")}`,
      );
    }

    // Questions on the backfilled database, inside one process.
    const benchDb = await benchDatabase(args);
    const latencies = await questionLatencies(benchDb, data.customers);
    rows.push([
      "tier CUSTOMER (300 customers)",
      `median ${fmt(percentile(latencies.tier, 0.5), 2)} ms, p99 ${fmt(percentile(latencies.tier, 0.99), 2)} ms`,
      "",
      "target",
      "< 20 ms",
      percentile(latencies.tier, 0.99) < 20 ? "met at p99" : "missed at p99",
    ]);
    rows.push([
      "churn --week this (50 times)",
      `median ${fmt(percentile(latencies.churn, 0.5), 2)} ms, p99 ${fmt(percentile(latencies.churn, 0.99), 2)} ms`,
      "",
      "target",
      "< 50 ms",
      percentile(latencies.churn, 0.99) < 50 ? "met at p99" : "missed at p99",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(
    "engine: Strata against peers in the same run",
    ["step", "Strata", "peak memory", "peer", "peer figure", "ratio (target)"],
    rows,
  );
  if (!existsSync(PYTHON)) console.log(`(${PYTHON} not found: pandas peer skipped)`);
}
