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

/** The values a rule condition sees for one customer: attributes, then metrics over them. */
export function ruleRow(c: CustomerMetrics): Record<string, Value> {
  const { attributes, ...metrics } = c;
  return { ...attributes, ...(metrics as Record<string, Value>) };
}
