import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OrderRecord } from "../store.ts";
import { openSqliteStore, type SqliteStore } from "./sqlite-store.ts";

const order = (key: string, customerId: string, day: number, amount: number): OrderRecord => ({
  key,
  customerId,
  day,
  amount,
  profit: null,
  category: null,
});

async function writeOrders(
  store: SqliteStore,
  rows: OrderRecord[],
  keys: "order-id" | "content" = "order-id",
) {
  const writer = await store.openOrderWriter({
    keys,
    expectedRows: rows.length,
  });
  await writer.write(rows);
  return writer.commit();
}

const dump = (store: SqliteStore) => store.connection.all("SELECT * FROM orders ORDER BY order_id");

describe("SQLite order writer", () => {
  it("inserts orders, creates their customers and skips known order ids", async () => {
    const store = await openSqliteStore(":memory:");
    const first = await writeOrders(store, [
      order("o1", "c1", 100, 10),
      order("o2", "c1", 101, 5.5),
      order("o3", "c2", 101, -2),
    ]);
    expect(first).toEqual({ inserted: 3, duplicates: 0, customersCreated: 2 });
    const again = await writeOrders(store, [order("o1", "c1", 100, 10), order("o4", "c3", 1, 1)]);
    expect(again).toEqual({ inserted: 1, duplicates: 1, customersCreated: 1 });
    expect(await store.stats()).toEqual({
      customers: 3,
      orders: 4,
      firstOrderDay: 1,
      lastOrderDay: 101,
    });
    expect(await store.connection.all("PRAGMA foreign_key_check")).toEqual([]);
    expect(await store.connection.get("PRAGMA foreign_keys")).toEqual({ foreign_keys: 1 });
  });

  it("counts every row of a file written in many batches", async () => {
    const store = await openSqliteStore(":memory:");
    // 10 batches of 500 orders and 1,000 new customers in a file: several writes in flight.
    const rows = Array.from({ length: 5000 }, (_, i) => order(`m${i}`, `c${i % 1000}`, i, 1));
    expect(await writeOrders(store, rows)).toEqual({
      inserted: 5000,
      duplicates: 0,
      customersCreated: 1000,
    });
    const again = [...rows.slice(0, 2500), order("m-new", "c-new", 1, 1)];
    expect(await writeOrders(store, again)).toEqual({
      inserted: 1,
      duplicates: 2500,
      customersCreated: 1,
    });
    const customers = await store.openCustomerWriter({
      hasName: true,
      hasAccountManager: false,
      attributeNames: [],
    });
    await customers.write(
      Array.from({ length: 3000 }, (_, i) => ({
        customerId: `c${i}`,
        name: `N${i}`,
        attributes: {},
      })),
    );
    // c0…c999 and c-new exist: 1,000 named, 2,000 created.
    expect(await customers.commit()).toEqual({ created: 2000, updated: 1000, unchanged: 0 });
  });

  it("numbers identical rows of one file when orders have no id", async () => {
    const store = await openSqliteStore(":memory:");
    const rows = [order("h1", "c1", 5, 12), order("h1", "c1", 5, 12), order("h2", "c1", 6, 3)];
    expect(await writeOrders(store, rows, "content")).toEqual({
      inserted: 3,
      duplicates: 0,
      customersCreated: 1,
    });
    expect(await writeOrders(store, rows, "content")).toMatchObject({ inserted: 0, duplicates: 3 });
    const more = [...rows, order("h1", "c1", 5, 12)];
    expect(await writeOrders(store, more, "content")).toMatchObject({ inserted: 1, duplicates: 3 });
    const ids = await store.connection.all("SELECT order_id FROM orders ORDER BY 1");
    expect(ids).toEqual([
      { order_id: "h1-1" },
      { order_id: "h1-2" },
      { order_id: "h1-3" },
      { order_id: "h2-1" },
    ]);
  });

  it("leaves the store exactly as it was on rollback, indexes included", async () => {
    const store = await openSqliteStore(":memory:");
    await writeOrders(store, [order("o1", "c1", 1, 1)]);
    const before = await dump(store);
    const schema = () => store.connection.all("SELECT name, sql FROM sqlite_schema ORDER BY name");
    const schemaBefore = await schema();
    const writer = await store.openOrderWriter({
      keys: "order-id",
      expectedRows: 10_000,
    });
    await writer.write(Array.from({ length: 1234 }, (_, i) => order(`n${i}`, `c${i % 50}`, i, i)));
    await writer.rollback();
    expect(await dump(store)).toEqual(before);
    expect(await schema()).toEqual(schemaBefore);
    expect((await store.stats()).customers).toBe(1);
  });

  it("rebuilds the indexes after a bulk load and keeps them on small loads", async () => {
    const store = await openSqliteStore(":memory:");
    const big = Array.from({ length: 2000 }, (_, i) => order(`o${i}`, `c${i % 7}`, i % 30, i));
    await writeOrders(store, big);
    const writer = await store.openOrderWriter({
      keys: "order-id",
      expectedRows: 3,
    });
    await writer.write([order("x", "c1", 1, 1)]);
    await writer.commit();
    const plan = await store.connection.all<{ detail: string }>(
      "EXPLAIN QUERY PLAN SELECT sum(amount) FROM orders WHERE customer_id = ? AND order_day BETWEEN ? AND ?",
      ["c3", 1, 10],
    );
    expect(plan.map((p) => p.detail).join()).toContain("COVERING INDEX orders_by_customer_day");
    expect(await store.connection.get("PRAGMA integrity_check")).toEqual({ integrity_check: "ok" });
  });

  it("stores every finite amount exactly", async () => {
    const store = await openSqliteStore(":memory:");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        async (amounts) => {
          const rows = amounts.map((a) => ({
            ...order(`a${n++}`, "c", 0, a),
            profit: -a,
            category: "x",
          }));
          await writeOrders(store, rows);
          const keys = rows.map((r) => r.key);
          const stored = await store.connection.all<{ amount: number; profit: number }>(
            `SELECT amount, profit FROM orders WHERE order_id IN (${keys.map(() => "?").join()}) ORDER BY rowid`,
            keys,
          );
          expect(stored.map((s) => s.amount)).toEqual(amounts.map((a) => a + 0));
          expect(stored.map((s) => s.profit)).toEqual(amounts.map((a) => -a + 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("allows one writer at a time", async () => {
    const store = await openSqliteStore(":memory:");
    const writer = await store.openOrderWriter({
      keys: "order-id",
      expectedRows: 1,
    });
    await expect(
      store.openCustomerWriter({ hasName: true, hasAccountManager: false, attributeNames: [] }),
    ).rejects.toThrow(/another writer/);
    await writer.rollback();
  });
});

describe("SQLite customer writer", () => {
  it("creates, updates and merges attributes; absent columns stay", async () => {
    const store = await openSqliteStore(":memory:");
    const w1 = await store.openCustomerWriter({
      hasName: true,
      hasAccountManager: true,
      attributeNames: ["region", "age"],
    });
    await w1.write([
      {
        customerId: "c1",
        name: "Ana",
        accountManager: "U1",
        attributes: { region: "EU", age: 41 },
      },
      {
        customerId: "c2",
        name: "Ben",
        accountManager: null,
        attributes: { region: null, age: 30 },
      },
    ]);
    expect(await w1.commit()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await store.getCustomer("c2")).toEqual({
      customerId: "c2",
      name: "Ben",
      accountManager: null,
      attributes: { age: 30 },
    });

    const w2 = await store.openCustomerWriter({
      hasName: false,
      hasAccountManager: false,
      attributeNames: ["age", "vip"],
    });
    await w2.write([
      { customerId: "c1", attributes: { age: null, vip: true } },
      { customerId: "c2", attributes: { age: 30, vip: null } },
      { customerId: "c3", attributes: { age: 5, vip: false } },
    ]);
    expect(await w2.commit()).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect(await store.getCustomer("c1")).toEqual({
      customerId: "c1",
      name: "Ana",
      accountManager: "U1",
      attributes: { region: "EU", vip: true },
    });
    expect(await store.getCustomer("c3")).toMatchObject({
      name: null,
      attributes: { age: 5, vip: false },
    });
  });
});
