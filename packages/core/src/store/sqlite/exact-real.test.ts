import { describe, expect, it, vi } from "vitest";
import { loadSqlJs } from "../sqljs/sqljs-reader.ts";
import { SqliteConnection } from "./connection.ts";
import { binaryParts, fromBinaryParts, partsFromRealSql, realFromPartsSql } from "./exact-real.ts";

/** Doubles from random bit patterns (every exponent), powers of two and the extremes. */
function doubles(n: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  const out = [0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2.2250738585072014e-308];
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  while (out.length < n) {
    if (out.length % 4 === 0) {
      out.push((next() % 2 ? 1 : -1) * 2 ** ((next() % 2098) - 1074));
      continue;
    }
    view.setUint32(0, next());
    view.setUint32(4, next());
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) out.push(x);
  }
  return out;
}

describe("doubles through JSON, bit for bit", () => {
  const xs = doubles(20_000);

  it("splits and rebuilds in JavaScript", () => {
    for (const x of xs) expect(fromBinaryParts(binaryParts(x))).toBe(x + 0);
  });

  it("arrive in SQLite exactly as bound doubles do, and come back exactly", async () => {
    const db = await SqliteConnection.open(":memory:");
    try {
      await db.exec("CREATE TABLE t (i INTEGER PRIMARY KEY, sent REAL, bound REAL)");
      for (let i = 0; i < xs.length; i += 500) {
        const chunk = xs.slice(i, i + 500);
        await db.run(
          `INSERT INTO t (i, sent) SELECT ? + key, ${realFromPartsSql("value", "$")} FROM json_each(?)`,
          [i, JSON.stringify(chunk.map(binaryParts))],
        );
        for (const [k, x] of chunk.entries()) {
          await db.run("UPDATE t SET bound = ? WHERE i = ?", [x, i + k]);
        }
      }
      const differ = await db.all("SELECT i FROM t WHERE sent IS NOT bound");
      expect(differ).toEqual([]);
      const [row] = await db.all<{ parts: string }>(
        `SELECT json_group_array(${partsFromRealSql("bound")}) AS parts FROM (SELECT bound FROM t ORDER BY i)`,
      );
      const back = (JSON.parse(row?.parts ?? "[]") as [number, number][]).map(fromBinaryParts);
      expect(back).toEqual(xs.map((x) => x + 0));
    } finally {
      await db.close();
    }
  });

  it("come back exactly from sql.js too (SQLite's own floor, log2 and pow in WebAssembly)", async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    // sql.js's legacy floor() would answer, warning on the console once a row.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      db.run("CREATE TABLE t (i INTEGER PRIMARY KEY, sent REAL, bound REAL)");
      db.run(
        `INSERT INTO t (i, sent) SELECT key, ${realFromPartsSql("value", "$")} FROM json_each(?)`,
        [JSON.stringify(xs.map(binaryParts))],
      );
      const bind = db.prepare("UPDATE t SET bound = ? WHERE i = ?");
      for (const [i, x] of xs.entries()) bind.run([x, i]);
      bind.free();
      expect(db.exec("SELECT i FROM t WHERE sent IS NOT bound")).toEqual([]);
      const [result] = db.exec(
        `SELECT json_group_array(${partsFromRealSql("bound")}) FROM (SELECT bound FROM t ORDER BY i)`,
      );
      const parts = JSON.parse(String(result?.values[0]?.[0] ?? "[]")) as [number, number][];
      expect(parts.map(fromBinaryParts)).toEqual(xs.map((x) => x + 0));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      db.close();
    }
  });
});
