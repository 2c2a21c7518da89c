import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EngineStore } from "../../engine/engine-store.ts";
import { type Day, parseDay } from "../../time/calendar.ts";
import { SqliteConnection } from "./connection.ts";
import { queryCustomerMetrics } from "./metrics-queries.ts";
import { migrate } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { sqliteEngineStore } from "./sqlite-engine-store.ts";

const day = (text: string): Day => parseDay(text) ?? Number.NaN;

let db: SqliteConnection;
let store: EngineStore;

beforeEach(async () => {
  db = await SqliteConnection.open(":memory:");
  await migrate(db, MIGRATIONS);
  store = sqliteEngineStore(db);
  for (const [id, name, attributes] of [
    ["A", "ACME", '{"region":"north","satisfaction":8}'],
    ["B", "Globex", "{}"],
    ["C", "Initech", '{"region":"south"}'],
  ] as const) {
    await db.run(
      "INSERT INTO customers (customer_id, name, account_manager, attributes) VALUES (?, ?, 'U1', ?)",
      [id, name, attributes],
    );
  }
  const orders: Array<[string, string, string, number, number | null, string | null]> = [
    ["a1", "A", "2026-01-10", 100, 10, "apparel"],
    ["a2", "A", "2026-03-01", 50, null, "shoes"],
    ["a3", "A", "2025-01-05", 1000, null, "home"],
    ["b1", "B", "2026-04-02", 500, null, "apparel"],
    ["b2", "B", "2025-06-01", 20, null, "apparel"],
    ["c1", "C", "2026-03-31", 70, 7, null],
  ];
  for (const [id, customer, date, amount, profit, category] of orders) {
    await db.run("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", [
      id,
      customer,
      day(date),
      amount,
      profit,
      category,
    ]);
  }
});

afterEach(() => db.close());

describe("customerMetrics", () => {
  it("computes each metric as of a date within a window (values worked out by hand)", async () => {
    const asOf = day("2026-03-31");
    const metrics = await store.customerMetrics(asOf, day("2025-04-01"));
    const byId = Object.fromEntries(metrics.map((m) => [m.customer_id, m]));
    // A: orders on 2026-01-10 (100, profit 10) and 2026-03-01 (50) in the window; 2025-01-05 before it.
    expect(byId.A).toMatchObject({
      frequency: 2,
      monetary: 150,
      profit: 10,
      avg_order_value: 75,
      recency_days: 30,
      product_types: 2,
      tenure_days: 450,
      satisfaction: 8,
    });
    expect(byId.A?.attributes).toEqual({ region: "north", satisfaction: 8 });
    // B: the 2026-04-02 order is after the as-of date and never counts.
    expect(byId.B).toMatchObject({
      frequency: 1,
      monetary: 20,
      profit: null,
      recency_days: 303,
      tenure_days: 303,
      satisfaction: null,
    });
    // C: an order on the as-of date counts; no category means no product type.
    expect(byId.C).toMatchObject({
      frequency: 1,
      monetary: 70,
      recency_days: 0,
      product_types: 0,
      tenure_days: 0,
    });
  });

  it("leaves out customers with no order yet, and reads all history without a window", async () => {
    const early = await store.customerMetrics(day("2025-05-01"), null);
    expect(early.map((m) => m.customer_id)).toEqual(["A"]);
    expect(early[0]).toMatchObject({ frequency: 1, monetary: 1000, recency_days: 116 });
    const one = await store.customerMetrics(day("2026-03-31"), null, ["B"]);
    expect(one.map((m) => [m.customer_id, m.monetary])).toEqual([["B", 20]]);
  });

  it("reads customers in pages without losing or repeating one at a page's edge", async () => {
    const asOf = day("2026-03-31");
    const monetary = async (pageSize: number, ids?: string[]) =>
      (await queryCustomerMetrics(db, asOf, null, ids, pageSize)).map((m) => [
        m.customer_id,
        m.monetary,
      ]);
    // By hand: A 100 + 50 + 1000; B 20 (its April order is after the date); C 70.
    const all = [
      ["A", 1150],
      ["B", 20],
      ["C", 70],
    ];
    for (const pageSize of [1, 2, 3, 4]) expect(await monetary(pageSize)).toEqual(all);
    expect(await monetary(1, ["C", "A"])).toEqual([all[0], all[2]]);
  });

  it("counts the same orders on every page, whatever is added after the first", async () => {
    let queries = 0;
    const addingAfterFirstPage = {
      all: async <T>(sql: string, params?: readonly (string | number | null)[]) => {
        const rows = await db.all<T>(sql, params);
        if (++queries === 2) {
          await db.run("INSERT INTO orders VALUES ('c2', 'C', ?, 500, NULL, NULL)", [
            day("2026-03-30"),
          ]);
        }
        return rows;
      },
    };
    const metrics = await queryCustomerMetrics(
      addingAfterFirstPage,
      day("2026-03-31"),
      null,
      undefined,
      1,
    );
    expect(queries).toBe(5); // the newest order's rowid, pages of A, B and C, an empty one
    expect(metrics.map((m) => [m.customer_id, m.monetary])).toEqual([
      ["A", 1150],
      ["B", 20],
      ["C", 70],
    ]);
    expect((await store.customerMetrics(day("2026-03-31"), null, ["C"]))[0]?.monetary).toBe(570);
  });

  it("hands over sums exactly, not rounded to fewer digits", async () => {
    for (const [id, amount] of [
      ["d1", 0.1],
      ["d2", 0.2],
      ["d3", 1 / 3],
    ] as const) {
      await db.run("INSERT INTO orders VALUES (?, 'C', ?, ?, ?, NULL)", [
        id,
        day("2026-02-01"),
        amount,
        amount,
      ]);
    }
    // The driver's own doubles for the same sums (SQLite sums with error compensation).
    const direct = await db.get<{ monetary: number; profit: number }>(
      "SELECT sum(amount) AS monetary, sum(profit) AS profit FROM orders WHERE customer_id = 'C' AND order_day <= ?",
      [day("2026-02-01")],
    );
    expect(String(direct?.monetary).length).toBeGreaterThan(15); // not a round number
    const [c] = await store.customerMetrics(day("2026-02-01"), null, ["C"]);
    expect(c?.monetary).toBe(direct?.monetary);
    expect(c?.profit).toBe(direct?.profit);
  });

  it("knows the attribute types in the data", async () => {
    expect(await store.attributeTypes()).toEqual({ region: "string", satisfaction: "number" });
  });
});

describe("recordRun", () => {
  const run = (
    asOf: string,
    tiers: Record<string, Record<string, string | null>>,
    rulesText = "rules",
  ) =>
    store.recordRun({
      asOf: day(asOf),
      rulesPath: null,
      rfmCuts: null,
      rulesText,
      assignments: Object.entries(tiers).map(([customerId, t]) => ({ customerId, tiers: t })),
    });

  it("opens intervals, closes them on change, and records moves", async () => {
    const first = await run("2026-03-02", { A: { life: "active" }, B: { life: "active" } });
    expect(first.moves).toEqual([{ dimension: "life", from: null, to: "active", count: 2 }]);
    const second = await run("2026-03-09", { A: { life: "active" }, B: { life: "churned" } });
    expect(second.moves).toEqual([{ dimension: "life", from: "active", to: "churned", count: 1 }]);
    const history = await store.tierHistory("B");
    expect(history.map((h) => [h.tier, h.previousTier, h.validFrom, h.validTo])).toEqual([
      ["churned", "active", day("2026-03-09"), null],
      ["active", null, day("2026-03-02"), day("2026-03-09")],
    ]);
    const churned = await store.enteredTier(
      "life",
      "churned",
      day("2026-03-09"),
      day("2026-03-15"),
    );
    expect(churned.map((c) => c.customerId)).toEqual(["B"]);
    expect(
      await store.enteredTier("life", "churned", day("2026-03-02"), day("2026-03-08")),
    ).toEqual([]);
  });

  it("changes nothing when run again for the same date and rules", async () => {
    await run("2026-03-02", { A: { life: "active" } });
    const again = await run("2026-03-02", { A: { life: "active" } });
    expect(again.recorded).toBe(false);
    expect(await db.get("SELECT count(*) AS n FROM runs")).toEqual({ n: 1 });
  });

  it("corrects the same day's intervals when the rules change, instead of stacking them", async () => {
    await run("2026-03-02", { A: { life: "active" } });
    await run("2026-03-09", { A: { life: "silent" } });
    await run("2026-03-09", { A: { life: "active" } }, "edited rules");
    const history = await store.tierHistory("A");
    expect(history.map((h) => [h.tier, h.validFrom, h.validTo])).toEqual([
      ["active", day("2026-03-02"), null],
    ]);
  });

  it("refuses to rewrite the past and leaves history as it was", async () => {
    await run("2026-03-09", { A: { life: "active" } });
    await expect(run("2026-03-02", { A: { life: "churned" } })).rejects.toThrow(
      /recorded up to 2026-03-09/,
    );
    expect(await db.get("SELECT count(*) AS n FROM runs")).toEqual({ n: 1 });
    expect((await store.tierHistory("A")).map((h) => h.tier)).toEqual(["active"]);
  });
});

describe("findCustomers", () => {
  it("finds by id, by exact name in any case, then by part of the name", async () => {
    expect((await store.findCustomers("B")).exact).toEqual([{ customerId: "B", name: "Globex" }]);
    expect((await store.findCustomers("acme")).exact).toEqual([{ customerId: "A", name: "ACME" }]);
    expect(await store.findCustomers("tech")).toEqual({
      exact: [],
      partial: [{ customerId: "C", name: "Initech" }],
    });
    expect((await store.findCustomers("%")).partial).toEqual([]);
  });
});
