import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDay } from "../../time/calendar.ts";
import { sqlPreviewSource } from "../sqlite/sql-preview-source.ts";
import { openSqliteStore } from "../sqlite/sqlite-store.ts";
import { useTempDir } from "../sqlite/test-db.ts";
import { applyWal } from "./apply-wal.ts";
import { openSqlJsReader } from "./sqljs-reader.ts";

const tempDir = useTempDir();
const day = parseDay("2026-03-31") ?? 0;

/** Stats and customers as sql.js reads them from the main file's and the log's bytes. */
async function readWithSqlJs(db: Uint8Array, wal: Uint8Array) {
  const reader = await openSqlJsReader(db, "held.db", { wal });
  try {
    const source = sqlPreviewSource(reader);
    return { stats: await source.stats(), metrics: await source.customerMetrics(day, day - 364) };
  } finally {
    reader.close();
  }
}

describe("applyWal", () => {
  it("reads what a writer holding the database open committed, as native SQLite does", async () => {
    const path = join(tempDir(), "held.db");
    const store = await openSqliteStore(path);
    const native = sqlPreviewSource(store.connection);
    const nativeNow = async () => ({
      stats: await store.stats(),
      metrics: await native.customerMetrics(day, day - 364),
    });
    const files = async () => ({
      wal: new Uint8Array(await readFile(`${path}-wal`)),
      db: new Uint8Array(await readFile(path)),
    });
    try {
      await store.connection.run(
        "INSERT INTO customers VALUES ('A', 'ACME', NULL, '{}'), ('B', 'Globex', NULL, '{}')",
      );
      await store.connection.run("INSERT INTO orders VALUES ('a1', 'A', ?, 10.5, NULL, NULL)", [
        day - 3,
      ]);
      const first = await nativeNow();
      // A transaction of many pages: 500 orders of B.
      await store.connection.run(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
         INSERT INTO orders SELECT 'b' || i, 'B', ? - i % 300, i * 0.25, NULL, NULL FROM n`,
        [day],
      );
      const second = await nativeNow();
      expect(second.stats.orders).toBe(501);

      const { db, wal } = await files();
      expect(wal.byteLength).toBeGreaterThan(32);
      expect(await readWithSqlJs(db, wal)).toEqual(second);
      // The main file alone lacks the commits, even the tables.
      await expect(openSqlJsReader(db, "held.db")).rejects.toThrow(/not a Strata database/);
      expect(applyWal(db, new Uint8Array())).toBe(db);

      // A write cut short (the last transaction's commit frame incomplete) does not count.
      expect(await readWithSqlJs(db, wal.subarray(0, wal.byteLength - 100))).toEqual(first);

      // After a checkpoint the log restarts from its start, over frames of the old log: those
      // left behind the new frames (other salts) must not be applied.
      await store.connection.exec("PRAGMA wal_checkpoint(RESTART)");
      await store.connection.run("UPDATE orders SET amount = 7 WHERE order_id = 'a1'");
      const third = await nativeNow();
      const restarted = await files();
      expect(restarted.wal.byteLength).toBe(wal.byteLength);
      expect(await readWithSqlJs(restarted.db, restarted.wal)).toEqual(third);
      expect(third.metrics).not.toEqual(second.metrics);
    } finally {
      await store.close();
    }
  });

  it("leaves the database as it is for a log that is not one", () => {
    const db = new Uint8Array([1, 2, 3]);
    expect(applyWal(db, new TextEncoder().encode("x".repeat(64)))).toBe(db);
  });
});
