import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AlertOutbox, QueuedAlert } from "../../alerts/alert-outbox.ts";
import { sqliteAlertOutbox } from "./sqlite-alert-outbox.ts";
import { openSqliteStore, type SqliteStore } from "./sqlite-store.ts";
import { useTempDir } from "./test-db.ts";

const tempDir = useTempDir();
const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

/**
 * A database file whose outbox holds one pending alert for each of `recipients` (in that
 * order, from one run), and `senders` outboxes on connections of their own.
 */
async function outboxes(recipients: string[], senders: number): Promise<AlertOutbox[]> {
  const path = join(tempDir(), "outbox.db");
  const first = await openSqliteStore(path);
  opened.push(first);
  const db = first.connection;
  await db.run(
    "INSERT INTO runs (run_id, as_of, rules_text, customers) VALUES (1, 20500, 'rules', ?)",
    [recipients.length],
  );
  for (const [i, recipient] of recipients.entries()) {
    await db.run("INSERT INTO customers VALUES (?, NULL, ?, '{}')", [`C${i + 1}`, recipient]);
    await db.run(
      `INSERT INTO churn_alerts (run_id, customer_id, dimension, tier, churned_on, recipient, facts)
       VALUES (1, ?, 'lifecycle', 'churned', 20500, ?, '{}')`,
      [`C${i + 1}`, recipient],
    );
  }
  const all = [sqliteAlertOutbox(db)];
  while (all.length < senders) {
    const store = await openSqliteStore(path);
    opened.push(store);
    all.push(sqliteAlertOutbox(store.connection));
  }
  return all;
}

const at = new Date("2026-02-16T09:00:00Z");
const ids = (alerts: QueuedAlert[]) => alerts.map((a) => a.alertId);

describe("claiming from the outbox", () => {
  it("gives senders claiming at once different messages, and none of them nothing while alerts are pending", async () => {
    const senders = await outboxes(
      Array.from({ length: 30 }, (_, i) => `U${i}`),
      3,
    );
    const claimed: number[][] = [];
    for (let round = 0; round < 10; round++) {
      const claims = await Promise.all(senders.map((s) => s.claimNext(at, 5)));
      for (const claim of claims) expect(claim).toHaveLength(1);
      claimed.push(...claims.map(ids));
    }
    expect(claimed.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(await Promise.all(senders.map((s) => s.claimNext(at, 5)))).toEqual([[], [], []]);
  });

  it("claims a recipient's alerts of one run together past the digest threshold, in one key", async () => {
    const [outbox] = await outboxes(["U0ANA", "U0BEN", "U0ANA", "U0ANA", "U0ANA"], 1);
    if (!outbox) throw new Error("no outbox");
    const digest = await outbox.claimNext(at, 3);
    expect(ids(digest)).toEqual([1, 3, 4, 5]);
    expect(new Set(digest.map((a) => a.claimKey))).toEqual(new Set(["1:1"]));
    expect(digest.map((a) => [a.state, a.attempts, a.claimedAt])).toEqual(
      Array(4).fill(["sending", 1, at]),
    );
    const single = await outbox.claimNext(at, 3);
    expect(single.map((a) => [a.alertId, a.claimKey])).toEqual([[2, "1:2"]]);
  });
});

describe("responding to an alert", () => {
  it("records the response and the snooze together, or neither", async () => {
    const [outbox] = await outboxes(["U0ANA"], 1);
    const db = opened[0]?.connection;
    if (!outbox || !db) throw new Error("no outbox");
    await outbox.claimNext(at, 5);
    await db.exec(
      "CREATE TRIGGER full_disk BEFORE INSERT ON alert_snoozes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    );
    await expect(outbox.respond(1, "snoozed", "U0ANA", at, 20530)).rejects.toThrow(
      "database or disk is full",
    );
    expect(await db.all("SELECT * FROM churn_alert_responses")).toEqual([]);
    await db.exec("DROP TRIGGER full_disk");
    const [alert] = await outbox.respond(1, "snoozed", "U0ANA", at, 20530);
    expect(alert?.responses).toEqual([{ action: "snoozed", userId: "U0ANA", respondedAt: at }]);
    expect(alert?.snoozedUntil).toBe(20530);
  });

  it("records clicks that arrive at once on one connection", async () => {
    const [outbox] = await outboxes(["U0ANA", "U0BEN"], 1);
    if (!outbox) throw new Error("no outbox");
    await outbox.claimNext(at, 5);
    await outbox.claimNext(at, 5);
    const later = new Date(at.getTime() + 1000);
    await Promise.all([
      outbox.respond(1, "snoozed", "U0ANA", at, 20530),
      outbox.respond(2, "snoozed", "U0BEN", at, 20531),
      outbox.respond(1, "contacted", "U0ANA", later, 20530),
    ]);
    const [one] = await outbox.respond(1, "contacted", "U0BEN", later, 20530);
    const [two] = await outbox.respond(2, "contacted", "U0BEN", later, 20531);
    expect(one?.responses.map((r) => [r.action, r.userId])).toEqual([
      ["snoozed", "U0ANA"],
      ["contacted", "U0ANA"],
    ]);
    expect([one?.snoozedUntil, two?.snoozedUntil]).toEqual([20530, 20531]);
  });
});
