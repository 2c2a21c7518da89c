import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pAlive } from "../clv/bgnbd-predict.ts";
import { seededRandom } from "../demo/seeded-random.ts";
import { validateRuleText } from "../rules/validate.ts";
import { SqliteConnection } from "../store/sqlite/connection.ts";
import { migrate } from "../store/sqlite/migrate.ts";
import { MIGRATIONS } from "../store/sqlite/migrations.ts";
import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { type Day, parseDay } from "../time/calendar.ts";
import { weeklyHistory } from "./customer-clv.ts";
import type { EngineStore } from "./engine-store.ts";
import { preview, type Rules, runRules } from "./run-rules.ts";
import { tierOf } from "./tier-question.ts";

const day = (text: string): Day => parseDay(text) ?? Number.NaN;
const AS_OF = day("2026-06-30");

const RULES = `version: 1
clv: { model: bgnbd }
dimensions:
  value:
    tiers:
      - id: high
        when: monetary >= 100
      - id: low
        default: true
  risk:
    tiers:
      - id: at_risk
        when: p_alive < 0.3 and value == "high"
      - id: busy
        when: expected_orders_90d >= 2
      - id: fine
        default: true
`;

function rulesOf(text: string): Rules {
  const { file, ok } = validateRuleText(text);
  if (!file || !ok) throw new Error("rules do not validate");
  return { file, text, path: "clv.tiers.yaml" };
}

let db: SqliteConnection;
let store: EngineStore;

/** Orders of `n` customers drawn from the BG/NBD process, over the year before AS_OF. */
async function simulatedShop(n: number) {
  const random = seededRandom(7);
  const rows: Array<string | number> = [];
  for (let i = 0; i < n; i++) {
    const id = `S${i}`;
    await db.run("INSERT INTO customers VALUES (?, NULL, NULL, '{}')", [id]);
    const lambda = random.gamma(0.6, 1 / 20); // purchases per day while active
    const p = random.beta(1, 3);
    let t = AS_OF - 365 + random.int(300);
    let k = 0;
    for (;;) {
      rows.push(`${id}-${k}`, id, Math.floor(t), 20 + random.int(80));
      k++;
      if (k > 1 && random.next() < p) break;
      t += random.exponential(1 / lambda);
      if (t > AS_OF) break;
    }
  }
  for (let i = 0; i < rows.length; i += 4 * 200) {
    const chunk = rows.slice(i, i + 4 * 200);
    await db.run(
      `INSERT INTO orders VALUES ${Array.from({ length: chunk.length / 4 }, () => "(?, ?, ?, ?, NULL, NULL)").join(", ")}`,
      chunk,
    );
  }
}

beforeEach(async () => {
  db = await SqliteConnection.open(":memory:");
  await migrate(db, MIGRATIONS);
  store = sqliteEngineStore(db);
  await simulatedShop(1500);
  // Hand-made customers: one order; five orders then a long silence; an order today.
  await db.run(
    "INSERT INTO customers VALUES ('ONCE', NULL, NULL, '{}'), ('GONE', NULL, NULL, '{}'), ('NOW', NULL, NULL, '{}')",
  );
  const orders: Array<[string, string, string, number]> = [
    ["once-1", "ONCE", "2026-03-01", 500],
    ["now-1", "NOW", "2026-01-10", 60],
    ["now-2", "NOW", "2026-01-10", 40],
    ["now-3", "NOW", "2026-02-07", 50],
    ["now-4", "NOW", "2026-06-30", 50],
  ];
  for (let k = 0; k < 5; k++) orders.push([`gone-${k}`, "GONE", `2025-07-0${k + 1}`, 100]);
  for (const [id, customer, date, amount] of orders)
    await db.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [
      id,
      customer,
      day(date),
      amount,
    ]);
});

afterEach(() => db.close());

describe("BG/NBD metrics from stored orders", () => {
  it("counts repeat purchases as order days after the first, in weeks", async () => {
    const [now] = await store.purchaseDays(AS_OF, ["NOW"]);
    if (!now) throw new Error("no purchase days for NOW");
    // 2026-01-10 (twice), 2026-02-07, 2026-06-30: 3 days, 28 and 171 days after the first.
    expect(weeklyHistory(now, AS_OF)).toEqual({ x: 2, tx: 171 / 7, T: 171 / 7 });
  });

  it("run fits the model, keeps the fit, and rules use p_alive and expected_orders_90d", async () => {
    const result = await runRules(store, rulesOf(RULES), AS_OF);
    const fit = result.run.clvFit;
    if (!fit) throw new Error("the run kept no fit");
    expect(fit.customers).toBe(1503);
    for (const v of [fit.r, fit.alpha, fit.a, fit.b]) expect(v).toBeGreaterThan(0);
    expect((await store.latestRun())?.clvFit).toEqual(fit);

    const once = await tierOf(store, rulesOf(RULES), "ONCE", AS_OF);
    expect(once.metrics.p_alive).toBe(1); // no repeat purchase: the model cannot see dropout
    const gone = await tierOf(store, rulesOf(RULES), "GONE", AS_OF);
    expect(gone.metrics.p_alive).toBeLessThan(0.3);
    expect(gone.dimensions.risk?.tier).toBe("at_risk");
    expect(gone.dimensions.risk?.because.join(" ")).toContain("p_alive");
    // Right after a purchase, P(alive) is the chance of not dropping out: (b+x−1)/(a+b+x−1).
    const now = await tierOf(store, rulesOf(RULES), "NOW", AS_OF);
    expect(now.metrics.p_alive).toBeCloseTo((fit.b + 1) / (fit.a + fit.b + 1), 12);
    expect(now.metrics.expected_orders_90d).toBeGreaterThan(0);
  });

  it("tier scores one customer with the run's fit, not a fit on data that came later", async () => {
    const run = await runRules(store, rulesOf(RULES), AS_OF);
    const fit = run.run.clvFit;
    if (!fit) throw new Error("the run kept no fit");
    // Late orders of 300 repeat buyers, dated on the as-of day: a fit now would differ.
    for (let i = 0; i < 300; i++) {
      await db.run("INSERT INTO customers VALUES (?, NULL, NULL, '{}')", [`LATE${i}`]);
      for (const [k, d] of [day("2026-01-05"), day("2026-03-05"), AS_OF].entries()) {
        await db.run("INSERT INTO orders VALUES (?, ?, ?, 10, NULL, NULL)", [
          `late${i}-${k}`,
          `LATE${i}`,
          d,
        ]);
      }
    }
    const fromRun = await tierOf(store, rulesOf(RULES), "GONE", AS_OF);
    const fresh = await tierOf(store, rulesOf(`# not the run's rules\n${RULES}`), "GONE", AS_OF);
    const [gone] = await store.purchaseDays(AS_OF, ["GONE"]);
    if (!gone) throw new Error("no purchase days for GONE");
    expect(fromRun.metrics.p_alive).toBe(pAlive(fit, weeklyHistory(gone, AS_OF)));
    expect(fresh.metrics.p_alive).not.toBe(fromRun.metrics.p_alive);
  });

  it("run stops before writing anything when the data cannot support a fit, and says what to do", async () => {
    await db.exec("DELETE FROM orders; DELETE FROM customers");
    for (const id of ["A", "B"]) {
      await db.run("INSERT INTO customers VALUES (?, NULL, NULL, '{}')", [id]);
      await db.run("INSERT INTO orders VALUES (?, ?, ?, 10, NULL, NULL)", [
        `${id}1`,
        id,
        AS_OF - 30,
      ]);
    }
    await expect(runRules(store, rulesOf(RULES), AS_OF)).rejects.toThrow(
      "none of the 2 customers bought more than once: the BG/NBD model needs repeat purchases. The rules' `clv:` asks for this fit (p_alive, expected_orders_90d): remove it from clv.tiers.yaml until the data allows one",
    );
    expect(await store.latestRun()).toBeUndefined();
  });

  it("preview places customers exactly as run does", async () => {
    const shown = await preview(store, rulesOf(RULES), AS_OF);
    const run = await runRules(store, rulesOf(RULES), AS_OF);
    expect(shown.dimensions).toEqual(run.summary.dimensions);
    const risk = shown.dimensions.find((d) => d.dimension === "risk");
    expect(risk?.tiers.map((t) => t.count > 0)).toEqual([true, true, true]);
  });
});
