import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "@strata/core";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const bin = join(root, "packages/core/bin/strata.mjs");
const dir = mkdtempSync(join(tmpdir(), "strata-kill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ordersCsv(path: string, prefix: string, rows: number): string {
  const lines = ["order_id,customer_id,order_date,amount,category"];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    lines.push(`${prefix}${i},c${i % 5000},2026-02-${day},${(i % 997) + 0.25},cat${i % 7}`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

function ingest(file: string, db: string): ChildProcess {
  return spawn(process.execPath, [bin, "ingest", "--orders", file, "--db", db], { cwd: root });
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

/** What a reader sees in the database: counts, sums, schema and SQLite's own check. */
async function state(db: string) {
  const store = await openSqliteStore(db);
  try {
    const c = store.connection;
    return {
      integrity: await c.all("PRAGMA integrity_check"),
      orders: await c.get("SELECT count(*) AS n, sum(amount) AS total FROM orders"),
      customers: await c.get("SELECT count(*) AS n FROM customers"),
      schema: await c.all("SELECT type, name, sql FROM sqlite_schema ORDER BY name"),
    };
  } finally {
    await store.close();
  }
}

/** Writes `text` to the FIFO at `path`, resolving once the reader has taken all of it. */
async function feed(path: string, text: string) {
  const stream = createWriteStream(path);
  for (let i = 0; i < text.length; i += 1 << 16) {
    if (!stream.write(text.slice(i, i + (1 << 16)))) await once(stream, "drain");
  }
  return stream;
}

describe("an ingest killed part-way", () => {
  it("leaves the database exactly as it was, and the same file ingests cleanly after", async () => {
    const small = ordersCsv(join(dir, "small.csv"), "s", 100);
    const big = ordersCsv(join(dir, "big.csv"), "b", 200_000);
    const db = join(dir, "kept.db");
    expect(await finished(ingest(small, db))).toEqual({ code: 0, signal: null });
    const before = await state(db);
    expect(before.integrity).toEqual([{ integrity_check: "ok" }]);
    expect(before.orders).toMatchObject({ n: 100 });

    // The orders arrive through a named pipe: once the first half has been read, the process
    // is certainly inside its transaction, with rows written and more to come.
    const text = readFileSync(big, "utf8");
    for (const share of [0.1, 0.5, 0.9]) {
      const fifo = join(dir, `orders-${share}.csv`);
      execFileSync("mkfifo", [fifo]);
      const child = ingest(fifo, db);
      const exit = finished(child);
      const fed = feed(fifo, text.slice(0, Math.floor(text.length * share)));
      const early = await Promise.race([exit, fed.then(() => null)]);
      expect(early).toBeNull(); // still running after reading its input so far
      const stream = await fed;
      await new Promise((r) => setTimeout(r, 300));
      child.kill("SIGKILL");
      stream.destroy();
      expect(await exit).toEqual({ code: null, signal: "SIGKILL" });
      expect(await state(db)).toEqual(before);
    }

    expect(await finished(ingest(big, db))).toEqual({ code: 0, signal: null });
    const after = await state(db);
    expect(after.integrity).toEqual([{ integrity_check: "ok" }]);
    expect(after.orders).toMatchObject({ n: 200_100 });
    expect(after.schema).toEqual(before.schema);
  }, 120_000);
});
