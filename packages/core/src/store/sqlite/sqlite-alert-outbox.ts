import type {
  AlertAction,
  AlertOutbox,
  AlertResponse,
  AlertState,
  QueuedAlert,
} from "../../alerts/alert-outbox.ts";
import type { ChurnAlertFacts } from "../../alerts/churn-alert.ts";
import { StrataError } from "../../errors.ts";
import type { SqliteConnection } from "./connection.ts";

interface AlertRow {
  alert_id: number;
  run_id: number;
  customer_id: string;
  recipient: string | null;
  facts: string;
  state: AlertState;
  claim_key: string | null;
  attempts: number;
  claimed_at: string | null;
  channel: string | null;
  message_ts: string | null;
  error: string | null;
  snoozed_until?: number | null;
}

const toAlert = (r: AlertRow, responses: AlertResponse[] = []): QueuedAlert => ({
  alertId: r.alert_id,
  runId: r.run_id,
  customerId: r.customer_id,
  recipient: r.recipient,
  facts: JSON.parse(r.facts) as ChurnAlertFacts,
  state: r.state,
  claimKey: r.claim_key,
  attempts: r.attempts,
  claimedAt: r.claimed_at === null ? null : new Date(r.claimed_at),
  channel: r.channel,
  messageTs: r.message_ts,
  error: r.error,
  responses,
  snoozedUntil: r.snoozed_until ?? null,
});

const byId = (a: AlertRow, b: AlertRow) => a.alert_id - b.alert_id;

/** The churn alert outbox in `churn_alerts` (see churn-alert-schema.ts). */
export function sqliteAlertOutbox(db: SqliteConnection): AlertOutbox {
  let responding: Promise<unknown> = Promise.resolve();
  const message = async (claimKey: string): Promise<QueuedAlert[]> => {
    const rows = await db.all<AlertRow>(
      `SELECT a.*, s.until_day AS snoozed_until FROM churn_alerts a
       LEFT JOIN alert_snoozes s USING (customer_id) WHERE a.claim_key = ? ORDER BY a.alert_id`,
      [claimKey],
    );
    const responses = await db.all<{
      alert_id: number;
      action: AlertAction;
      user_id: string;
      responded_at: string;
    }>(
      `SELECT r.* FROM churn_alert_responses r JOIN churn_alerts a USING (alert_id)
       WHERE a.claim_key = ? ORDER BY r.responded_at`,
      [claimKey],
    );
    return rows.map((row) =>
      toAlert(
        row,
        responses
          .filter((r) => r.alert_id === row.alert_id)
          .map((r) => ({
            action: r.action,
            userId: r.user_id,
            respondedAt: new Date(r.responded_at),
          })),
      ),
    );
  };
  return {
    async unfinished() {
      const rows = await db.all<AlertRow>(
        "SELECT * FROM churn_alerts WHERE state = 'sending' ORDER BY claim_key, alert_id",
      );
      const messages = new Map<string, QueuedAlert[]>();
      for (const row of rows) {
        const key = row.claim_key ?? `alert-${row.alert_id}`;
        messages.set(key, [...(messages.get(key) ?? []), toAlert(row)]);
      }
      return [...messages.values()];
    },
    async claimNext(at, digestOver) {
      // One statement, so one write transaction: senders claiming at once each get their own
      // message, and none finds nothing while alerts are pending.
      const rows = await db.all<AlertRow>(
        `WITH first AS (
           SELECT alert_id, run_id, recipient FROM churn_alerts
           WHERE state = 'pending' ORDER BY alert_id LIMIT 1
         ), digest AS (
           SELECT count(*) > ? AS yes FROM churn_alerts a, first f
           WHERE a.state = 'pending' AND a.run_id = f.run_id AND a.recipient IS f.recipient
         )
         UPDATE churn_alerts SET state = 'sending', attempts = attempts + 1, claimed_at = ?,
           claim_key = (SELECT run_id || ':' || alert_id FROM first)
         WHERE state = 'pending' AND (
           alert_id = (SELECT alert_id FROM first)
           OR ((SELECT yes FROM digest) AND run_id = (SELECT run_id FROM first)
             AND recipient IS (SELECT recipient FROM first)))
         RETURNING *`,
        [digestOver, at.toISOString()],
      );
      return rows.sort(byId).map((r) => toAlert(r));
    },
    async addressed(claimKey, channel) {
      await db.run(
        "UPDATE churn_alerts SET channel = ? WHERE claim_key = ? AND state = 'sending'",
        [channel, claimKey],
      );
    },
    async sent(claimKey, channel, messageTs, at) {
      await db.run(
        `UPDATE churn_alerts SET state = 'sent', channel = ?, message_ts = ?, finished_at = ?, error = NULL
         WHERE claim_key = ? AND state = 'sending'`,
        [channel, messageTs, at.toISOString(), claimKey],
      );
    },
    async failed(claimKey, error, at) {
      await db.run(
        "UPDATE churn_alerts SET state = 'failed', error = ?, finished_at = ? WHERE claim_key = ? AND state = 'sending'",
        [error, at.toISOString(), claimKey],
      );
    },
    async respond(alertId, action, userId, at, snoozeUntil) {
      const alert = await db.get<AlertRow>("SELECT * FROM churn_alerts WHERE alert_id = ?", [
        alertId,
      ]);
      if (!alert) throw new StrataError("not-found", `no churn alert ${alertId}`);
      const record = async () => {
        await db.run(
          `INSERT INTO churn_alert_responses (alert_id, action, user_id, responded_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (alert_id, action) DO NOTHING`,
          [alertId, action, userId, at.toISOString()],
        );
        if (action === "snoozed") {
          await db.run(
            `INSERT INTO alert_snoozes (customer_id, until_day, snoozed_by, snoozed_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (customer_id) DO UPDATE SET until_day = excluded.until_day,
               snoozed_by = excluded.snoozed_by, snoozed_at = excluded.snoozed_at
             WHERE excluded.until_day > alert_snoozes.until_day`,
            [alert.customer_id, snoozeUntil, userId, at.toISOString()],
          );
        }
      };
      // The response and the snooze in one transaction; a connection holds one at a time, so
      // clicks arriving together take turns.
      const turn = responding.then(() => db.transaction(record));
      responding = turn.catch(() => undefined);
      await turn;
      return message(alert.claim_key ?? `alert-${alertId}`);
    },
    async counts() {
      const counts: Record<AlertState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const r of await db.all<{ state: AlertState; n: number }>(
        "SELECT state, count(*) AS n FROM churn_alerts GROUP BY state",
      ))
        counts[r.state] = r.n;
      return counts;
    },
  };
}
