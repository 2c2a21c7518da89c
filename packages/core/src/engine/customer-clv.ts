import { type BgnbdFit, fitBgnbd } from "../clv/bgnbd-fit.ts";
import { expectedPurchases, pAlive } from "../clv/bgnbd-predict.ts";
import { type RepeatPurchase, repeatPurchases } from "../clv/repeat-purchases.ts";
import type { Day } from "../time/calendar.ts";
import type { CustomerMetrics } from "./customer-metrics.ts";
import type { EngineStore, PurchaseDays } from "./engine-store.ts";

/** The horizon of `expected_orders_90d`, in the model's time unit (weeks). */
const HORIZON_WEEKS = 90 / 7;

/** A customer's BG/NBD history in weeks as of `asOf`: repeat purchases are order days after the first. */
export function weeklyHistory(p: PurchaseDays, asOf: Day): RepeatPurchase {
  return { x: p.days - 1, tx: (p.lastDay - p.firstDay) / 7, T: (asOf - p.firstDay) / 7 };
}

/**
 * Fits the BG/NBD model on every customer's order days up to `asOf` (all history, in
 * weeks). Throws StrataError("invalid-data") when the data cannot support a fit.
 */
export async function fitClv(store: EngineStore, asOf: Day): Promise<BgnbdFit> {
  return fitOn(await store.purchaseDays(asOf), asOf);
}

function fitOn(days: readonly PurchaseDays[], asOf: Day): BgnbdFit {
  return fitBgnbd(repeatPurchases(days.map((p) => weeklyHistory(p, asOf))));
}

/**
 * Adds `p_alive` and `expected_orders_90d` to each customer, from `fit` when given (the fit
 * a run recorded), else from a fit on everyone as of `asOf`; returns the fit used. Reads
 * only these customers' order days when the fit is given.
 */
export async function addClv(
  store: Pick<EngineStore, "purchaseDays">,
  asOf: Day,
  customers: CustomerMetrics[],
  fit: BgnbdFit | null,
): Promise<BgnbdFit> {
  const days = fit
    ? await store.purchaseDays(
        asOf,
        customers.map((c) => c.customer_id),
      )
    : await store.purchaseDays(asOf);
  const used = fit ?? fitOn(days, asOf);
  const byId = new Map(days.map((p) => [p.customerId, p]));
  for (const c of customers) {
    const p = byId.get(c.customer_id);
    if (!p) {
      c.p_alive = null;
      c.expected_orders_90d = null;
      continue;
    }
    const history = weeklyHistory(p, asOf);
    c.p_alive = pAlive(used, history);
    c.expected_orders_90d = expectedPurchases(used, history, HORIZON_WEEKS);
  }
  return used;
}
