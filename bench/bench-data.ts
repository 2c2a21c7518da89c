/**
 * The benchmark data set: a synthetic business (packages/core/src/demo) written as CSV files,
 * and a Strata database loaded from them with a few weeks of tier history. Built once and
 * kept in `.bench-data/` at the repository root (git-ignored); later runs reuse it.
 *
 * Default: about 5M orders of 400,000 customers; `--large`: about 19M orders of 1.5M.
 */
import { once } from "node:events";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { runCli } from "../packages/core/src/cli/main.ts";
import { syntheticCustomers } from "../packages/core/src/demo/synthetic-business.ts";
import { formatDay, parseDay } from "../packages/core/src/time/calendar.ts";

export const ROOT = resolve(import.meta.dirname, "..");
export const DATA_DIR = join(ROOT, ".bench-data");
/** The rule file of the engine benchmarks: RFM and three dimensions. */
export const BENCH_RULES = join(ROOT, "bench/engine.tiers.yaml");
/** The last day with orders, and the day questions are asked as of. */
export const BENCH_TODAY = "2026-11-20";
/** Weeks of history the benchmark database is backfilled with. */
const HISTORY_WEEKS = 8;

export interface BenchData {
  name: string;
  customersCsv: string;
  ordersCsv: string;
  customers: number;
  orders: number;
}

/** Which data set the arguments ask for. */
export function benchSize(args: readonly string[]): { name: string; customers: number } {
  return args.includes("--large")
    ? { name: "19m", customers: 1_500_000 }
    : { name: "5m", customers: 400_000 };
}

/** Writes (once) the CSV files of the data set; returns their paths and sizes. */
export async function benchData(args: readonly string[]): Promise<BenchData> {
  const { name, customers } = benchSize(args);
  mkdirSync(DATA_DIR, { recursive: true });
  const customersCsv = join(DATA_DIR, `customers-${name}.csv`);
  const ordersCsv = join(DATA_DIR, `orders-${name}.csv`);
  const countsOf = join(DATA_DIR, `counts-${name}.json`);
  if (existsSync(customersCsv) && existsSync(ordersCsv) && existsSync(countsOf)) {
    const counts = JSON.parse(readFileSync(countsOf, "utf8"));
    return { name, customersCsv, ordersCsv, ...counts };
  }
  process.stdout.write(`generating the ${name} benchmark data set in ${DATA_DIR} …\n`);
  const until = parseDay(BENCH_TODAY) ?? 0;
  const c = createWriteStream(`${customersCsv}.partial`);
  const o = createWriteStream(`${ordersCsv}.partial`);
  c.write("customer_id,name,account_manager,region,satisfaction\n");
  o.write("order_id,customer_id,order_date,amount,profit,category\n");
  let orders = 0;
  for (const { customer, orders: bought } of syntheticCustomers({
    customers,
    seed: 42,
    until,
    historyDays: 1825,
    purchaseRate: 6,
  })) {
    c.write(
      `${customer.customer_id},${customer.name},${customer.account_manager},${customer.region},${customer.satisfaction ?? ""}\n`,
    );
    let chunk = "";
    for (const x of bought) {
      chunk += `${x.order_id},${x.customer_id},${x.order_date},${x.amount},${x.profit},${x.category}\n`;
    }
    orders += bought.length;
    if (!o.write(chunk)) await once(o, "drain");
  }
  await Promise.all([c, o].map((s) => new Promise((done) => s.end(done))));
  renameSync(`${customersCsv}.partial`, customersCsv);
  renameSync(`${ordersCsv}.partial`, ordersCsv);
  const counts = { customers, orders };
  writeFileSync(countsOf, JSON.stringify(counts));
  return { name, customersCsv, ordersCsv, ...counts };
}

/** Runs the strata CLI in this process; throws with its stderr when it fails. */
export async function strata(argv: string[]): Promise<string> {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: {},
    cwd: ROOT,
    isTTY: false,
    now: () => new Date(`${BENCH_TODAY}T12:00:00Z`),
  });
  if (code !== 0) throw new Error(`strata ${argv.join(" ")} failed (${code}): ${err}`);
  return out;
}

/**
 * The benchmark database (built once): the data set ingested, then `HISTORY_WEEKS` weekly
 * runs of the bench rules up to BENCH_TODAY, so tier and churn questions have history.
 */
export async function benchDatabase(args: readonly string[]): Promise<string> {
  const data = await benchData(args);
  const db = join(DATA_DIR, `bench-${data.name}.db`);
  if (existsSync(db)) return db;
  const partial = `${db}.partial`;
  rmSync(partial, { force: true });
  process.stdout.write(`building the ${data.name} benchmark database ${db} …\n`);
  const withDb = (argv: string[]) => strata([...argv, "--db", partial]);
  await withDb(["ingest", "--customers", data.customersCsv, "--orders", data.ordersCsv]);
  const today = parseDay(BENCH_TODAY) ?? 0;
  await withDb([
    "backfill",
    BENCH_RULES,
    "--from",
    formatDay(today - 7 * HISTORY_WEEKS),
    "--to",
    BENCH_TODAY,
    "--every",
    "week",
  ]);
  renameSync(partial, db);
  return db;
}
