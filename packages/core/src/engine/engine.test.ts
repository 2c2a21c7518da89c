import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isStrataError } from "../errors.ts";
import { validateRuleText } from "../rules/validate.ts";
import { SqliteConnection } from "../store/sqlite/connection.ts";
import { migrate } from "../store/sqlite/migrate.ts";
import { MIGRATIONS } from "../store/sqlite/migrations.ts";
import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { type Day, parseDay } from "../time/calendar.ts";
import { churnIn, churnPeriod } from "./churn-question.ts";
import type { EngineStore } from "./engine-store.ts";
import { backfill, backfillDays, preview, type Rules, runRules } from "./run-rules.ts";
import { tierOf } from "./tier-question.ts";

const day = (text: string): Day => parseDay(text) ?? Number.NaN;

const RULES = `version: 1
window: 90d
dimensions:
  value:
    tiers:
      - id: high
        when: monetary >= 100
      - id: low
        default: true
  lifecycle:
    churn: churned
    tiers:
      - id: active
        when: recency_days <= 30
      - id: churned
        default: true
`;

let db: SqliteConnection;
let store: EngineStore;
let rules: Rules;

beforeEach(async () => {
  db = await SqliteConnection.open(":memory:");
  await migrate(db, MIGRATIONS);
  store = sqliteEngineStore(db);
  await db.run(
    "INSERT INTO customers VALUES ('A', 'ACME', 'U_ANA', '{}'), ('B', 'Globex', 'ben@example.com', '{}')",
  );
  for (const [id, c, d, amount] of [
    ["a1", "A", "2026-01-05", 150],
    ["a2", "A", "2026-02-20", 10],
    ["b1", "B", "2026-01-10", 50],
  ] as const) {
    await db.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [id, c, day(d), amount]);
  }
  const { file } = validateRuleText(RULES);
  if (!file) throw new Error("rules");
  rules = { file, text: RULES, path: "test.tiers.yaml" };
  // Mondays 2026-01-05 … 2026-03-02, as if `strata run` had run every week.
  await backfill(store, rules, backfillDays(day("2026-01-05"), day("2026-03-02"), "week"));
});

afterEach(() => db.close());

describe("history from a weekly backfill (worked out by hand)", () => {
  // A: active from 2026-01-05; 35 days after its order on 2026-02-09 it is churned; its order
  // of 2026-02-20 makes it active again at the run of 2026-02-23.
  // B: first order 2026-01-10, active from the run of 2026-01-12, churned at 2026-02-16.
  it("keeps each customer's intervals", async () => {
    const a = (await store.tierHistory("A")).filter((h) => h.dimension === "lifecycle");
    expect(a.map((h) => [h.tier, h.validFrom, h.validTo])).toEqual([
      ["active", day("2026-02-23"), null],
      ["churned", day("2026-02-09"), day("2026-02-23")],
      ["active", day("2026-01-05"), day("2026-02-09")],
    ]);
  });

  it("counts churn per ISO week with the previous week and the value lost", async () => {
    const w07 = await churnIn(store, rules, churnPeriod({ week: "2026-W07" }, 0));
    expect(w07).toMatchObject({
      period: { from: "2026-02-09", to: "2026-02-15" },
      count: 1,
      previousCount: 0,
    });
    expect(w07.customers).toEqual([
      {
        customer_id: "A",
        name: "ACME",
        account_manager: "U_ANA",
        dimension: "lifecycle",
        from_tier: "active",
        churned_on: "2026-02-09",
        value_lost: 150,
      },
    ]);
    const thisWeek = await churnIn(store, rules, churnPeriod({ week: "this" }, day("2026-02-18")));
    expect(thisWeek).toMatchObject({
      count: 1,
      previousCount: 1,
      customers: [{ customer_id: "B", value_lost: 50 }],
    });
    const span = await churnIn(
      store,
      rules,
      churnPeriod({ since: "2026-01-01", until: "2026-03-02" }, 0),
    );
    expect(span.customers.map((c) => c.customer_id)).toEqual(["A", "B"]);
  });

  it("answers what tier a customer is in, why, and since when", async () => {
    const answer = await tierOf(store, rules, "acme", day("2026-03-02"));
    expect(answer.customer).toEqual({ customer_id: "A", name: "ACME", account_manager: "U_ANA" });
    expect(answer.dimensions.value).toMatchObject({
      tier: "high",
      because: ["monetary 160 >= 100 ✓"],
      since: "2026-01-05",
    });
    expect(answer.dimensions.lifecycle).toMatchObject({
      tier: "active",
      because: ["recency_days 10 <= 30 ✓"],
      since: "2026-02-23",
    });
    expect(answer.metrics).toMatchObject({ frequency: 2, monetary: 160, recency_days: 10 });
  });

  it("previews counts and the value x lifecycle matrix without writing history", async () => {
    const before = await db.get("SELECT count(*) AS n FROM tier_history");
    const summary = await preview(store, rules, day("2026-03-02"));
    expect(summary.dimensions[0]?.tiers.map((t) => [t.tier, t.count])).toEqual([
      ["high", 1],
      ["low", 1],
    ]);
    expect(summary.matrix?.counts).toEqual({ high: { active: 1 }, low: { churned: 1 } });
    // In the 90 days to 2026-03-02, A spent 150 + 10 and B 50.
    expect(summary.matrix?.monetaryShare).toEqual({
      high: { active: 160 / 210 },
      low: { churned: 50 / 210 },
    });
    expect(await db.get("SELECT count(*) AS n FROM tier_history")).toEqual(before);
  });

  it("runs again for the same date without changing anything", async () => {
    const again = await runRules(store, rules, day("2026-03-02"));
    expect(again.recorded).toBe(false);
  });

  it("resumes an interrupted backfill: days already run are skipped, not refused", async () => {
    const runs = async () => (await db.all("SELECT run_id FROM runs")).length;
    const before = await runs();
    const week = (d: string) => backfillDays(day(d), day("2026-03-16"), "week");
    // The whole period again, two weeks longer: only the two new Mondays are run.
    const done = await backfill(store, rules, week("2026-01-05"));
    expect(done.map((r) => r.run.asOf)).toEqual([day("2026-03-09"), day("2026-03-16")]);
    expect(await runs()).toBe(before + 2);
  });

  it("says which customers are meant when a name is ambiguous or unknown", async () => {
    await db.run("INSERT INTO customers VALUES ('C', 'ACME Europe', NULL, '{}')");
    const error = await tierOf(store, rules, "ACM", day("2026-03-02")).catch((e: unknown) => e);
    expect(isStrataError(error, "ambiguous") && error.message).toContain(
      "ACME (A), ACME Europe (C)",
    );
    const unknown = await tierOf(store, rules, "Globx", day("2026-03-02")).catch((e: unknown) => e);
    expect(isStrataError(unknown, "not-found") && unknown.message).toContain("closest: Globex (B)");
  });
});
