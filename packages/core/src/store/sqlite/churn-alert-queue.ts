import type { ChurnAlertPlan } from "../../alerts/churn-alert.ts";
import type { AlertsQueued } from "../../engine/engine-store.ts";
import type { Day } from "../../time/calendar.ts";
import type { SqliteConnection } from "./connection.ts";

/** Alerts per INSERT; each chunk travels as one JSON parameter. */
const ROWS = 1000;

/**
 * Inside a run's transaction, after its tier history is written: queues an alert for each
 * churn event of the day (an interval of a churn tier that began on `asOf` after another
 * tier) that `plan` selects, unless the customer is snoozed on `asOf`. A churn event already
 * queued (by an earlier run of the day) is left as it is, and not counted again.
 */
export async function queueChurnAlerts(
  db: SqliteConnection,
  runId: number,
  asOf: Day,
  plan: ChurnAlertPlan,
): Promise<AlertsQueued> {
  const result: AlertsQueued = { queued: 0, snoozed: 0, withoutRecipient: 0 };
  const snoozed = new Set(
    (
      await db.all<{ customer_id: string }>(
        "SELECT customer_id FROM alert_snoozes WHERE until_day > ?",
        [asOf],
      )
    ).map((r) => r.customer_id),
  );
  const queued = new Set(
    (
      await db.all<{ customer_id: string; dimension: string }>(
        "SELECT customer_id, dimension FROM churn_alerts WHERE churned_on = ?",
        [asOf],
      )
    ).map((r) => JSON.stringify([r.customer_id, r.dimension])),
  );
  /** Alerts as [customer, dimension, tier, recipient, facts JSON]. */
  const rows: Array<[string, string, string, string | null, string]> = [];
  for (const { dimension, tier } of plan.churnTiers) {
    const entered = await db.all<{ customer_id: string; previous_tier: string }>(
      `SELECT customer_id, previous_tier FROM tier_history
       WHERE dimension = ? AND tier = ? AND valid_from = ? AND previous_tier IS NOT NULL AND previous_tier <> tier
       ORDER BY customer_id`,
      [dimension, tier, asOf],
    );
    for (const e of entered) {
      if (queued.has(JSON.stringify([e.customer_id, dimension]))) continue;
      const draft = plan.draft(e.customer_id, dimension, e.previous_tier);
      if (!draft) continue;
      if (snoozed.has(e.customer_id)) {
        result.snoozed++;
        continue;
      }
      rows.push([e.customer_id, dimension, tier, draft.recipient, JSON.stringify(draft.facts)]);
    }
  }
  for (let i = 0; i < rows.length; i += ROWS) {
    const chunk = rows.slice(i, i + ROWS);
    const inserted = await db.all<{ recipient: string | null }>(
      `INSERT INTO churn_alerts (run_id, customer_id, dimension, tier, churned_on, recipient, facts)
       SELECT ?, value ->> 0, value ->> 1, value ->> 2, ?, value ->> 3, value ->> 4
       FROM json_each(?) WHERE true
       ON CONFLICT (customer_id, dimension, churned_on) DO NOTHING
       RETURNING recipient`,
      [runId, asOf, JSON.stringify(chunk)],
    );
    result.queued += inserted.length;
    result.withoutRecipient += inserted.filter((r) => r.recipient === null).length;
  }
  return result;
}

/**
 * Inside a run's transaction: drops the pending alerts of `asOf` whose churn event the run
 * took back (a same-day run that placed the customer elsewhere), whatever the new rules say
 * about alerts.
 */
export async function dropTakenBackAlerts(db: SqliteConnection, asOf: Day): Promise<void> {
  await db.run(
    `DELETE FROM churn_alerts WHERE state = 'pending' AND churned_on = ? AND NOT EXISTS (
       SELECT 1 FROM tier_history h WHERE h.customer_id = churn_alerts.customer_id
         AND h.dimension = churn_alerts.dimension AND h.valid_from = churn_alerts.churned_on
         AND h.tier = churn_alerts.tier AND h.previous_tier IS NOT NULL AND h.previous_tier <> h.tier)`,
    [asOf],
  );
}
