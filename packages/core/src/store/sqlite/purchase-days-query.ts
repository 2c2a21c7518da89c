import type { PurchaseDays } from "../../engine/engine-store.ts";
import type { Day } from "../../time/calendar.ts";
import type { SqlReader } from "./sql-reader.ts";

/**
 * First and last order day and distinct order days per customer up to `asOf`, all history,
 * aggregated inside SQLite from the covering index (customer_id, order_day, amount), which
 * delivers each customer's days in order.
 */
export async function queryPurchaseDays(
  db: SqlReader,
  asOf: Day,
  customerIds?: readonly string[],
): Promise<PurchaseDays[]> {
  const only = customerIds ? "AND customer_id IN (SELECT value FROM json_each(?))" : "";
  const rows = await db.all<{
    customer_id: string;
    first_day: number;
    last_day: number;
    days: number;
  }>(
    `SELECT customer_id, min(order_day) AS first_day, max(order_day) AS last_day,
            count(DISTINCT order_day) AS days
     FROM orders WHERE order_day <= ? ${only}
     GROUP BY customer_id ORDER BY customer_id`,
    [asOf, ...(customerIds ? [JSON.stringify(customerIds)] : [])],
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    firstDay: r.first_day,
    lastDay: r.last_day,
    days: r.days,
  }));
}
