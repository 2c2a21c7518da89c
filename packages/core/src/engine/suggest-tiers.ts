import {
  type Suggestion,
  type SuggestOptions,
  suggestSegments,
} from "../cluster/suggest-segments.ts";
import type { Day } from "../time/calendar.ts";
import { addClv } from "./customer-clv.ts";
import type { EngineStore } from "./engine-store.ts";

/**
 * Suggests a tier dimension from every customer's metrics as of `asOf` (all history), with
 * p_alive and expected_orders_90d from a BG/NBD fit when the features name them.
 */
export async function suggestTiers(
  store: EngineStore,
  asOf: Day,
  options: SuggestOptions,
): Promise<Suggestion> {
  options.progress?.("reading customer metrics");
  const customers = await store.customerMetrics(asOf, null);
  if (options.features.some((f) => f === "p_alive" || f === "expected_orders_90d")) {
    options.progress?.("fitting the BG/NBD model");
    await addClv(store, asOf, customers, null);
  }
  return suggestSegments(customers, options);
}
