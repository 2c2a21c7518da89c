import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDemo, parseDay } from "@strata/core";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataInWorker } from "./data-client.ts";
import { openData } from "./open-data.ts";

let dir: string;
let worker: string;
let bytes: Uint8Array;
const asOf = parseDay("2026-06-30") ?? 0;
const RULES = `version: 1
window: 365d
dimensions:
  value:
    tiers:
      - id: high
        when: monetary >= 1000
      - id: low
        default: true
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "strata-worker-"));
  worker = join(dir, "data-worker.cjs");
  // The worker as the extension ships it: bundled to CommonJS.
  await build({
    entryPoints: [join(import.meta.dirname, "data-worker.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: worker,
    logLevel: "warning",
  });
  const fromCore = createRequire(join(import.meta.dirname, "../../../core/package.json"));
  await copyFile(fromCore.resolve("sql.js/dist/sql-wasm.wasm"), join(dir, "sql-wasm.wasm"));
  await createDemo(join(dir, "demo.db"), { customers: 200, seed: 5, today: asOf, history: false });
  bytes = await readFile(join(dir, "demo.db"));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("openDataInWorker", () => {
  it("answers in a worker thread exactly as the data half does in process", async () => {
    const inWorker = await openDataInWorker(worker, new Uint8Array(bytes), "demo.db", dir);
    const inProcess = await openData(new Uint8Array(bytes), "demo.db", dir);
    try {
      expect(inWorker.stats).toEqual(inProcess.stats);
      expect(inWorker.attributes).toEqual({ region: "string", satisfaction: "number" });
      const edited = RULES.replace("1000", "500");
      const a = await inWorker.preview(edited, RULES, asOf);
      expect(a).toEqual(await inProcess.preview(edited, RULES, asOf));
      expect(a.result.summary.customers).toBe(inWorker.stats.customers);
      expect(a.result.changes?.moves[0]).toMatchObject({ from: "low", to: "high" });
      expect(await inWorker.distribution(RULES, "monetary", asOf)).toEqual(
        await inProcess.distribution(RULES, "monetary", asOf),
      );
    } finally {
      await inWorker.close();
      await inProcess.close();
    }
  });

  it("passes the worker's errors on, and refuses calls once closed", async () => {
    const session = await openDataInWorker(worker, new Uint8Array(bytes), "demo.db", dir);
    await expect(session.preview("version: 2\n", null, asOf)).rejects.toThrow(
      "the rules have errors",
    );
    await session.close();
    await expect(session.preview(RULES, null, asOf)).rejects.toThrow(/the data worker stopped/);
    await expect(
      openDataInWorker(worker, new TextEncoder().encode("not a database"), "notes.txt", dir),
    ).rejects.toThrow(/notes\.txt is not a Strata database/);
  });
});
