import { parseDay } from "@strata/core";
import { type DemoData, TODAY } from "./demo-data.ts";

/**
 * What the demo's tables say, by SQL written here rather than by the engine: the numbers the
 * bot's answers are checked against. The demo's rules (examples/retail.tiers.yaml) look back
 * 365 days up to and including the day asked about. For tests only.
 */

const asOf = parseDay(TODAY) ?? 0;
const WINDOW_DAYS = 365;

const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Money as Slack shows it: two decimals, thousands separators. */
export const money = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A customer as of TODAY: orders and spend in the window, current tiers, tier history. */
export async function customerFacts(demo: DemoData, customerId: string) {
  const [customer] = await demo.query<{ name: string; account_manager: string }>(
    "SELECT name, account_manager FROM customers WHERE customer_id = ?",
    [customerId],
  );
  const [orders] = await demo.query<{ n: number; spend: number; last: number }>(
    `SELECT count(*) AS n, sum(amount) AS spend, max(order_day) AS last FROM orders
     WHERE customer_id = ? AND order_day BETWEEN ? AND ?`,
    [customerId, asOf - WINDOW_DAYS + 1, asOf],
  );
  const history = await demo.query<{
    dimension: string;
    tier: string;
    valid_from: number;
    valid_to: number | null;
  }>(
    "SELECT dimension, tier, valid_from, valid_to FROM tier_history WHERE customer_id = ? ORDER BY valid_from DESC, dimension",
    [customerId],
  );
  const current = history.filter((h) => h.valid_to === null);
  return {
    name: customer?.name ?? "",
    accountManager: customer?.account_manager ?? "",
    orders: orders?.n ?? 0,
    spend: orders?.spend ?? 0,
    recencyDays: asOf - (orders?.last ?? asOf),
    /** Tier and since when, by dimension. */
    tiers: Object.fromEntries(current.map((h) => [h.dimension, h.tier])),
    since: Object.fromEntries(current.map((h) => [h.dimension, day(h.valid_from)])),
    /** Newest first: "2026-03-09 value → high". */
    history: history.map((h) => `${day(h.valid_from)} ${h.dimension} → ${h.tier}`),
  };
}

/** A customer who entered the churned lifecycle tier, with the spend of the window up to then. */
export interface Churned {
  customerId: string;
  name: string;
  accountManager: string;
  fromTier: string;
  churnedOn: string;
  valueLost: number;
}

/** Entries into the churned lifecycle tier from `from` to `to` (inclusive), by value lost. */
export async function churnedBetween(demo: DemoData, from: string, to: string): Promise<Churned[]> {
  const rows = await demo.query<{
    customer_id: string;
    name: string;
    account_manager: string;
    previous_tier: string;
    valid_from: number;
    value_lost: number;
  }>(
    `SELECT h.customer_id, c.name, c.account_manager, h.previous_tier, h.valid_from,
       (SELECT coalesce(sum(o.amount), 0) FROM orders o WHERE o.customer_id = h.customer_id
          AND o.order_day BETWEEN h.valid_from - ? AND h.valid_from) AS value_lost
     FROM tier_history h JOIN customers c USING (customer_id)
     WHERE h.dimension = 'lifecycle' AND h.tier = 'churned' AND h.previous_tier IS NOT NULL
       AND h.previous_tier <> h.tier AND h.valid_from BETWEEN ? AND ?
     ORDER BY value_lost DESC, h.customer_id`,
    [WINDOW_DAYS - 1, parseDay(from) ?? 0, parseDay(to) ?? 0],
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    name: r.name,
    accountManager: r.account_manager,
    fromTier: r.previous_tier,
    churnedOn: day(r.valid_from),
    valueLost: r.value_lost,
  }));
}

/** Customers with a tier as of TODAY, and how many are in each tier of each dimension. */
export async function tierCounts(demo: DemoData) {
  const rows = await demo.query<{ dimension: string; tier: string; n: number }>(
    "SELECT dimension, tier, count(*) AS n FROM tier_history WHERE valid_to IS NULL GROUP BY dimension, tier",
  );
  const [customers] = await demo.query<{ n: number }>(
    "SELECT count(DISTINCT customer_id) AS n FROM tier_history WHERE valid_to IS NULL",
  );
  return {
    customers: customers?.n ?? 0,
    count: (dimension: string, tier: string) =>
      rows.find((r) => r.dimension === dimension && r.tier === tier)?.n ?? 0,
  };
}
