import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EngineStore } from "../engine/engine-store.ts";
import { backfill, type Rules, runRules } from "../engine/run-rules.ts";
import { validateRuleText } from "../rules/validate.ts";
import { SqliteConnection } from "../store/sqlite/connection.ts";
import { migrate } from "../store/sqlite/migrate.ts";
import { MIGRATIONS } from "../store/sqlite/migrations.ts";
import { sqliteAlertOutbox } from "../store/sqlite/sqlite-alert-outbox.ts";
import { sqliteEngineStore } from "../store/sqlite/sqlite-engine-store.ts";
import { type Day, parseDay } from "../time/calendar.ts";
import type { AlertOutbox } from "./alert-outbox.ts";

const day = (text: string): Day => parseDay(text) ?? Number.NaN;

const rulesText = (alerts: string) => `version: 1
window: 90d
dimensions:
  value:
    label: Value tier
    tiers:
      - id: high
        label: High value
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
        action: Call within a week
${alerts}`;

const ALERTS = `alerts:
  churn:
    when: value == "high"
    notify: account_manager
`;

let db: SqliteConnection;
let store: EngineStore;
let outbox: AlertOutbox;

function rules(text = rulesText(ALERTS)): Rules {
  const { file } = validateRuleText(text);
  if (!file) throw new Error("rules");
  return { file, text, path: "test.tiers.yaml" };
}

const alerts = () =>
  db.all<{ customer_id: string; recipient: string | null; state: string; churned_on: number }>(
    "SELECT customer_id, recipient, state, churned_on FROM churn_alerts ORDER BY alert_id",
  );

beforeEach(async () => {
  db = await SqliteConnection.open(":memory:");
  await migrate(db, MIGRATIONS);
  store = sqliteEngineStore(db);
  outbox = sqliteAlertOutbox(db);
  // ACME and Initech spend 150 (high), Globex 50 (low); all last order in early January.
  await db.run(
    `INSERT INTO customers VALUES ('A', 'ACME', 'U0ANA', '{}'), ('B', 'Globex', 'ben@example.com', '{}'),
       ('C', 'Initech', NULL, '{}')`,
  );
  for (const [id, c, d, amount] of [
    ["a1", "A", "2026-01-02", 120],
    ["a2", "A", "2026-01-05", 30],
    ["b1", "B", "2026-01-05", 50],
    ["c1", "C", "2026-01-05", 150],
  ] as const) {
    await db.run("INSERT INTO orders VALUES (?, ?, ?, ?, NULL, NULL)", [id, c, day(d), amount]);
  }
});

afterEach(() => db.close());

describe("churn alerts queued by a run", () => {
  it("queues one alert per churn event that matches alerts.churn.when, in the run", async () => {
    await runRules(store, rules(), day("2026-01-20"));
    expect(await alerts()).toEqual([]);
    const result = await runRules(store, rules(), day("2026-02-16"));
    expect(result.alerts).toEqual({ queued: 2, snoozed: 0, withoutRecipient: 1 });
    expect(await alerts()).toEqual([
      { customer_id: "A", recipient: "U0ANA", state: "pending", churned_on: day("2026-02-16") },
      { customer_id: "C", recipient: null, state: "pending", churned_on: day("2026-02-16") },
    ]);
    const [acme] = await outbox.claimNext(new Date("2026-02-16T09:00:00Z"), 5);
    // The card's facts, worked out by hand from the orders above.
    expect(acme?.facts).toEqual({
      customer: { id: "A", name: "ACME", accountManager: "U0ANA" },
      churnedOn: "2026-02-16",
      churn: {
        dimension: "lifecycle",
        dimensionLabel: "lifecycle",
        tier: "churned",
        label: "churned",
        action: "Call within a week",
        from: "active",
      },
      value: {
        dimension: "value",
        dimensionLabel: "Value tier",
        tier: "high",
        label: "High value",
      },
      lastOrder: "2026-01-05",
      orders: 2,
      spend: 150,
      pAlive: null,
      window: "90d",
    });
  });

  it("queues nothing again when the run is repeated, nor on a later run", async () => {
    await runRules(store, rules(), day("2026-01-20"));
    await runRules(store, rules(), day("2026-02-16"));
    expect((await runRules(store, rules(), day("2026-02-16"))).recorded).toBe(false);
    const later = await runRules(store, rules(), day("2026-02-23"));
    expect(later.alerts).toEqual({ queued: 0, snoozed: 0, withoutRecipient: 0 });
    expect(await alerts()).toHaveLength(2);
  });

  it("sends to a fixed recipient, and queues nothing without alerts.churn or in a backfill", async () => {
    const fixed = rules(rulesText(ALERTS.replace("account_manager", '"#cs-alerts"')));
    await runRules(store, fixed, day("2026-01-20"));
    await runRules(store, fixed, day("2026-02-16"));
    expect((await alerts()).map((a) => a.recipient)).toEqual(["#cs-alerts", "#cs-alerts"]);

    await db.run("DELETE FROM churn_alerts");
    await db.run("DELETE FROM tier_history");
    await db.run("DELETE FROM runs");
    await backfill(store, rules(), [day("2026-01-20"), day("2026-02-16")]);
    const none = rules(rulesText(""));
    expect((await runRules(store, none, day("2026-03-02"))).alerts).toBeUndefined();
    expect(await alerts()).toEqual([]);
  });

  it("skips a snoozed customer until the snooze ends", async () => {
    await runRules(store, rules(), day("2026-01-20"));
    await runRules(store, rules(), day("2026-02-16"));
    const [acme] = await outbox.claimNext(new Date(), 5);
    if (!acme) throw new Error("no alert");
    await outbox.respond(acme.alertId, "snoozed", "U0ANA", new Date(), day("2026-04-17"));
    // ACME buys again, then churns again within the snooze, and once more after it.
    await db.run("INSERT INTO orders VALUES ('a3', 'A', ?, 40, NULL, NULL)", [day("2026-02-20")]);
    await runRules(store, rules(), day("2026-02-23"));
    const during = await runRules(store, rules(), day("2026-03-23"));
    expect(during.alerts).toEqual({ queued: 0, snoozed: 1, withoutRecipient: 0 });
    await db.run("INSERT INTO orders VALUES ('a4', 'A', ?, 100, NULL, NULL)", [day("2026-03-25")]);
    await runRules(store, rules(), day("2026-03-30"));
    const after = await runRules(store, rules(), day("2026-04-27"));
    expect(after.alerts).toEqual({ queued: 1, snoozed: 0, withoutRecipient: 0 });
  });

  it("counts, on a same-day run again, only the alerts that run queued", async () => {
    await runRules(store, rules(), day("2026-01-20"));
    const first = await runRules(store, rules(), day("2026-02-16"));
    expect(first.alerts).toEqual({ queued: 2, snoozed: 0, withoutRecipient: 1 });
    const [acme] = await outbox.claimNext(new Date(), 5);
    await outbox.respond(acme?.alertId ?? 0, "snoozed", "U0ANA", new Date(), day("2026-04-17"));
    // A late order of Globex (low value, no alert) makes the run of the day run again.
    await db.run("INSERT INTO orders VALUES ('b2', 'B', ?, 10, NULL, NULL)", [day("2026-02-16")]);
    const again = await runRules(store, rules(), day("2026-02-16"));
    expect(again.recorded).toBe(true);
    expect(again.alerts).toEqual({ queued: 0, snoozed: 0, withoutRecipient: 0 });
    expect((await alerts()).map((a) => a.customer_id)).toEqual(["A", "C"]);
  });

  it("drops a pending alert when a second run the same day takes the churn back", async () => {
    await runRules(store, rules(), day("2026-01-20"));
    await runRules(store, rules(), day("2026-02-16"));
    const looser = rules(rulesText(ALERTS).replace("recency_days <= 30", "recency_days <= 60"));
    const again = await runRules(store, looser, day("2026-02-16"));
    expect(again.alerts?.queued).toBe(0);
    expect(await alerts()).toEqual([]);
  });

  it("records a same-day run after late orders, and drops the alert it takes back", async () => {
    await runRules(store, rules(), day("2026-01-20"));
    await runRules(store, rules(), day("2026-02-16"));
    expect((await alerts()).map((a) => a.customer_id)).toEqual(["A", "C"]);
    // An order of ACME's from the same morning arrives late: same day, same rules.
    await db.run("INSERT INTO orders VALUES ('a3', 'A', ?, 10, NULL, NULL)", [day("2026-02-16")]);
    const again = await runRules(store, rules(), day("2026-02-16"));
    expect(again.recorded).toBe(true);
    expect(again.moves).toEqual([
      { dimension: "lifecycle", from: "churned", to: "active", count: 1 },
    ]);
    const lifecycle = (await store.tierHistory("A")).filter((h) => h.dimension === "lifecycle");
    expect(lifecycle.map((h) => [h.tier, h.validTo])).toEqual([["active", null]]);
    expect((await alerts()).map((a) => a.customer_id)).toEqual(["C"]);
  });

  it("drops a taken-back alert even when the new rules ask for no alerts", async () => {
    await runRules(store, rules(), day("2026-01-20"));
    await runRules(store, rules(), day("2026-02-16"));
    const quiet = rules(rulesText("").replace("recency_days <= 30", "recency_days <= 60"));
    await runRules(store, quiet, day("2026-02-16"));
    expect(await alerts()).toEqual([]);
  });
});

describe("the outbox", () => {
  beforeEach(async () => {
    await runRules(store, rules(), day("2026-01-20"));
    await runRules(store, rules(), day("2026-02-16"));
  });

  it("claims one message at a time and records how it ended", async () => {
    const at = new Date("2026-02-16T09:00:00Z");
    const [first] = await outbox.claimNext(at, 5);
    const [second] = await outbox.claimNext(at, 5);
    expect(await outbox.claimNext(at, 5)).toEqual([]);
    expect([first?.state, second?.state]).toEqual(["sending", "sending"]);
    expect(first?.claimKey).not.toEqual(second?.claimKey);
    await outbox.addressed(first?.claimKey ?? "", "D0ANA");
    expect((await outbox.unfinished()).map((m) => m.map((a) => [a.customerId, a.channel]))).toEqual(
      [[["A", "D0ANA"]], [["C", null]]],
    );
    await outbox.sent(first?.claimKey ?? "", "D0ANA", "1771232400.000100", at);
    expect(await outbox.counts()).toEqual({ pending: 0, sending: 1, sent: 1, failed: 0 });
    await outbox.failed(second?.claimKey ?? "", "no account manager", at);
    // Recording again what is already recorded changes nothing.
    await outbox.sent(second?.claimKey ?? "", "D0X", "1.1", at);
    expect(await outbox.counts()).toEqual({ pending: 0, sending: 0, sent: 1, failed: 1 });
  });

  it("records the first response of each kind and refuses an unknown alert", async () => {
    const [acme] = await outbox.claimNext(new Date(), 5);
    const id = acme?.alertId ?? 0;
    await outbox.respond(id, "contacted", "U0ANA", new Date("2026-02-17T10:00:00Z"), 0);
    await outbox.respond(id, "contacted", "U0BEN", new Date("2026-02-17T11:00:00Z"), 0);
    const [after] = await outbox.respond(
      id,
      "snoozed",
      "U0BEN",
      new Date("2026-02-17T12:00:00Z"),
      20531,
    );
    expect(after?.responses).toEqual([
      { action: "contacted", userId: "U0ANA", respondedAt: new Date("2026-02-17T10:00:00Z") },
      { action: "snoozed", userId: "U0BEN", respondedAt: new Date("2026-02-17T12:00:00Z") },
    ]);
    expect(after?.snoozedUntil).toBe(20531);
    expect(await db.all("SELECT customer_id, until_day, snoozed_by FROM alert_snoozes")).toEqual([
      { customer_id: "A", until_day: 20531, snoozed_by: "U0BEN" },
    ]);
    await expect(outbox.respond(999, "contacted", "U0ANA", new Date(), 0)).rejects.toThrow(
      "no churn alert 999",
    );
  });
});
