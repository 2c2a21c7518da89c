import type { CustomerMatch } from "../../engine/engine-store.ts";
import type { SqliteConnection } from "./connection.ts";

type Row = { customer_id: string; name: string | null };
const toMatch = (r: Row): CustomerMatch => ({ customerId: r.customer_id, name: r.name });

/** Customers whose id is `query`, whose name is it in any case, or whose name contains it. */
export async function findCustomers(
  db: SqliteConnection,
  query: string,
): Promise<{ exact: CustomerMatch[]; partial: CustomerMatch[] }> {
  const exact = await db.all<Row>(
    `SELECT customer_id, name FROM customers WHERE customer_id = ?1
     UNION SELECT customer_id, name FROM customers WHERE lower(name) = lower(?1)
     ORDER BY customer_id LIMIT 20`,
    [query],
  );
  if (exact.length > 0) return { exact: exact.map(toMatch), partial: [] };
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const partial = await db.all<Row>(
    "SELECT customer_id, name FROM customers WHERE name LIKE ? ESCAPE '\\' ORDER BY length(name), name LIMIT 20",
    [pattern],
  );
  return { exact: [], partial: partial.map(toMatch) };
}

/** Every customer's id and name. */
export async function customerNames(db: SqliteConnection): Promise<CustomerMatch[]> {
  return (await db.all<Row>("SELECT customer_id, name FROM customers")).map(toMatch);
}
