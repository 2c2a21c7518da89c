import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStrata } from "./run-cli-for-test.ts";

const dir = mkdtempSync(join(tmpdir(), "strata-cli-"));
const examples = join(import.meta.dirname, "../../examples");

const strata = (...argv: string[]) =>
  runStrata(argv, {
    cwd: dir,
    env: { STRATA_DB: join(dir, "strata-demo.db"), STRATA_TIMEZONE: "Europe/Paris" },
    now: () => new Date("2026-11-22T12:00:00Z"),
  });

beforeAll(async () => {
  const demo = await strata("demo", "--customers", "300", "--seed", "3");
  expect(demo.stderr).toBe("");
  expect(demo.code).toBe(0);
  expect(demo.stdout).toContain("Created strata-demo.db: 300 customers");
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("questions on the demo database", () => {
  it("tier --json has each dimension's tier, and finds a customer by name in any case", async () => {
    const r = await strata("tier", "acme", "--json");
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.customer.name).toBe("ACME");
    expect(Object.keys(answer.dimensions)).toEqual(["value", "lifecycle", "csat", "segment"]);
    for (const d of Object.values(answer.dimensions) as Array<{ tier: string }>)
      expect(typeof d.tier).toBe("string");
  });

  it("scores RFM from a run's cut points exactly as from the whole population", async () => {
    // The same rules with a changed comment match no run, so everyone is scored again.
    const copy = join(dir, "retail-copy.tiers.yaml");
    writeFileSync(copy, `# a copy\n${readFileSync(join(examples, "retail.tiers.yaml"), "utf8")}`);
    for (const customer of ["ACME", "Globex", "C00150", "C00299"]) {
      const fromRun = JSON.parse(
        (await strata("tier", customer, "--as-of", "2026-11-22", "--json")).stdout,
      );
      const fromAll = JSON.parse(
        (await strata("tier", customer, "--as-of", "2026-11-22", "--rules", copy, "--json")).stdout,
      );
      const scores = (a: { metrics: Record<string, unknown> }) => [
        a.metrics.r_score,
        a.metrics.f_score,
        a.metrics.m_score,
        a.metrics.rfm_segment,
      ];
      expect(scores(fromRun)).toEqual(scores(fromAll));
      expect(fromRun.dimensions.segment.tier).toBe(fromAll.dimensions.segment.tier);
    }
  });

  it("churn --json lists as many customers as it counts, largest loss first", async () => {
    const r = await strata("churn", "--week", "last", "--json");
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.period).toEqual({ from: "2026-11-09", to: "2026-11-15" });
    expect(answer.customers).toHaveLength(answer.count);
    const losses = answer.customers.map((c: { value_lost: number }) => c.value_lost);
    expect([...losses].sort((a, b) => b - a)).toEqual(losses);
  });

  it("preview --json counts every customer once per dimension", async () => {
    const r = await strata("preview", join(examples, "b2b.tiers.yaml"), "--json");
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    for (const d of Object.values(answer.dimensions) as Array<{
      unassigned: number;
      tiers: Record<string, { count: number }>;
    }>) {
      const total = Object.values(d.tiers).reduce((sum, t) => sum + t.count, d.unassigned);
      expect(total).toBe(answer.customers);
    }
    expect(answer.dimensions.account_value.tiers.standard.count).toBeGreaterThan(0);
  });

  it("preview --compare counts the customers an edit moves, as the counts' difference says", async () => {
    const retail = join(examples, "retail.tiers.yaml");
    const edited = join(dir, "edited.tiers.yaml");
    writeFileSync(
      edited,
      readFileSync(retail, "utf8").replace("recency_days <= 30", "recency_days <= 60"),
    );
    const counts = async (file: string) =>
      JSON.parse((await strata("preview", file, "--json")).stdout).dimensions.lifecycle.tiers;
    const before = await counts(retail);
    const after = await counts(edited);
    const r = await strata("preview", edited, "--compare", retail, "--json");
    expect(r.code).toBe(0);
    // Widening 'active' from 30 to 60 days only takes customers from 'silent' (31..90 days).
    const moved = after.active.count - before.active.count;
    expect(moved).toBeGreaterThan(0);
    expect(JSON.parse(r.stdout).changes).toEqual({
      customers: moved,
      moves: [{ dimension: "lifecycle", from: "silent", to: "active", count: moved }],
      added: [],
      removed: [],
    });
    const text = await strata("preview", edited, "--compare", retail);
    expect(text.stdout).toContain(`Compared with ${retail}: ${moved} customer`);
    expect(text.stdout).toMatch(/lifecycle\s+silent\s+active\s+\d+/);
  });

  it("preview --matrix crosses any two dimensions: the cells add up to each tier's count and monetary share", async () => {
    const r = await strata(
      "preview",
      join(examples, "retail.tiers.yaml"),
      "--matrix",
      "segment,csat",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    const { matrix, dimensions } = JSON.parse(r.stdout);
    expect([matrix.rows, matrix.columns]).toEqual(["segment", "csat"]);
    for (const [tier, t] of Object.entries(dimensions.segment.tiers) as Array<
      [string, { count: number; monetaryShare: number }]
    >) {
      const counts = Object.values(matrix.counts[tier] ?? {}) as number[];
      const shares = Object.values(matrix.monetaryShare[tier] ?? {}) as number[];
      expect(counts.reduce((a, b) => a + b, 0)).toBe(t.count);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(t.monetaryShare, 12);
    }
    const text = await strata(
      "preview",
      join(examples, "retail.tiers.yaml"),
      "--matrix",
      "segment,csat",
    );
    expect(text.stdout).toContain("segment x csat: customers and share of monetary value");
    const wrong = await strata(
      "preview",
      join(examples, "retail.tiers.yaml"),
      "--matrix",
      "value,needs",
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("has no dimension 'needs'");
  });

  it("run for the demo's last date changes nothing", async () => {
    const r = await strata("run", join(examples, "retail.tiers.yaml"), "--as-of", "2026-11-22");
    expect(r.stdout).toContain(
      "Already recorded for 2026-11-22 with these rules: nothing changed.",
    );
  });
});

describe("clear errors", () => {
  it("an unknown customer gets the closest names and exit 1", async () => {
    const r = await strata("tier", "Globx");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no customer "Globx"; closest: Globex (C00002)');
  });

  it("a missing database says how to get one, exit 2", async () => {
    const r = await strata("churn", "--db", join(dir, "nope.db"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no database at");
    expect(r.stderr).toContain("strata ingest");
  });

  it("a bad week or date names the flag, exit 2", async () => {
    expect((await strata("churn", "--week", "2026-W99")).stderr).toContain(
      "--week must be this, last or an ISO week",
    );
    const r = await strata("tier", "ACME", "--as-of", "2026-02-30");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of must be a date like 2026-03-01, not "2026-02-30"');
  });

  it("broken rules are refused with located errors before anything is written", async () => {
    const r = await strata(
      "run",
      join(import.meta.dirname, "../rules/fixtures/unknown-identifier.tiers.yaml"),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown-identifier.tiers.yaml:6:15: error unknown-identifier");
  });
});

describe("churn alerts", () => {
  it("run queues an alert for each customer entering churn whom alerts.churn.when selects", async () => {
    const r = await strata("run", join(examples, "retail.tiers.yaml"), "--as-of", "2027-02-22");
    expect(r.code).toBe(0);
    const { SqliteConnection } = await import("../store/sqlite/connection.ts");
    const db = await SqliteConnection.open(join(dir, "strata-demo.db"));
    // Counted straight from the tier history: lifecycle entered "churned" on the run's day
    // while the value tier of that day is vip or high.
    const expected = await db.get<{ n: number }>(
      `SELECT count(*) AS n FROM tier_history l JOIN tier_history v
         ON v.customer_id = l.customer_id AND v.dimension = 'value' AND v.valid_to IS NULL
       WHERE l.dimension = 'lifecycle' AND l.tier = 'churned' AND l.valid_from = 20871
         AND l.previous_tier <> 'churned' AND v.tier IN ('vip', 'high')`,
    );
    const queued = await db.get<{ n: number }>(
      "SELECT count(*) AS n FROM churn_alerts WHERE churned_on = 20871 AND state = 'pending'",
    );
    await db.close();
    expect(expected?.n).toBeGreaterThan(0);
    expect(queued?.n).toBe(expected?.n);
    expect(r.stdout).toContain(`Queued ${expected?.n} churn alert`);
  });
});

describe("progress", () => {
  it("run says what it is doing on a terminal, clears the line, and says nothing elsewhere", async () => {
    const rules = join(examples, "retail.tiers.yaml");
    const quiet = await strata("run", rules, "--as-of", "2027-03-01");
    expect([quiet.code, quiet.stderr]).toEqual([0, ""]);
    const shown = await runStrata(["run", rules, "--as-of", "2027-03-08"], {
      cwd: dir,
      env: { STRATA_DB: join(dir, "strata-demo.db") },
      isTTY: true,
    });
    expect(shown.code).toBe(0);
    const steps = shown.stderr.split("\r\x1b[2K");
    expect(steps).toEqual([
      "",
      "  reading every customer's metrics…",
      // Customers with an order in the rules' window, as the run's summary counts them.
      expect.stringMatching(/^ {2}placing [\d,]+ customers in tiers…$/),
      "  recording the tier history…",
      "",
    ]);
    const placed = /placing ([\d,]+) customers/.exec(shown.stderr)?.[1];
    expect(shown.stdout).toContain(`as of 2027-03-08: ${placed} customers.`);
  });

  it("preview too, and not with --json", async () => {
    const tty = (...argv: string[]) =>
      runStrata(argv, { cwd: dir, env: { STRATA_DB: join(dir, "strata-demo.db") }, isTTY: true });
    const rules = join(examples, "retail.tiers.yaml");
    const shown = await tty("preview", rules, "--as-of", "2027-03-08");
    expect(shown.stderr.split("\r\x1b[2K")).toEqual([
      "",
      "  reading every customer's metrics…",
      expect.stringMatching(/^ {2}placing [\d,]+ customers in tiers…$/),
      "",
    ]);
    expect((await tty("preview", rules, "--as-of", "2027-03-08", "--json")).stderr).toBe("");
  });
});
