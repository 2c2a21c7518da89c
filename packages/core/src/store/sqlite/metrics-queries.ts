import type { CustomerMetrics } from "../../engine/customer-metrics.ts";
import type { CustomerValue } from "../../engine/engine-store.ts";
import type { Value } from "../../expression/ast.ts";
import type { ValueType } from "../../metrics/metric-catalogue.ts";
import type { Day } from "../../time/calendar.ts";
import type { SqliteConnection } from "./connection.ts";

interface MetricsRow {
  customer_id: string;
  name: string | null;
  account_manager: string | null;
  attributes: string;
  first_day: number;
  last_day: number | null;
  frequency: number;
  monetary: number | null;
  profit: number | null;
  product_types: number;
}

/** Days before any real order: stands for "no window start". */
const DAWN = -1_000_000;

/**
 * Per-customer metrics as of `asOf`, aggregated inside SQLite in one pass over the orders
 * up to `asOf` (the covering index serves the window filter): recency, frequency, monetary,
 * profit, product types in the window; tenure from the first order ever.
 */
export async function queryCustomerMetrics(
  db: SqliteConnection,
  asOf: Day,
  windowStart: Day | null,
  customerIds?: readonly string[],
): Promise<CustomerMetrics[]> {
  const start = windowStart ?? DAWN;
  const only = customerIds ? `AND customer_id IN (SELECT value FROM json_each(?))` : "";
  const params = [
    start,
    start,
    start,
    start,
    start,
    asOf,
    ...(customerIds ? [JSON.stringify(customerIds)] : []),
  ];
  const rows = await db.all<MetricsRow>(
    `WITH o AS (
       SELECT customer_id,
              min(order_day) AS first_day,
              max(CASE WHEN order_day >= ? THEN order_day END) AS last_day,
              count(CASE WHEN order_day >= ? THEN 1 END) AS frequency,
              sum(CASE WHEN order_day >= ? THEN amount END) AS monetary,
              sum(CASE WHEN order_day >= ? THEN profit END) AS profit,
              count(DISTINCT CASE WHEN order_day >= ? THEN category END) AS product_types
       FROM orders WHERE order_day <= ? ${only}
       GROUP BY customer_id)
     SELECT o.*, c.name, c.account_manager, c.attributes
     FROM o JOIN customers c USING (customer_id)
     ORDER BY customer_id`,
    params,
  );
  return rows.map((r): CustomerMetrics => {
    const attributes = JSON.parse(r.attributes) as Record<string, Value>;
    const monetary = r.monetary ?? 0;
    const satisfaction = attributes.satisfaction;
    return {
      customer_id: r.customer_id,
      name: r.name,
      account_manager: r.account_manager,
      attributes,
      recency_days: r.last_day === null ? null : asOf - r.last_day,
      frequency: r.frequency,
      monetary,
      profit: r.profit,
      avg_order_value: r.frequency > 0 ? monetary / r.frequency : null,
      product_types: r.product_types,
      tenure_days: asOf - r.first_day,
      satisfaction: typeof satisfaction === "number" ? satisfaction : null,
    };
  });
}

/** Name, account manager and monetary of some customers (see EngineStore.customerValues). */
export async function queryCustomerValues(
  db: SqliteConnection,
  asOf: Day,
  windowStart: Day | null,
  customerIds: readonly string[],
): Promise<CustomerValue[]> {
  // Only columns of the covering index: no table lookup per order.
  return db.all<CustomerValue>(
    `SELECT customer_id, name, account_manager,
            (SELECT coalesce(sum(amount), 0) FROM orders o
             WHERE o.customer_id = c.customer_id AND order_day BETWEEN ? AND ?) AS monetary
     FROM customers c WHERE customer_id IN (SELECT value FROM json_each(?))`,
    [windowStart ?? DAWN, asOf, JSON.stringify(customerIds)],
  );
}

/** The JSON types of the attributes customers have, as rule-language types. */
export async function queryAttributeTypes(
  db: SqliteConnection,
): Promise<Record<string, ValueType>> {
  const rows = await db.all<{ key: string; type: string }>(
    `SELECT DISTINCT j.key AS key, j.type AS type FROM customers, json_each(customers.attributes) AS j
     WHERE j.type <> 'null'`,
  );
  const types: Record<string, ValueType> = {};
  for (const { key, type } of rows) {
    const mapped: ValueType =
      type === "integer" || type === "real"
        ? "number"
        : type === "true" || type === "false"
          ? "boolean"
          : "string";
    const seen = types[key];
    types[key] = seen === undefined || seen === mapped ? mapped : "string";
  }
  return types;
}
