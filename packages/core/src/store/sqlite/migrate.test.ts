import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteConnection } from "./connection.ts";
import { currentVersion, migrate } from "./migrate.ts";
import { openSqliteStore } from "./sqlite-store.ts";
import { useTempDir } from "./test-db.ts";

const tempDir = useTempDir();

describe("migrations", () => {
  it("creates the schema once and records its version", async () => {
    const path = join(tempDir(), "s.db");
    const store = await openSqliteStore(path);
    const c = store.connection;
    expect(await currentVersion(c)).toBe(6);
    const tables = await c.all<{ name: string }>(
      "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    expect(tables.map((t) => t.name)).toEqual([
      "alert_snoozes",
      "churn_alert_responses",
      "churn_alerts",
      "churn_alerts_by_claim",
      "churn_alerts_by_recipient",
      "churn_alerts_by_state",
      "customers",
      "customers_by_lower_name",
      "orders",
      "orders_by_customer_day",
      "orders_with_dates",
      "question_audit",
      "question_audit_by_time",
      "question_audit_by_user",
      "runs",
      "runs_by_date",
      "schema_version",
      "tier_history",
      "tier_history_current",
      "tier_history_entered",
    ]);
    expect(await migrate(c)).toEqual([]);
    await store.close();
    const again = await openSqliteStore(path);
    expect(await currentVersion(again.connection)).toBe(6);
    await again.close();
  });

  it("applies only the missing steps, forward", async () => {
    const c = await SqliteConnection.open(":memory:");
    const steps = [
      { version: 1, description: "a", sql: "CREATE TABLE a (x INTEGER)" },
      { version: 2, description: "b", sql: "ALTER TABLE a ADD COLUMN y INTEGER" },
    ];
    expect(await migrate(c, steps.slice(0, 1))).toEqual([1]);
    expect(await migrate(c, steps)).toEqual([2]);
    expect(await c.all("SELECT version, description FROM schema_version")).toEqual([
      { version: 1, description: "a" },
      { version: 2, description: "b" },
    ]);
  });

  it("rolls back a failing step and refuses a newer schema", async () => {
    const c = await SqliteConnection.open(":memory:");
    const bad = { version: 1, description: "bad", sql: "CREATE TABLE ok (x); CREATE TABLEE" };
    await expect(migrate(c, [bad])).rejects.toThrow(/syntax error/);
    expect(await c.get("SELECT name FROM sqlite_schema WHERE name = 'ok'")).toBeUndefined();
    expect(await currentVersion(c)).toBe(0);
    await c.run("INSERT INTO schema_version VALUES (7, 'from the future')");
    await expect(migrate(c)).rejects.toThrow(/schema version 7, newer than this Strata knows/);
  });

  it("opens an up-to-date database while another connection holds the write lock", async () => {
    const path = join(tempDir(), "busy.db");
    await (await openSqliteStore(path)).close();
    const writer = await SqliteConnection.open(path);
    await writer.exec("PRAGMA journal_mode = WAL");
    await writer.begin();
    await writer.run("INSERT INTO customers (customer_id) VALUES ('w')");
    try {
      const reader = await SqliteConnection.open(path);
      await reader.exec("PRAGMA busy_timeout = 0");
      expect(await migrate(reader)).toEqual([]);
      await reader.close();
    } finally {
      await writer.rollback();
      await writer.close();
    }
  });

  it("opens with WAL, foreign keys and a busy timeout", async () => {
    const store = await openSqliteStore(join(tempDir(), "p.db"));
    const c = store.connection;
    expect(await c.get("PRAGMA journal_mode")).toEqual({ journal_mode: "wal" });
    expect(await c.get("PRAGMA foreign_keys")).toEqual({ foreign_keys: 1 });
    expect(await c.get("PRAGMA busy_timeout")).toEqual({ timeout: 10000 });
    await expect(
      c.run("INSERT INTO orders VALUES ('o1', 'nobody', 1, 1.0, NULL, NULL)"),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
    await store.close();
  });

  it("says so when the file is not a database or cannot be opened", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.db"), "these are my notes, not a database\n".repeat(100));
    await expect(openSqliteStore(join(dir, "notes.db"))).rejects.toThrow(
      /notes\.db is not a Strata database/,
    );
    await expect(openSqliteStore(join(dir, "missing-dir", "x.db"))).rejects.toThrow(
      /cannot open the database .*missing-dir/,
    );
  });
});
