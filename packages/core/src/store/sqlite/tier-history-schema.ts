import type { Migration } from "./migrations.ts";

/**
 * Migration 2: runs and tier history. One row per (customer, dimension, tier, valid_from,
 * valid_to); `valid_to` is the exclusive end (the day the next tier began), NULL while
 * current; `previous_tier` makes "who entered tier X this week, from where" one indexed range.
 * A customer unassigned in a dimension has no open interval there.
 */
export const TIER_HISTORY_MIGRATION: Migration = {
  version: 2,
  description: "runs and tier history",
  sql: `
    CREATE TABLE runs (
      run_id INTEGER PRIMARY KEY,
      as_of INTEGER NOT NULL,
      rules_path TEXT,
      rules_text TEXT NOT NULL,
      customers INTEGER NOT NULL,
      rfm_cuts TEXT CHECK (rfm_cuts IS NULL OR json_valid(rfm_cuts))
    ) STRICT;
    CREATE INDEX runs_by_date ON runs (as_of);

    CREATE TABLE tier_history (
      customer_id TEXT NOT NULL REFERENCES customers (customer_id),
      dimension TEXT NOT NULL,
      tier TEXT NOT NULL,
      previous_tier TEXT,
      valid_from INTEGER NOT NULL,
      valid_to INTEGER,
      run_id INTEGER NOT NULL REFERENCES runs (run_id),
      PRIMARY KEY (customer_id, dimension, valid_from)
    ) STRICT;
    CREATE INDEX tier_history_entered ON tier_history (dimension, tier, valid_from);
    CREATE INDEX tier_history_current ON tier_history (customer_id, dimension, tier, valid_from)
      WHERE valid_to IS NULL;
  `,
};
