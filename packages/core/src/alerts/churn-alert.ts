import { ruleRow } from "../engine/customer-metrics.ts";
import type { Assignment } from "../engine/evaluate-tiers.ts";
import { compileJs } from "../expression/compile-js.ts";
import type { RuleFile } from "../rules/rule-file.ts";
import { type Day, formatDay } from "../time/calendar.ts";

/** A tier as an alert shows it. */
export interface TierLabel {
  dimension: string;
  dimensionLabel: string;
  tier: string;
  label: string;
}

/**
 * What a churn alert says, fixed when the run records the churn event so that the card shows
 * the customer as they were that day, whenever it is sent.
 */
export interface ChurnAlertFacts {
  customer: { id: string; name: string | null; accountManager: string | null };
  /** ISO date the customer entered the churn tier. */
  churnedOn: string;
  churn: TierLabel & { action: string | null; from: string | null };
  /** The customer's tier in the value dimension (`value`, else the first other dimension). */
  value: TierLabel | null;
  /** ISO date of the last order in the rules' window, null without one. */
  lastOrder: string | null;
  orders: number;
  /** Spend in the rules' window, in the data's currency. */
  spend: number;
  /** BG/NBD probability that the customer is still active, when the metrics have it. */
  pAlive: number | null;
  /** The rules' window as written (e.g. "365d"), null for all history. */
  window: string | null;
}

/** An alert to queue: who hears of it (null: the customer has no account manager) and what it says. */
export interface ChurnAlertDraft {
  recipient: string | null;
  facts: ChurnAlertFacts;
}

/** Which churn events of a run become alerts, and what each says. */
export interface ChurnAlertPlan {
  /** Every dimension's churn tier: entering it from another tier is a churn event. */
  churnTiers: ReadonlyArray<{ dimension: string; tier: string }>;
  /** The alert for a customer who entered `dimension`'s churn tier from `from`; null: `alerts.churn.when` does not hold. */
  draft(customerId: string, dimension: string, from: string): ChurnAlertDraft | null;
}

/**
 * The churn alerts a run on `asOf` would send, from the rules' `alerts.churn` (`when` over
 * metrics and tiers; `notify` is `account_manager` or a fixed recipient). Null when the rules
 * ask for no churn alerts or no dimension names a churn tier.
 */
export function planChurnAlerts(
  file: RuleFile,
  assignments: readonly Assignment[],
  asOf: Day,
): ChurnAlertPlan | null {
  const alert = file.alerts.churn;
  const churning = file.dimensions.filter((d) => d.churn !== null);
  if (!alert || churning.length === 0) return null;
  const when = alert.when?.expr ? compileJs(alert.when.expr) : () => true;
  const byId = new Map<string, Assignment>();
  for (const a of assignments) {
    if (churning.some((d) => a.tiers[d.id] === d.churn)) byId.set(a.customer.customer_id, a);
  }
  const dimensionOf = new Map(file.dimensions.map((d) => [d.id, d]));
  const label = (dimension: string, tier: string): TierLabel => {
    const d = dimensionOf.get(dimension);
    const t = d?.tiers.find((x) => x.id === tier);
    return { dimension, dimensionLabel: d?.label ?? dimension, tier, label: t?.label ?? tier };
  };
  const valueDimension =
    file.dimensions.find((d) => d.id === "value" && d.churn === null) ??
    file.dimensions.find((d) => d.churn === null);
  return {
    churnTiers: churning.map((d) => ({ dimension: d.id, tier: d.churn as string })),
    draft(customerId, dimension, from) {
      const a = byId.get(customerId);
      const tier = dimensionOf.get(dimension)?.churn;
      if (!a || !tier || a.tiers[dimension] !== tier) return null;
      const row = { ...ruleRow(a.customer), ...a.tiers };
      if (when(row) !== true) return null;
      const c = a.customer;
      const valueTier = valueDimension ? a.tiers[valueDimension.id] : null;
      const churnTier = dimensionOf.get(dimension)?.tiers.find((t) => t.id === tier);
      return {
        recipient: alert.notify === "account_manager" ? c.account_manager || null : alert.notify,
        facts: {
          customer: { id: c.customer_id, name: c.name, accountManager: c.account_manager },
          churnedOn: formatDay(asOf),
          churn: { ...label(dimension, tier), action: churnTier?.action ?? null, from },
          value: valueDimension && valueTier ? label(valueDimension.id, valueTier) : null,
          lastOrder: c.recency_days === null ? null : formatDay(asOf - c.recency_days),
          orders: c.frequency,
          spend: c.monetary,
          pAlive: typeof c.p_alive === "number" ? c.p_alive : null,
          window: file.window?.text ?? null,
        },
      };
    },
  };
}
