import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDemo } from "../../demo/create-demo.ts";
import { isStrataError } from "../../errors.ts";
import { parseDay } from "../../time/calendar.ts";
import { SqliteConnection } from "../sqlite/connection.ts";
import { sqlPreviewSource } from "../sqlite/sql-preview-source.ts";
import { openSqliteStore } from "../sqlite/sqlite-store.ts";
import { useTempDir } from "../sqlite/test-db.ts";
import { openSqlJsReader } from "./sqljs-reader.ts";

const tempDir = useTempDir();
const today = parseDay("2026-03-31") ?? 0;

describe("openSqlJsReader", () => {
  it("reads a Strata database exactly as the native driver does", async () => {
    const path = join(tempDir(), "demo.db");
    const demo = await createDemo(path, { customers: 300, seed: 3, today, history: false });
    expect(demo.runs).toBe(0);
    const native = await openSqliteStore(path);
    const wasm = await openSqlJsReader(await readFile(path), "demo.db");
    try {
      const a = sqlPreviewSource(native.connection);
      const b = sqlPreviewSource(wasm);
      const asOf = today - 30;
      const nativeMetrics = await a.customerMetrics(asOf, asOf - 364);
      expect(nativeMetrics.length).toBeGreaterThan(100);
      expect(await b.customerMetrics(asOf, asOf - 364)).toEqual(nativeMetrics);
      expect(await b.attributeTypes()).toEqual({ region: "string", satisfaction: "number" });
      expect(await b.stats()).toEqual(await native.stats());
      const regions = await b.attributeValues();
      expect(Object.keys(regions)).toEqual(["region"]);
      expect([...(regions.region ?? [])].sort()).toEqual(["east", "north", "south", "west"]);
      expect(regions).toEqual(await a.attributeValues());
    } finally {
      wasm.close();
      await native.close();
    }
  });

  it("refuses bytes that are not SQLite, and SQLite files without Strata's tables", async () => {
    const error = await openSqlJsReader(
      new TextEncoder().encode("hello, world"),
      "notes.txt",
    ).catch((e: unknown) => e);
    expect(isStrataError(error, "storage")).toBe(true);
    expect((error as Error).message).toMatch(/^notes\.txt is not a Strata database/);

    const path = join(tempDir(), "other.db");
    const other = await SqliteConnection.open(path);
    await other.exec("CREATE TABLE notes (body TEXT)");
    await other.close();
    await expect(openSqlJsReader(await readFile(path), "other.db")).rejects.toThrow(
      /other\.db is a SQLite file but not a Strata database/,
    );
  });

  it("refuses a database written by a newer Strata", async () => {
    const path = join(tempDir(), "future.db");
    const store = await openSqliteStore(path);
    await store.connection.run("INSERT INTO schema_version VALUES (999, 'from the future')");
    await store.close();
    await expect(openSqlJsReader(await readFile(path), "future.db")).rejects.toThrow(
      /schema version 999, newer than this Strata knows/,
    );
  });
});
