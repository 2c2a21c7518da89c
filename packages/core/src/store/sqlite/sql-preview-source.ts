import type { PreviewSource } from "../../engine/preview-source.ts";
import {
  queryAttributeTypes,
  queryAttributeValues,
  queryCustomerMetrics,
  queryStoreStats,
} from "./metrics-queries.ts";
import { queryPurchaseDays } from "./purchase-days-query.ts";
import type { SqlReader } from "./sql-reader.ts";

/** The preview's read-only port over any SQLite driver: the same SQL as the engine store. */
export function sqlPreviewSource(db: SqlReader): PreviewSource {
  return {
    customerMetrics: (asOf, windowStart) => queryCustomerMetrics(db, asOf, windowStart),
    purchaseDays: (asOf) => queryPurchaseDays(db, asOf),
    attributeTypes: () => queryAttributeTypes(db),
    attributeValues: () => queryAttributeValues(db),
    stats: () => queryStoreStats(db),
  };
}
