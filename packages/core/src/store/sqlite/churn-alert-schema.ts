import type { Migration } from "./migrations.ts";

/**
 * Migration 5: the churn alert outbox. A run writes one row per churn event that the rules'
 * `alerts.churn` selects, in the run's own transaction; a sender delivers them and records the
 * outcome. `state` goes pending → sending (claimed, with `claim_key` naming the message the
 * rows go out in) → sent or failed. The unique key makes one alert per churn event however
 * often a run is repeated. Responses to alerts and snoozes are kept beside them. Times are
 * ISO 8601 instants; days are day numbers like `valid_from`.
 */
export const CHURN_ALERT_MIGRATION: Migration = {
  version: 5,
  description: "churn alert outbox",
  sql: `
    CREATE TABLE churn_alerts (
      alert_id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs (run_id),
      customer_id TEXT NOT NULL REFERENCES customers (customer_id),
      dimension TEXT NOT NULL,
      tier TEXT NOT NULL,
      churned_on INTEGER NOT NULL,
      recipient TEXT,
      facts TEXT NOT NULL CHECK (json_valid(facts)),
      state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
      claim_key TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      claimed_at TEXT,
      channel TEXT,
      message_ts TEXT,
      finished_at TEXT,
      error TEXT,
      UNIQUE (customer_id, dimension, churned_on)
    ) STRICT;
    CREATE INDEX churn_alerts_by_state ON churn_alerts (state, alert_id);
    CREATE INDEX churn_alerts_by_recipient ON churn_alerts (run_id, recipient, state);
    CREATE INDEX churn_alerts_by_claim ON churn_alerts (claim_key) WHERE claim_key IS NOT NULL;

    CREATE TABLE churn_alert_responses (
      alert_id INTEGER NOT NULL REFERENCES churn_alerts (alert_id),
      action TEXT NOT NULL CHECK (action IN ('contacted', 'snoozed')),
      user_id TEXT NOT NULL,
      responded_at TEXT NOT NULL,
      PRIMARY KEY (alert_id, action)
    ) STRICT;

    CREATE TABLE alert_snoozes (
      customer_id TEXT PRIMARY KEY NOT NULL REFERENCES customers (customer_id),
      until_day INTEGER NOT NULL,
      snoozed_by TEXT NOT NULL,
      snoozed_at TEXT NOT NULL
    ) STRICT;
  `,
};
