import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../demo/seeded-random.ts";
import { validateRuleText } from "../rules/validate.ts";
import { openSqliteStore } from "../store/sqlite/sqlite-store.ts";
import { parseDay } from "../time/calendar.ts";
import { runStrata } from "./run-cli-for-test.ts";

const dir = mkdtempSync(join(tmpdir(), "strata-suggest-"));
const db = join(dir, "shop.db");
const AS_OF = "2026-06-30";

/**
 * Three kinds of customer, 200 of each: big spenders who buy every week, regulars who buy
 * monthly, one-off buyers who left long ago.
 */
const GROUPS = [
  { prefix: "VIP", orders: [25, 35], amount: [150, 250], gap: 7, silence: [0, 10] },
  { prefix: "REG", orders: [4, 7], amount: [40, 80], gap: 30, silence: [15, 60] },
  { prefix: "ONE", orders: [1, 1], amount: [10, 30], gap: 0, silence: [250, 400] },
];

const strata = (...argv: string[]) =>
  runStrata(argv, {
    cwd: dir,
    env: { STRATA_DB: db },
    now: () => new Date("2026-06-30T12:00:00Z"),
  });

beforeAll(async () => {
  const random = seededRandom(99);
  const between = ([lo, hi]: number[]) =>
    (lo as number) + random.next() * ((hi as number) - (lo as number));
  const asOf = parseDay(AS_OF) ?? 0;
  const store = await openSqliteStore(db);
  const c = store.connection;
  await c.run("BEGIN");
  for (const g of GROUPS) {
    for (let i = 0; i < 200; i++) {
      const id = `${g.prefix}${i}`;
      await c.run("INSERT INTO customers VALUES (?, NULL, NULL, '{}')", [id]);
      const n = Math.round(between(g.orders));
      let day = asOf - Math.round(between(g.silence));
      for (let o = 0; o < n; o++) {
        await c.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [
          `${id}-${o}`,
          id,
          day,
          between(g.amount),
        ]);
        day -= g.gap + random.int(3);
      }
    }
  }
  await c.run("COMMIT");
  await store.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("strata suggest", () => {
  it("finds the three kinds of customer and writes rules that place them", async () => {
    const r = await strata(
      "suggest",
      "--k",
      "auto",
      "--out",
      "auto.tiers.yaml",
      "--as-of",
      AS_OF,
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.k).toBe(3);
    expect(answer.scores.map((s: { k: number }) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(answer.features.map((f: { name: string }) => f.name)).toEqual([
      "recency_days",
      "frequency",
      "monetary",
    ]);
    const text = readFileSync(join(dir, "auto.tiers.yaml"), "utf8");
    expect(validateRuleText(text).diagnostics).toEqual([]);
    // The clusters are the three kinds; the greedy tree's rounded rules may misplace a few.
    expect(answer.tiers.map((t: { size: number }) => t.size)).toEqual([200, 200, 200]);
    expect(answer.tiers[0].id).toMatch(/^high_value/);
    expect(answer.tiers[0].monetary).toBeGreaterThan(3000);
    expect(answer.tiers.at(-1).default).toBe(true);
    expect(answer.tiers.at(-1).frequency).toBe(1);
    expect(answer.agreement).toBeGreaterThan(0.99);
    expect(
      text.match(/# Agreement: the rules place \d+\.\d% of this cluster's customers here\./g),
    ).toHaveLength(3);
    // Run the file as a user would: each tier holds its kind, give or take the misplaced.
    const preview = await strata("preview", "auto.tiers.yaml", "--as-of", AS_OF, "--json");
    expect(preview.code, preview.stderr).toBe(0);
    const tiers = JSON.parse(preview.stdout).dimensions.segment.tiers;
    const misplaced = Math.round((1 - answer.agreement) * 600);
    for (const t of Object.values(tiers) as Array<{ count: number }>)
      expect(Math.abs(t.count - 200)).toBeLessThanOrEqual(misplaced);
  });

  it("gives the same file for the same data, and Ward finds the same groups", async () => {
    await strata("suggest", "--k", "3", "--out", "a.tiers.yaml", "--as-of", AS_OF);
    await strata("suggest", "--k", "3", "--out", "b.tiers.yaml", "--as-of", AS_OF);
    expect(readFileSync(join(dir, "a.tiers.yaml"), "utf8")).toBe(
      readFileSync(join(dir, "b.tiers.yaml"), "utf8"),
    );
    const ward = await strata(
      "suggest",
      "--k",
      "3",
      "--method",
      "ward",
      "--out",
      "ward.tiers.yaml",
      "--as-of",
      AS_OF,
      "--json",
    );
    expect(ward.code, ward.stderr).toBe(0);
    const sizes = JSON.parse(ward.stdout).tiers.map((t: { size: number }) => t.size);
    expect(sizes).toEqual([200, 200, 200]);
  });

  it("prints each k's silhouette and the tiers with their rules", async () => {
    const r = await strata("suggest", "--k", "auto", "--out", "text.tiers.yaml", "--as-of", AS_OF);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ {2}3 +0\.\d{3} {2}← chosen/);
    expect(r.stdout).toContain(
      "Clustered 600 customers as of 2026-06-30 on recency_days, frequency",
    );
    expect(r.stdout).toContain("Wrote text.tiers.yaml.");
  });

  it("refuses bad input before writing anything", async () => {
    const missingK = await strata("suggest", "--out", "x.tiers.yaml");
    expect(missingK.code).toBe(2);
    expect(missingK.stderr).toContain("--k 4, or --k auto");
    const feature = await strata(
      "suggest",
      "--k",
      "3",
      "--features",
      "recency_days,monetory",
      "--out",
      "x.tiers.yaml",
    );
    expect(feature.code).toBe(2);
    expect(feature.stderr).toContain(
      "'monetory' is not a metric to cluster on; did you mean 'monetary'?",
    );
    const suffix = await strata("suggest", "--k", "3", "--out", "x.yaml");
    expect(suffix.stderr).toContain("--out must end in .tiers.yaml");
    writeFileSync(join(dir, "taken.tiers.yaml"), "mine\n");
    const taken = await strata("suggest", "--k", "3", "--out", "taken.tiers.yaml");
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("taken.tiers.yaml exists: choose another --out, or add --force");
    expect(readFileSync(join(dir, "taken.tiers.yaml"), "utf8")).toBe("mine\n");
    const tooMany = await strata("suggest", "--k", "700", "--out", "x.tiers.yaml");
    expect(tooMany.code).toBe(2);
    expect(existsSync(join(dir, "x.tiers.yaml"))).toBe(false);
  });
});
