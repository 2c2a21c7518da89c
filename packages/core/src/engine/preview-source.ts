import type { ValueType } from "../metrics/metric-catalogue.ts";
import type { StoreStats } from "../store/store.ts";
import type { Day } from "../time/calendar.ts";
import type { CustomerMetrics } from "./customer-metrics.ts";
import type { PurchaseDays } from "./engine-store.ts";

/**
 * What a preview reads from the data, and nothing it writes: customer metrics and purchase
 * days (for `clv:`) as of a day,
 * the attributes' types and common values, and the data's extent. Any SQLite driver can serve it (see
 * store/sqlite/sql-preview-source.ts).
 */
export interface PreviewSource {
  /** Metrics of every customer with an order on or before `asOf`, over orders from `windowStart`. */
  customerMetrics(asOf: Day, windowStart: Day | null): Promise<CustomerMetrics[]>;
  /** Each customer's first and last order day and days with orders, all history up to `asOf`. */
  purchaseDays(asOf: Day): Promise<PurchaseDays[]>;
  attributeTypes(): Promise<Record<string, ValueType>>;
  /** The most common values of each text attribute, most common first. */
  attributeValues(): Promise<Record<string, string[]>>;
  stats(): Promise<StoreStats>;
}
