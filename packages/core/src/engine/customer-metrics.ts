import type { Value } from "../expression/ast.ts";
import {
  quantileCuts,
  quantileScores,
  rfmSegment,
  type ScoreCuts,
  scoreFromCuts,
} from "../metrics/rfm-scores.ts";

/**
 * One customer as of a date: identity, attributes and the metrics the store computes from
 * orders (see DESIGN.md "Metrics"). Missing values are null, never NaN.
 */
export interface CustomerMetrics {
  customer_id: string;
  name: string | null;
  account_manager: string | null;
  /** Extra columns of the customers file. */
  attributes: Record<string, Value>;
  recency_days: number | null;
  frequency: number;
  monetary: number;
  profit: number | null;
  avg_order_value: number | null;
  product_types: number;
  tenure_days: number | null;
  satisfaction: number | null;
  r_score?: number | null;
  f_score?: number | null;
  m_score?: number | null;
  rfm_segment?: string | null;
  p_alive?: number | null;
  expected_orders_90d?: number | null;
}

/** Where each RFM score starts, so one customer can be scored later without everyone else. */
export interface RfmCuts {
  bins: number;
  r: ScoreCuts;
  f: ScoreCuts;
  m: ScoreCuts;
}

/**
 * Adds r/f/m scores and the RFM segment, by quantiles across the given customers, and returns
 * the cut points. Customers with no order in the window have no scores and no segment.
 */
export function addRfm(customers: CustomerMetrics[], bins: number): RfmCuts {
  const active = customers.map((c) => c.frequency > 0);
  const recency = customers.map((c, i) => (active[i] ? c.recency_days : null));
  const frequency = customers.map((c, i) => (active[i] ? c.frequency : null));
  const monetary = customers.map((c, i) => (active[i] ? c.monetary : null));
  const r = quantileScores(recency, bins, true);
  const f = quantileScores(frequency, bins);
  const m = quantileScores(monetary, bins);
  customers.forEach((c, i) => {
    setScores(c, r[i] ?? null, f[i] ?? null, m[i] ?? null, bins);
  });
  return {
    bins,
    r: quantileCuts(recency, bins, true),
    f: quantileCuts(frequency, bins),
    m: quantileCuts(monetary, bins),
  };
}

/** Scores one customer with the cuts of a population it belonged to. */
export function applyRfmCuts(c: CustomerMetrics, cuts: RfmCuts): void {
  if (c.frequency === 0 || c.recency_days === null) {
    setScores(c, null, null, null, cuts.bins);
    return;
  }
  setScores(
    c,
    scoreFromCuts(c.recency_days, cuts.r, true),
    scoreFromCuts(c.frequency, cuts.f),
    scoreFromCuts(c.monetary, cuts.m),
    cuts.bins,
  );
}

function setScores(
  c: CustomerMetrics,
  r: number | null,
  f: number | null,
  m: number | null,
  bins: number,
) {
  c.r_score = r;
  c.f_score = f;
  c.m_score = m;
  c.rfm_segment = r && f && m ? rfmSegment(r, f, m, bins) : null;
}

/** The values a rule condition sees for one customer: its metrics, and its attributes by name. */
export function ruleRow(c: CustomerMetrics): Record<string, Value> {
  // A literal of fixed shape keeps this fast: it runs once per customer per evaluation.
  const row: Record<string, Value> = {
    customer_id: c.customer_id,
    name: c.name,
    account_manager: c.account_manager,
    recency_days: c.recency_days,
    frequency: c.frequency,
    monetary: c.monetary,
    profit: c.profit,
    avg_order_value: c.avg_order_value,
    product_types: c.product_types,
    tenure_days: c.tenure_days,
    satisfaction: c.satisfaction,
    r_score: c.r_score ?? null,
    f_score: c.f_score ?? null,
    m_score: c.m_score ?? null,
    rfm_segment: c.rfm_segment ?? null,
    p_alive: c.p_alive ?? null,
    expected_orders_90d: c.expected_orders_90d ?? null,
  };
  for (const key in c.attributes) {
    if (!(key in row)) row[key] = c.attributes[key] ?? null;
  }
  return row;
}
