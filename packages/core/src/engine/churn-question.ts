import { StrataError } from "../errors.ts";
import { windowStart } from "../metrics/metrics-window.ts";
import {
  type Day,
  type DayRange,
  formatDay,
  isoWeekOf,
  parseIsoWeek,
  requireDay,
} from "../time/calendar.ts";
import type { EngineStore } from "./engine-store.ts";
import type { Rules } from "./run-rules.ts";

export interface ChurnedCustomer {
  customer_id: string;
  name: string | null;
  account_manager: string | null;
  dimension: string;
  from_tier: string | null;
  churned_on: string;
  /** Monetary over the rule file's window as of the churn day: what the customer was worth. */
  value_lost: number;
}

export interface ChurnAnswer {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  count: number;
  previousCount: number;
  /** Sorted by value lost, largest first. */
  customers: ChurnedCustomer[];
}

/**
 * The period a churn question asks about: an ISO week (`this`, `last` or `YYYY-Www`,
 * Monday to Sunday) or explicit inclusive dates. Throws StrataError("usage") on bad input.
 */
export function churnPeriod(
  options: { week?: string; since?: string; until?: string },
  today: Day,
): DayRange {
  if (options.since !== undefined || options.until !== undefined) {
    if (options.week !== undefined)
      throw new StrataError("usage", "give either --week or --since/--until, not both");
    const from = requireDay(options.since ?? "", "--since");
    const to = options.until === undefined ? today : requireDay(options.until, "--until");
    if (to < from) throw new StrataError("usage", "--until is before --since");
    return { from, to };
  }
  const week = options.week ?? "this";
  if (week === "this") return isoWeekOf(today);
  if (week === "last") return isoWeekOf(today - 7);
  const parsed = parseIsoWeek(week);
  if (!parsed)
    throw new StrataError(
      "usage",
      `--week must be this, last or an ISO week like 2026-W47, not "${week}"`,
    );
  return parsed;
}

/**
 * Customers who entered a dimension's churn tier within `period` (from the recorded history),
 * the count in the period before of the same length, and the list by value lost.
 */
export async function churnIn(
  store: EngineStore,
  rules: Rules,
  period: DayRange,
): Promise<ChurnAnswer> {
  const length = period.to - period.from + 1;
  const previous = { from: period.from - length, to: period.from - 1 };
  const churning = rules.file.dimensions.filter((d) => d.churn);
  if (churning.length === 0) {
    throw new StrataError(
      "invalid-rules",
      "no dimension of the rules names a churn tier: add `churn: TIER` to one (e.g. lifecycle)",
    );
  }
  const events = [];
  let previousCount = 0;
  for (const dimension of churning) {
    const tier = dimension.churn as string;
    events.push(...(await store.enteredTier(dimension.id, tier, period.from, period.to)));
    previousCount += await store.countEnteredTier(dimension.id, tier, previous.from, previous.to);
  }
  const customers: ChurnedCustomer[] = [];
  const byDay = new Map<Day, typeof events>();
  for (const e of events) {
    const list = byDay.get(e.validFrom);
    if (list) list.push(e);
    else byDay.set(e.validFrom, [e]);
  }
  for (const [day, list] of byDay) {
    const values = await store.customerValues(
      day,
      windowStart(rules.file.window, day),
      list.map((e) => e.customerId),
    );
    const byId = new Map(values.map((v) => [v.customer_id, v]));
    for (const e of list) {
      const m = byId.get(e.customerId);
      customers.push({
        customer_id: e.customerId,
        name: m?.name ?? null,
        account_manager: m?.account_manager ?? null,
        dimension: e.dimension,
        from_tier: e.previousTier,
        churned_on: formatDay(day),
        value_lost: m?.monetary ?? 0,
      });
    }
  }
  customers.sort(
    (a, b) => b.value_lost - a.value_lost || a.customer_id.localeCompare(b.customer_id),
  );
  return {
    period: { from: formatDay(period.from), to: formatDay(period.to) },
    previousPeriod: { from: formatDay(previous.from), to: formatDay(previous.to) },
    count: customers.length,
    previousCount,
    customers,
  };
}
