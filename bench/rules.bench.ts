/**
 * Rule-language benchmarks: validation time of a generated 500-tier file (target < 50 ms)
 * and JS evaluation speed of a 20-tier dimension over 1,000,000 customers (target >= 10
 * million customer-rule checks per second), with SQLite evaluating the same tiers as SQL
 * in the same run as the peer.
 */
import sqlite3 from "sqlite3";
import { parseDocument } from "yaml";
import { seededRandom } from "../packages/core/src/demo/seeded-random.ts";
import type { Row } from "../packages/core/src/expression/compile-js.ts";
import {
  compileSql,
  joinFragments,
  param,
  raw,
  sql,
} from "../packages/core/src/expression/compile-sql.ts";
import { sqliteDialect } from "../packages/core/src/expression/sql-dialect.ts";
import { compileRules } from "../packages/core/src/rules/compile-rules.ts";
import { validateRuleText } from "../packages/core/src/rules/validate.ts";
import { printTable, time } from "./bench-kit.ts";

export function tierFile(dimensions: number, tiersPerDimension: number): string {
  const lines = ["version: 1", "name: generated", "rfm: { bins: 5 }", "dimensions:"];
  for (let d = 0; d < dimensions; d++) {
    lines.push(`  dim${d}:`, "    tiers:");
    for (let t = 0; t < tiersPerDimension - 1; t++) {
      const k = tiersPerDimension - t;
      const ref = d > 0 && t % 7 === 0 ? ` or dim${d - 1} == "t${t}"` : "";
      lines.push(
        `      - id: t${t}`,
        `        when: (monetary >= ${k * 100} and frequency >= ${k % 13}) or recency_days <= ${k % 30}${ref}`,
        `        action: Tier ${t} action`,
      );
    }
    lines.push(`      - id: rest`, "        default: true");
  }
  return `${lines.join("\n")}\n`;
}

function customers(n: number, seed: number): Row[] {
  const random = seededRandom(seed).next;
  const rows: Row[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const frequency = Math.floor(-Math.log(1 - random()) * 6);
    rows[i] = {
      recency_days: frequency === 0 ? null : Math.floor(random() * 365),
      frequency,
      monetary: Math.round(frequency * Math.exp(random() * 6) * 10) / 10,
    };
  }
  return rows;
}

function twentyTierRules() {
  const text = tierFile(1, 20);
  const { file, ok } = validateRuleText(text);
  if (!file || !ok) throw new Error("generated 20-tier file does not validate");
  return file;
}

function all(db: sqlite3.Database, query: string, params: unknown[] = []) {
  return new Promise<Record<string, unknown>[]>((resolve, reject) =>
    db.all(query, params, (err, rows) =>
      err ? reject(err) : resolve(rows as Record<string, unknown>[]),
    ),
  );
}

async function sqlitePeer(rows: Row[], file: ReturnType<typeof twentyTierRules>) {
  const db = new sqlite3.Database(":memory:");
  await all(db, "CREATE TABLE customers (recency_days INTEGER, frequency INTEGER, monetary REAL)");
  await all(db, "BEGIN");
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await all(
      db,
      `INSERT INTO customers VALUES ${chunk.map(() => "(?, ?, ?)").join(", ")}`,
      chunk.flatMap((r) => [r.recency_days ?? null, r.frequency ?? null, r.monetary ?? null]),
    );
  }
  await all(db, "COMMIT");
  const dimension = file.dimensions[0];
  if (!dimension) throw new Error("no dimension");
  const column = (name: string) => sqliteDialect.quoteIdentifier(name);
  const cases = joinFragments(
    dimension.tiers.map((tier) =>
      tier.when?.expr
        ? sql`WHEN ${compileSql(tier.when.expr, sqliteDialect, column)} THEN ${param(tier.id)}`
        : sql`WHEN 1 THEN ${param(tier.id)}`,
    ),
  );
  const query = sql`SELECT tier, count(*) AS n FROM (SELECT CASE ${cases} ${raw("END")} AS tier FROM customers) GROUP BY tier`;
  const { ms, result } = await time(() => all(db, query.text, query.params), 3);
  db.close();
  return { ms, counts: new Map(result.map((r) => [String(r.tier), Number(r.n)])) };
}

export async function run(): Promise<void> {
  const rows: string[][] = [];
  for (const [dims, per] of [
    [5, 100],
    [1, 500],
  ] as const) {
    const text = tierFile(dims, per);
    const { ms } = await time(() => validateRuleText(text), 10);
    const { ms: yamlMs } = await time(() => parseDocument(text), 10);
    const label = `${dims * per}-tier file (${dims} x ${per}, ${Math.round(text.length / 1024)} KB)`;
    rows.push(
      [`validate ${label}`, `${ms.toFixed(1)} ms`, "< 50 ms", ms < 50 ? "met" : "MISSED"],
      [
        "  peer: YAML parse alone (yaml package)",
        `${yamlMs.toFixed(1)} ms`,
        "",
        `${((yamlMs / ms) * 100).toFixed(0)}% of validate`,
      ],
    );
  }

  const n = 1_000_000;
  const data = customers(n, 42);
  const file = twentyTierRules();
  const dimension = compileRules(file).dimensions[0];
  if (!dimension) throw new Error("no dimension");
  let checks = 0;
  for (const row of data) {
    const index = dimension.tiers.findIndex((t) => t.test === null || t.test(row) === true);
    checks += index + 1;
  }
  const counts = new Map<string, number>();
  const { ms: jsMs } = await time(() => {
    counts.clear();
    for (const row of data) {
      const tier = dimension.assign(row) ?? "";
      counts.set(tier, (counts.get(tier) ?? 0) + 1);
    }
  }, 5);
  const rate = checks / (jsMs / 1000);
  const peer = await sqlitePeer(data, file);
  const agree = [...counts].every(([tier, c]) => peer.counts.get(tier) === c);
  rows.push(
    [
      `JS: 20-tier dimension, ${n.toLocaleString("en-US")} customers`,
      `${jsMs.toFixed(0)} ms`,
      "",
      "",
    ],
    [
      "JS: customer-rule checks per second",
      `${(rate / 1e6).toFixed(1)} M/s`,
      ">= 10 M/s",
      rate >= 1e7 ? "met" : "MISSED",
    ],
    ["peer: SQLite CASE over the same rows (in memory)", `${peer.ms.toFixed(0)} ms`, "", ""],
    [
      "ratio SQLite time / JS time",
      `${(peer.ms / jsMs).toFixed(2)}x`,
      "",
      agree ? "tier counts agree" : "COUNTS DIFFER",
    ],
  );
  printTable("Rule language", ["measure", "figure", "target", "status"], rows);
}
