import { describe, expect, it } from "vitest";
import { isStrataError } from "../../errors.ts";
import { SqliteConnection } from "./connection.ts";

async function memory() {
  const c = await SqliteConnection.open(":memory:");
  await c.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER) STRICT");
  return c;
}

describe("SqliteConnection", () => {
  it("runs, gets, lists and streams rows with bound parameters", async () => {
    const c = await memory();
    expect(await c.run("INSERT INTO t VALUES (?, ?), (?, ?)", ["a", 1, "b", 2])).toMatchObject({
      changes: 2,
    });
    expect(await c.get("SELECT v FROM t WHERE k = ?", ["b"])).toEqual({ v: 2 });
    expect(await c.get("SELECT v FROM t WHERE k = ?", ["zz"])).toBeUndefined();
    expect(await c.all("SELECT k FROM t ORDER BY k")).toEqual([{ k: "a" }, { k: "b" }]);
    const seen: unknown[] = [];
    expect(await c.each("SELECT k FROM t ORDER BY k", [], (row) => seen.push(row))).toBe(2);
    expect(seen).toEqual([{ k: "a" }, { k: "b" }]);
    const injection = "x'); DROP TABLE t; --";
    await c.run("INSERT INTO t VALUES (?, 3)", [injection]);
    expect(await c.get("SELECT count(*) AS n FROM t")).toEqual({ n: 3 });
    await c.close();
  });

  it("reuses prepared statements", async () => {
    const c = await memory();
    const insert = await c.prepare("INSERT INTO t VALUES (?, ?)");
    for (let i = 0; i < 5; i++) await insert.run([`k${i}`, i]);
    await insert.finalize();
    expect(await c.get("SELECT sum(v) AS s FROM t")).toEqual({ s: 10 });
  });

  it("commits a transaction that resolves and rolls back one that throws", async () => {
    const c = await memory();
    await c.transaction(() => c.run("INSERT INTO t VALUES ('kept', 1)"));
    await expect(
      c.transaction(async () => {
        await c.run("INSERT INTO t VALUES ('lost', 2)");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await c.all("SELECT k FROM t")).toEqual([{ k: "kept" }]);
    expect(c.transactionOpen).toBe(false);
  });

  it("rolls back when COMMIT itself fails, and can begin again", async () => {
    const c = await memory();
    await c.exec(
      "CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (p TEXT REFERENCES parent (id)); PRAGMA foreign_keys = ON; PRAGMA defer_foreign_keys = ON",
    );
    await expect(c.transaction(() => c.run("INSERT INTO child VALUES ('nobody')"))).rejects.toThrow(
      /FOREIGN KEY/,
    );
    expect(c.transactionOpen).toBe(false);
    expect(await c.all("SELECT * FROM child")).toEqual([]);
    await c.transaction(() => c.run("INSERT INTO t VALUES ('after', 3)"));
    expect(await c.all("SELECT k FROM t")).toEqual([{ k: "after" }]);
  });

  it("turns SQLite errors into storage errors with the code", async () => {
    const c = await memory();
    await c.run("INSERT INTO t VALUES ('a', 1)");
    const error = await c.run("INSERT INTO t VALUES ('a', 2)").catch((e: unknown) => e);
    expect(isStrataError(error, "storage")).toBe(true);
    expect((error as { details: { code: string } }).details.code).toBe("SQLITE_CONSTRAINT");
    await expect(c.run("INSERT INTO t VALUES ('b', 'not a number')")).rejects.toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    await expect(c.prepare("SELEC 1")).rejects.toThrow(/syntax error/);
  });
});
