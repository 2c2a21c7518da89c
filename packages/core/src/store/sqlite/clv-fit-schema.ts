import type { Migration } from "./migrations.ts";

/**
 * Migration 6: a run whose rules enable `clv:` keeps the BG/NBD fit it scored customers
 * with (r, alpha, a, b, log-likelihood, customers; JSON), so that asking about one customer
 * later gives the p_alive the run used without fitting everyone again.
 */
export const CLV_FIT_MIGRATION: Migration = {
  version: 6,
  description: "BG/NBD fit of each run",
  sql: `
    ALTER TABLE runs ADD COLUMN clv_fit TEXT CHECK (clv_fit IS NULL OR json_valid(clv_fit));
  `,
};
