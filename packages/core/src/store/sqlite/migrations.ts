import { CHURN_ALERT_MIGRATION } from "./churn-alert-schema.ts";
import { CLV_FIT_MIGRATION } from "./clv-fit-schema.ts";
import { QUESTION_AUDIT_MIGRATION } from "./question-audit-schema.ts";
import { TIER_HISTORY_MIGRATION } from "./tier-history-schema.ts";

/** One forward step of the SQLite schema. Never edit a released migration; add the next. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The schema, oldest first.
 *
 * Choices in migration 1:
 * - `order_day` is an INTEGER day number (days since 1970-01-01, the `Day` of
 *   time/calendar.ts): recency and windows are integer arithmetic, and the covering index
 *   (customer_id, order_day, amount) answers per-customer aggregates over a date range
 *   without touching the table. The view `orders_with_dates` shows ISO dates for people.
 * - Customer attributes (extra columns of the customers file) are one JSON object per
 *   customer: rules read them with `attributes ->> 'region'`, a customer is one row, and a
 *   new column in a later file needs no schema change. Numbers are stored as JSON numbers.
 * - STRICT tables: a value of the wrong type is an error, never silently kept as text.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "customers and orders",
    sql: `
      CREATE TABLE customers (
        customer_id TEXT PRIMARY KEY NOT NULL,
        name TEXT,
        account_manager TEXT,
        attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes))
      ) STRICT;

      CREATE TABLE orders (
        order_id TEXT PRIMARY KEY NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers (customer_id),
        order_day INTEGER NOT NULL,
        amount REAL NOT NULL,
        profit REAL,
        category TEXT
      ) STRICT;

      CREATE INDEX orders_by_customer_day ON orders (customer_id, order_day, amount);

      CREATE VIEW orders_with_dates AS
        SELECT order_id, customer_id, date(order_day * 86400, 'unixepoch') AS order_date,
               amount, profit, category
        FROM orders;
    `,
  },
  TIER_HISTORY_MIGRATION,
  QUESTION_AUDIT_MIGRATION,
  {
    version: 4,
    description: "customers by name in any case",
    // Answers "what tier is ACME" by exact name with an index seek instead of a scan.
    sql: "CREATE INDEX customers_by_lower_name ON customers (lower(name));",
  },
  CHURN_ALERT_MIGRATION,
  CLV_FIT_MIGRATION,
];
