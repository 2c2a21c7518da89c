import type { EngineStore } from "../../engine/engine-store.ts";
import type { SqliteConnection } from "./connection.ts";
import { customerNames, findCustomers } from "./customer-search.ts";
import {
  queryAttributeTypes,
  queryCustomerMetrics,
  queryCustomerValues,
} from "./metrics-queries.ts";
import { queryPurchaseDays } from "./purchase-days-query.ts";
import {
  countEnteredTier,
  enteredTier,
  findRun,
  latestRun,
  recordRun,
  tierHistory,
} from "./tier-history-store.ts";

/** The engine's port over a migrated SQLite connection. */
export function sqliteEngineStore(db: SqliteConnection): EngineStore {
  return {
    customerMetrics: (asOf, windowStart, ids) => queryCustomerMetrics(db, asOf, windowStart, ids),
    customerValues: (asOf, windowStart, ids) => queryCustomerValues(db, asOf, windowStart, ids),
    purchaseDays: (asOf, ids) => queryPurchaseDays(db, asOf, ids),
    attributeTypes: () => queryAttributeTypes(db),
    latestRun: () => latestRun(db),
    findRun: (asOf, rulesText) => findRun(db, asOf, rulesText),
    recordRun: (run) => recordRun(db, run),
    tierHistory: (id) => tierHistory(db, id),
    enteredTier: (dimension, tier, from, to) => enteredTier(db, dimension, tier, from, to),
    countEnteredTier: (dimension, tier, from, to) =>
      countEnteredTier(db, dimension, tier, from, to),
    findCustomers: (query) => findCustomers(db, query),
    customerNames: () => customerNames(db),
  };
}
