import type { Value } from "../expression/ast.ts";
import { quantileScores, rfmSegment } from "../metrics/rfm-scores.ts";

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

/**
 * Adds r/f/m scores and the RFM segment, by quantiles across the given customers. Customers
 * with no order in the window have no scores and no segment.
 */
export function addRfm(customers: CustomerMetrics[], bins: number): void {
  const active = customers.map((c) => c.frequency > 0);
  const r = quantileScores(
    customers.map((c, i) => (active[i] ? c.recency_days : null)),
    bins,
    true,
  );
  const f = quantileScores(
    customers.map((c, i) => (active[i] ? c.frequency : null)),
    bins,
  );
  const m = quantileScores(
    customers.map((c, i) => (active[i] ? c.monetary : null)),
    bins,
  );
  customers.forEach((c, i) => {
    c.r_score = r[i] ?? null;
    c.f_score = f[i] ?? null;
    c.m_score = m[i] ?? null;
    c.rfm_segment =
      c.r_score && c.f_score && c.m_score
        ? rfmSegment(c.r_score, c.f_score, c.m_score, bins)
        : null;
  });
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
