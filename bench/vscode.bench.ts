/**
 * VS Code extension benchmarks: diagnostics for a 300-tier file (target < 30 ms), a preview
 * refresh while typing on 100,000 customers (target < 300 ms), and activation (target
 * < 200 ms, with the data half loaded later). Peers in the same run: YAML parsing alone,
 * `strata preview`'s path that reads metrics from SQLite on every call, and loading the lazy
 * half with the demo shop.
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createDemo, openSqliteStore, parseDay, preview, sqliteEngineStore } from "@strata/core";
import {
  completionsAt,
  LivePreview,
  nameAt,
  openSqlJsReader,
  sqlPreviewSource,
  validateRuleText,
} from "@strata/core/portable";
import { parseDocument } from "yaml";
import { printTable, time } from "./bench-kit.ts";
import { tierFile } from "./rules.bench.ts";
import { activationTimes, ensureBuilt } from "./vscode-activation.ts";

const root = join(import.meta.dirname, "..");
const DATA = join(root, ".bench-data");
const CUSTOMERS = 100_000;
const AS_OF = "2026-06-30";

const ms = (value: number) => `${value.toFixed(1)} ms`;
const status = (value: number, target: number) => (value < target ? "met" : "MISSED");

async function diagnostics(rows: string[][]): Promise<void> {
  const text = tierFile(3, 100);
  const attributes = { region: "string", segment_code: "string" } as const;
  const { ms: validate, result } = await time(() => validateRuleText(text, { attributes }), 20);
  if (!result.ok) throw new Error("the generated 300-tier file does not validate");
  const { ms: yaml } = await time(() => parseDocument(text), 20);
  const offset = text.lastIndexOf("monetary >=") + 4;
  const { ms: complete } = await time(() => completionsAt(text, offset, { attributes }), 20);
  const { ms: hover } = await time(() => nameAt(text, offset, { attributes }), 20);
  rows.push(
    [
      `diagnostics: validate a 300-tier file (${Math.round(text.length / 1024)} KB)`,
      ms(validate),
      "< 30 ms",
      status(validate, 30),
    ],
    [
      "  peer: YAML parse alone",
      ms(yaml),
      "",
      `${((yaml / validate) * 100).toFixed(0)}% of validate`,
    ],
    ["  completion at the last condition", ms(complete), "", ""],
    ["  hover name lookup at the last condition", ms(hover), "", ""],
  );
}

async function shop(): Promise<string> {
  const path = join(DATA, `vscode-${CUSTOMERS}.db`);
  const found = await stat(path).catch(() => null);
  if (!found) {
    await mkdir(DATA, { recursive: true });
    console.log(`generating ${CUSTOMERS.toLocaleString("en-US")} customers into ${path} (once)…`);
    await createDemo(path, {
      customers: CUSTOMERS,
      seed: 11,
      today: parseDay(AS_OF) ?? 0,
      history: false,
    });
  }
  return path;
}

async function previewRefresh(rows: string[][]): Promise<void> {
  const path = await shop();
  const retail = await readFile(join(root, "packages/core/examples/retail.tiers.yaml"), "utf8");
  const attributes = { region: "string", satisfaction: "number" } as const;
  const rules = (vip: number) => {
    const { file, ok } = validateRuleText(
      retail.replace("monetary >= 5000", `monetary >= ${vip}`),
      { attributes },
    );
    if (!file || !ok) throw new Error("retail rules do not validate");
    return file;
  };
  const saved = { file: rules(5000), text: retail };
  const asOf = parseDay(AS_OF) ?? 0;

  const openStart = performance.now();
  const reader = await openSqlJsReader(await readFile(path), "bench.db");
  const opened = performance.now() - openStart;
  const live = new LivePreview(sqlPreviewSource(reader));
  const firstStart = performance.now();
  const first = await live.preview(rules(4000), saved, asOf);
  const firstMs = performance.now() - firstStart;
  // Each refresh is a new version of the text: alternate two edits of the VIP threshold.
  const edits = [rules(4000), rules(4500)];
  let next = 0;
  const { ms: refresh, result } = await time(() => {
    next = 1 - next;
    return live.preview(edits[next] ?? saved.file, saved, asOf);
  }, 10);
  reader.close();

  const store = await openSqliteStore(path);
  const engine = sqliteEngineStore(store.connection);
  const { ms: native } = await time(
    () => preview(engine, { file: rules(4000), text: "", path: null }, asOf),
    3,
  );
  await store.close();

  rows.push(
    [
      `preview refresh while typing, ${first.summary.customers.toLocaleString("en-US")} customers (tiers + moves)`,
      ms(refresh),
      "< 300 ms",
      status(refresh, 300),
    ],
    [
      `  moves found in the last refresh`,
      `${result.changes?.customers.toLocaleString("en-US")} customers`,
      "",
      "",
    ],
    ["  first preview: metrics read with sql.js, then evaluated", ms(firstMs), "", ""],
    ["  opening the database with sql.js (whole file into memory)", ms(opened), "", ""],
    [
      "  peer: strata preview's path (metrics from native SQLite each call)",
      ms(native),
      "",
      `${(native / refresh).toFixed(1)}x the refresh`,
    ],
  );
}

async function activation(rows: string[][]): Promise<void> {
  await ensureBuilt();
  const main = await activationTimes("activate", 5);
  const data = await activationTimes("data", 5);
  rows.push(
    [
      "activation: load extension.cjs + activate()",
      ms(main.total),
      "< 200 ms",
      status(main.total, 200),
    ],
    ["  of which activate()", ms(main.activate), "", ""],
    [
      "  peer: after activation: data worker + sql.js + open the demo shop",
      ms(data.total),
      "",
      `${(data.total / main.total).toFixed(1)}x activation`,
    ],
  );
}

export async function run(): Promise<void> {
  const rows: string[][] = [];
  await diagnostics(rows);
  await previewRefresh(rows);
  await activation(rows);
  printTable("VS Code extension", ["measure", "figure", "target", "status"], rows);
}
