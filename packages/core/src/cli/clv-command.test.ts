import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../store/sqlite/test-db.ts";
import { runStrata } from "./run-cli-for-test.ts";

const tempDir = useTempDir();
const CDNOW_SUMMARY = resolve(
  import.meta.dirname,
  "../../../../data/cdnow/cdnow_customers_summary.csv",
);

const strata = (cwd: string, ...argv: string[]) =>
  runStrata(argv, { cwd, now: () => new Date("2026-11-22T12:00:00Z") });

describe("strata clv", () => {
  it("--summary --json prints the published CDNOW parameters and log-likelihood", async () => {
    const r = await strata(tempDir(), "clv", "--summary", CDNOW_SUMMARY, "--json");
    expect(r.code, r.stderr).toBe(0);
    const fit = JSON.parse(r.stdout);
    expect(Object.keys(fit)).toEqual(["r", "alpha", "a", "b", "logLikelihood", "customers"]);
    const published = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    for (const [name, value] of Object.entries(published))
      expect(Math.abs(fit[name] - value) / value, name).toBeLessThan(1e-3);
    expect(Math.abs(fit.logLikelihood + 9582.4)).toBeLessThan(0.1);
  });

  it("points at the bad line of a summary file and exits 1; a missing file exits 2", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.csv"), "ID,frequency,recency,T\n1,2,30.43,38.86\n2,3,41,38.86\n");
    const bad = await strata(dir, "clv", "--summary", "bad.csv");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      "strata clv: bad.csv:3: recency must be between 0 and T (38.86), not 41\n",
    );
    const missing = await strata(dir, "clv", "--summary", "nope.csv");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("strata clv: cannot read nope.csv: no such file\n");
  });

  it("says what to do with a file name given without --summary, or with a missing database", async () => {
    const dir = tempDir();
    const r = await strata(dir, "clv", "summary.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("did you mean --summary summary.csv?");
    const noDb = await strata(dir, "clv", "--db", "none.db");
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain("no database at");
  });
});
