import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStrata } from "../cli/run-cli-for-test.ts";

/** The real CDNOW orders (69,659 rows, 23,570 customers); see data/cdnow/README.md. */
const CDNOW = resolve(import.meta.dirname, "../../../../data/cdnow/CDNOW_master.txt");

const RULES = `version: 1
name: CDNOW check
dimensions:
  value:
    tiers:
      - id: high
        when: monetary >= 200
      - id: mid
        when: monetary >= 50 or frequency >= 3
      - id: low
        default: true
  lifecycle:
    tiers:
      - id: active
        when: recency_days <= 90
      - id: lapsing
        when: recency_days <= 365
      - id: lost
        default: true
`;

const dir = mkdtempSync(join(tmpdir(), "strata-cdnow-"));
const db = join(dir, "cdnow.db");

const strata = (...argv: string[]) =>
  runStrata([...argv, "--db", db], { cwd: dir, now: () => new Date("1998-07-01T00:00:00Z") });

beforeAll(async () => {
  writeFileSync(join(dir, "cdnow.tiers.yaml"), RULES);
  const r = await strata(
    "ingest",
    "--orders",
    CDNOW,
    "--delimiter",
    "whitespace",
    "--map",
    "order_date=date",
    "--map",
    "amount=dollar_value",
    "--json",
  );
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the whole pipeline on the real CDNOW orders", () => {
  it("computes recency, frequency and monetary as worked out by hand from the file", async () => {
    // awk '$1=="00003" {n++; s+=$4; ...}' CDNOW_master.txt: 6 orders, $156.46, last 1998-05-28,
    // which is 33 days before 1998-06-30; 00002: 2 orders on 1997-01-12 (534 days), $89.00;
    // 00004: 4 orders, $100.50, last 1997-12-12 (200 days); 23570: 2 orders, $94.08, last 1997-03-26 (461 days).
    const expected = {
      "00002": { frequency: 2, monetary: 89, recency_days: 534 },
      "00003": { frequency: 6, monetary: 156.46, recency_days: 33 },
      "00004": { frequency: 4, monetary: 100.5, recency_days: 200 },
      "23570": { frequency: 2, monetary: 94.08, recency_days: 461 },
    };
    for (const [id, want] of Object.entries(expected)) {
      const r = await strata(
        "tier",
        id,
        "--rules",
        join(dir, "cdnow.tiers.yaml"),
        "--as-of",
        "1998-06-30",
        "--json",
      );
      expect(r.code, r.stderr).toBe(0);
      const { metrics } = JSON.parse(r.stdout);
      expect(metrics.frequency).toBe(want.frequency);
      expect(metrics.monetary).toBeCloseTo(want.monetary, 6);
      expect(metrics.recency_days).toBe(want.recency_days);
    }
  });

  it("counts tiers as plain loops over the file do", async () => {
    // Independent computation: read the file line by line, aggregate per customer, apply the
    // rules as if/else. No Strata code involved.
    const asOf = Date.UTC(1998, 5, 30) / 86_400_000;
    const customers = new Map<string, { n: number; sum: number; last: number }>();
    for (const line of readFileSync(CDNOW, "utf8").split("\n").slice(1)) {
      const [id, date, , dollars] = line.trim().split(/\s+/);
      if (!id || !date || dollars === undefined) continue;
      const day =
        Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) /
        86_400_000;
      const c = customers.get(id) ?? { n: 0, sum: 0, last: -Infinity };
      customers.set(id, { n: c.n + 1, sum: c.sum + Number(dollars), last: Math.max(c.last, day) });
    }
    expect(customers.size).toBe(23_570);
    const count = {
      value: { high: 0, mid: 0, low: 0 },
      lifecycle: { active: 0, lapsing: 0, lost: 0 },
    };
    for (const c of customers.values()) {
      if (c.sum >= 200) count.value.high++;
      else if (c.sum >= 50 || c.n >= 3) count.value.mid++;
      else count.value.low++;
      const recency = asOf - c.last;
      if (recency <= 90) count.lifecycle.active++;
      else if (recency <= 365) count.lifecycle.lapsing++;
      else count.lifecycle.lost++;
    }
    const r = await strata(
      "preview",
      join(dir, "cdnow.tiers.yaml"),
      "--as-of",
      "1998-06-30",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    const preview = JSON.parse(r.stdout);
    expect(preview.customers).toBe(23_570);
    for (const dimension of ["value", "lifecycle"] as const) {
      const tiers = preview.dimensions[dimension].tiers;
      const got = Object.fromEntries(
        Object.entries(tiers).map(([tier, t]) => [tier, (t as { count: number }).count]),
      );
      expect(got).toEqual(count[dimension]);
    }
  });

  it("fits BG/NBD on the stored orders in weeks, close to the published fit on the 1/10 sample", async () => {
    // The published fit (r 0.2426, α 4.4136, a 0.7929, b 2.4259) is on a 1/10 sample of this
    // cohort over the same 39 weeks: the whole cohort should land near it. In days instead of
    // weeks α would be 7 times larger.
    const r = await strata("clv", "--as-of", "1997-09-30", "--json");
    expect(r.code, r.stderr).toBe(0);
    const fit = JSON.parse(r.stdout);
    expect(fit.customers).toBe(23_570);
    const published = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    for (const [name, value] of Object.entries(published))
      expect(Math.abs(fit[name] - value) / value, name).toBeLessThan(0.15);
  });

  it("runs rules on p_alive, and tier explains them", async () => {
    const rules = join(dir, "risk.tiers.yaml");
    writeFileSync(
      rules,
      `version: 1
clv: { model: bgnbd }
dimensions:
  risk:
    tiers:
      - id: at_risk
        when: p_alive < 0.3
      - id: fine
        default: true
`,
    );
    const run = await strata("run", rules, "--as-of", "1997-09-30", "--json");
    expect(run.code, run.stderr).toBe(0);
    // 00002 bought twice on 1997-01-12 (one order day: no repeat purchase), so p_alive is 1.
    const once = await strata("tier", "00002", "--as-of", "1997-09-30");
    expect(once.code, once.stderr).toBe(0);
    expect(once.stdout).toContain("Still buying: 100.0% likely (p_alive, BG/NBD)");
    expect(once.stdout).toContain("risk: fine");
  });
});
