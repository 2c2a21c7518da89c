import { StrataError } from "../errors.ts";
import { windowStart } from "../metrics/metrics-window.ts";
import { editDistance } from "../rules/did-you-mean.ts";
import { type DimensionExplanation, explainCustomer } from "../rules/explain-customer.ts";
import { type Day, formatDay } from "../time/calendar.ts";
import { addClv } from "./customer-clv.ts";
import { addRfm, applyRfmCuts, type CustomerMetrics, ruleRow } from "./customer-metrics.ts";
import type { CustomerMatch, EngineStore } from "./engine-store.ts";
import type { Rules } from "./run-rules.ts";

export interface TierAnswer {
  customer: { customer_id: string; name: string | null; account_manager: string | null };
  asOf: string;
  metrics: Omit<CustomerMetrics, "customer_id" | "name" | "account_manager" | "attributes">;
  attributes: CustomerMetrics["attributes"];
  /** By dimension id: the tier, why, the action, since when, and the gap to the next tier up. */
  dimensions: Record<string, DimensionExplanation & { since: string | null }>;
  history: Array<{ dimension: string; tier: string; from: string; to: string | null }>;
}

/**
 * Resolves a customer by id, exact name (any case) or a unique part of the name. Throws
 * StrataError("ambiguous") with `details.candidates` when several match, and
 * StrataError("not-found") with the closest names when none does.
 */
export async function findCustomer(store: EngineStore, query: string): Promise<CustomerMatch> {
  const { exact, partial } = await store.findCustomers(query.trim());
  const matches = exact.length > 0 ? exact : partial;
  const [first] = matches;
  if (first && matches.length === 1) return first;
  const describe = (c: CustomerMatch) => `${c.name ?? "(no name)"} (${c.customerId})`;
  if (matches.length > 1) {
    throw new StrataError(
      "ambiguous",
      `"${query}" matches ${matches.length} customers: ${matches.slice(0, 5).map(describe).join(", ")}${matches.length > 5 ? ", …" : ""}. Ask again with the id.`,
      { candidates: matches },
    );
  }
  const lower = query.toLowerCase();
  const closest = (await store.customerNames())
    .filter((c) => c.name)
    .map((c) => ({ c, d: editDistance(lower, (c.name ?? "").toLowerCase()) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ c }) => c);
  throw new StrataError(
    "not-found",
    `no customer "${query}"${closest.length ? `; closest: ${closest.map(describe).join(", ")}` : ""}`,
    { candidates: closest },
  );
}

/** A customer's tier in every dimension as of `asOf`, explained, with its tier history. */
export async function tierOf(
  store: EngineStore,
  rules: Rules,
  query: string,
  asOf: Day,
): Promise<TierAnswer> {
  const match = await findCustomer(store, query);
  const start = windowStart(rules.file.window, asOf);
  // RFM scores are quantiles over all customers and p_alive comes from a fit on everyone:
  // use the cut points and fit a run recorded for this date and these rules, else redo them.
  const run = rules.file.rfm || rules.file.clv ? await store.findRun(asOf, rules.text) : undefined;
  const wholePopulation = rules.file.rfm !== null && !run?.rfmCuts;
  const population = await store.customerMetrics(
    asOf,
    start,
    wholePopulation ? undefined : [match.customerId],
  );
  const customer = population.find((c) => c.customer_id === match.customerId);
  if (customer && rules.file.rfm) {
    if (run?.rfmCuts) applyRfmCuts(customer, run.rfmCuts);
    else addRfm(population, rules.file.rfm.bins);
  }
  if (customer && rules.file.clv) await addClv(store, asOf, [customer], run?.clvFit ?? null);
  if (!customer) {
    throw new StrataError(
      "not-found",
      `${match.name ?? match.customerId} has no orders on or before ${formatDay(asOf)}, so no tiers yet`,
    );
  }
  const history = await store.tierHistory(customer.customer_id);
  const dimensions: TierAnswer["dimensions"] = {};
  for (const explanation of explainCustomer(rules.file, ruleRow(customer))) {
    const current = history.find(
      (h) =>
        h.dimension === explanation.dimension &&
        h.tier === explanation.tier &&
        h.validFrom <= asOf &&
        (h.validTo === null || h.validTo > asOf),
    );
    dimensions[explanation.dimension] = {
      ...explanation,
      since: current ? formatDay(current.validFrom) : null,
    };
  }
  const { customer_id, name, account_manager, attributes, ...metrics } = customer;
  return {
    customer: { customer_id, name, account_manager },
    asOf: formatDay(asOf),
    metrics,
    attributes,
    dimensions,
    history: history.map((h) => ({
      dimension: h.dimension,
      tier: h.tier,
      from: formatDay(h.validFrom),
      to: h.validTo === null ? null : formatDay(h.validTo),
    })),
  };
}
