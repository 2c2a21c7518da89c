import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createDemo } from "../demo/create-demo.ts";
import { validateRuleText } from "../rules/validate.ts";
import { SqliteConnection } from "../store/sqlite/connection.ts";
import { migrate } from "../store/sqlite/migrate.ts";
import { sqlPreviewSource } from "../store/sqlite/sql-preview-source.ts";
import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { useTempDir } from "../store/sqlite/test-db.ts";
import { openSqlJsReader } from "../store/sqljs/sqljs-reader.ts";
import { type Day, parseDay } from "../time/calendar.ts";
import type { CustomerMetrics } from "./customer-metrics.ts";
import { LivePreview } from "./live-preview.ts";
import type { PreviewSource } from "./preview-source.ts";
import { preview } from "./run-rules.ts";

const day = (text: string): Day => parseDay(text) ?? Number.NaN;
const tempDir = useTempDir();
const asOf = day("2026-03-31");

const rules = (high: number, extra = "") => {
  const text = `version: 1
window: 90d
dimensions:
  value:
    tiers:
      - id: high
        when: monetary >= ${high}
      - id: low
        when: monetary > 0
  lifecycle:
    tiers:
      - id: active
        when: recency_days <= 30
      - id: churned
        default: true
${extra}`;
  const { file, ok } = validateRuleText(text, { attributes: { region: "string" } });
  if (!file || !ok) throw new Error("test rules do not validate");
  return { file, text };
};

let source: PreviewSource;
let reads: number;
let db: SqliteConnection;

beforeEach(async () => {
  db = await SqliteConnection.open(":memory:");
  await migrate(db);
  await db.run(
    `INSERT INTO customers VALUES ('A', 'ACME', NULL, '{"region":"north"}'),
       ('B', 'Globex', NULL, '{"region":"south"}'), ('C', 'Initech', NULL, '{}'),
       ('D', 'Hooli', NULL, '{"region":"north"}')`,
  );
  // A: 150 + 10 inside the window; B: 50; C: only an order before the 90-day window; D: 120.
  for (const [id, c, d, amount] of [
    ["a1", "A", "2026-03-20", 150],
    ["a2", "A", "2026-02-20", 10],
    ["b1", "B", "2026-01-10", 50],
    ["c1", "C", "2025-06-01", 500],
    ["d1", "D", "2026-03-31", 120],
  ] as const) {
    await db.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [id, c, day(d), amount]);
  }
  const sql = sqlPreviewSource(db);
  reads = 0;
  source = {
    ...sql,
    customerMetrics: (a, w) => {
      reads++;
      return sql.customerMetrics(a, w);
    },
  };
});

describe("LivePreview", () => {
  it("counts tiers, shares, unassigned customers and the matrix", async () => {
    const { summary, changes } = await new LivePreview(source).preview(rules(100).file, null, asOf);
    expect(changes).toBeNull();
    expect(summary.customers).toBe(4);
    const value = summary.dimensions[0];
    // Monetary in the window: A 160, B 50, C 0, D 120 (total 330).
    expect(value?.tiers.map((t) => [t.tier, t.count, t.share, t.monetaryShare])).toEqual([
      ["high", 2, 0.5, 280 / 330],
      ["low", 1, 0.25, 50 / 330],
    ]);
    expect(value?.unassigned).toBe(1);
    expect(summary.dimensions[1]?.tiers.map((t) => t.count)).toEqual([2, 2]);
    expect(summary.matrix?.counts).toEqual({
      high: { active: 2 },
      low: { churned: 1 },
      "(unassigned)": { churned: 1 },
    });
  });

  it("shows who moves against the saved rules, reading the data only once", async () => {
    const live = new LivePreview(source);
    const saved = rules(100);
    const first = await live.preview(rules(40).file, saved, asOf);
    // Lowering 'high' to 40 moves B (50) from low to high; nobody else changes.
    expect(first.changes).toEqual({
      customers: 1,
      moves: [{ dimension: "value", from: "low", to: "high", count: 1 }],
      added: [],
      removed: [],
    });
    const second = await live.preview(rules(200).file, saved, asOf);
    expect(second.changes?.moves).toEqual([
      { dimension: "value", from: "high", to: "low", count: 2 },
    ]);
    expect(reads).toBe(1);
    live.clear();
    await live.preview(rules(200).file, saved, asOf);
    expect(reads).toBe(2);
  });

  it("forgets saved rules' tiers read before clear(), even when the read ends after it", async () => {
    const saved = rules(100);
    const text = saved.text.replace("window: 90d", "window: 365d");
    const yearly = validateRuleText(text, { attributes: { region: "string" } }).file;
    if (!yearly) throw new Error("test rules do not validate");
    const savedYearly = { file: yearly, text };
    // The saved rules' read (365-day window) takes the data as it was, then waits.
    let started!: () => void;
    const reading = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: Pick<PreviewSource, "customerMetrics" | "purchaseDays"> = {
      purchaseDays: (a) => source.purchaseDays(a),
      customerMetrics: async (a, w) => {
        const metrics = await source.customerMetrics(a, w);
        if (w === asOf - 364) {
          started();
          await gate;
        }
        return metrics;
      },
    };
    const live = new LivePreview(slow);
    const first = live.preview(rules(40).file, savedYearly, asOf);
    await reading;
    // The data changes meanwhile: B buys for 200, and the preview is told so.
    await db.run("INSERT INTO orders VALUES ('b2', 'B', ?, 200, NULL, NULL)", [asOf - 1]);
    live.clear();
    release();
    await first;
    const after = await live.preview(rules(40).file, savedYearly, asOf);
    const fresh = await new LivePreview(source).preview(rules(40).file, savedYearly, asOf);
    expect(after.changes).toEqual(fresh.changes);
  });

  it("gives the distribution of a metric and an attribute within the rules' window", async () => {
    const live = new LivePreview(source);
    const { file } = rules(100);
    expect(await live.distribution(file, "monetary", asOf)).toEqual({
      kind: "number",
      customers: 4,
      missing: 0,
      min: 0,
      median: 85,
      max: 160,
    });
    expect(await live.distribution(file, "region", asOf)).toMatchObject({
      kind: "text",
      customers: 3,
      missing: 1,
      values: [
        { value: "north", count: 2 },
        { value: "south", count: 1 },
      ],
    });
  });

  it("lets a failed read be tried again", async () => {
    let fail = true;
    const flaky: Pick<PreviewSource, "customerMetrics" | "purchaseDays"> = {
      purchaseDays: (a) => source.purchaseDays(a),
      customerMetrics: async (a, w): Promise<CustomerMetrics[]> => {
        if (fail) throw new Error("disk went away");
        return source.customerMetrics(a, w);
      },
    };
    const live = new LivePreview(flaky);
    await expect(live.preview(rules(100).file, null, asOf)).rejects.toThrow("disk went away");
    fail = false;
    expect((await live.preview(rules(100).file, null, asOf)).summary.customers).toBe(4);
  });

  it("gives the same tiers as strata preview, BG/NBD p_alive and RFM included", async () => {
    const path = join(tempDir(), "demo.db");
    const today = day("2026-06-30");
    await createDemo(path, { customers: 400, seed: 9, today, history: false });
    const text = `version: 1
window: 365d
rfm: { bins: 4 }
clv: { model: bgnbd }
dimensions:
  outlook:
    tiers:
      - id: likely
        when: p_alive >= 0.7 and expected_orders_90d >= 1
      - id: maybe
        when: p_alive >= 0.3
      - id: unlikely
        default: true
  segment:
    tiers:
      - id: top
        when: rfm_segment in ["Champions", "Loyal"] or m_score == 4
      - id: rest
        default: true
`;
    const { file, ok } = validateRuleText(text);
    if (!file || !ok) throw new Error("rules");
    const native = await openSqliteStore(path);
    const wasm = await openSqlJsReader(await readFile(path), "demo.db");
    try {
      const expected = await preview(
        sqliteEngineStore(native.connection),
        { file, text, path: null },
        today,
      );
      const live = await new LivePreview(sqlPreviewSource(wasm)).preview(file, null, today);
      expect(live.summary).toEqual(expected);
      const likely = live.summary.dimensions[0]?.tiers[0]?.count ?? 0;
      expect(likely).toBeGreaterThan(0);
      expect(likely).toBeLessThan(live.summary.customers);
    } finally {
      wasm.close();
      await native.close();
    }
  });
});
