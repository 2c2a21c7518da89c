/** The kinds of value an expression, metric or attribute can have. */
export type ValueType = "number" | "string" | "boolean";

/** What a metric needs switched on in the rule file before it exists. */
export type MetricRequirement = "rfm" | "clv";

export interface MetricInfo {
  name: string;
  type: ValueType;
  /** One sentence an analyst understands, shown in hovers and help. */
  description: string;
  unit?: string;
  requires?: MetricRequirement;
  /** The only values a text metric takes, when that set is closed. */
  values?: readonly string[];
}

/** The standard RFM segments, best to worst. */
export const RFM_SEGMENTS = [
  "Champions",
  "Loyal",
  "Potential Loyalist",
  "New",
  "Promising",
  "Need Attention",
  "About to Sleep",
  "At Risk",
  "Can't Lose Them",
  "Hibernating",
  "Lost",
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

const list: MetricInfo[] = [
  {
    name: "recency_days",
    type: "number",
    unit: "days",
    description: "Days from the last order in the window to the as-of date (missing if none).",
  },
  { name: "frequency", type: "number", description: "Number of orders in the window." },
  {
    name: "monetary",
    type: "number",
    unit: "currency",
    description: "Sum of order amounts in the window.",
  },
  {
    name: "profit",
    type: "number",
    unit: "currency",
    description: "Sum of order profit in the window (missing when the data has no profit).",
  },
  {
    name: "avg_order_value",
    type: "number",
    unit: "currency",
    description: "Monetary divided by frequency (missing with no orders).",
  },
  {
    name: "product_types",
    type: "number",
    description: "Distinct product categories bought in the window.",
  },
  {
    name: "tenure_days",
    type: "number",
    unit: "days",
    description: "Days from the first order ever to the as-of date.",
  },
  {
    name: "r_score",
    type: "number",
    requires: "rfm",
    description: "Recency score 1..bins by quantile; higher is more recent; ties share a score.",
  },
  {
    name: "f_score",
    type: "number",
    requires: "rfm",
    description: "Frequency score 1..bins by quantile; higher buys more often.",
  },
  {
    name: "m_score",
    type: "number",
    requires: "rfm",
    description: "Monetary score 1..bins by quantile; higher spends more.",
  },
  {
    name: "rfm_segment",
    type: "string",
    requires: "rfm",
    values: RFM_SEGMENTS,
    description: "Standard RFM segment from the r and f/m scores (Champions … Lost).",
  },
  {
    name: "p_alive",
    type: "number",
    requires: "clv",
    description: "BG/NBD probability (0..1) that the customer is still buying.",
  },
  {
    name: "expected_orders_90d",
    type: "number",
    requires: "clv",
    description: "BG/NBD expected number of orders in the next 90 days.",
  },
  {
    name: "satisfaction",
    type: "number",
    description: "Latest satisfaction score supplied for the customer (missing if none).",
  },
];

/** Every metric by name. */
export const METRICS: ReadonlyMap<string, MetricInfo> = new Map(list.map((m) => [m.name, m]));

/** Attributes every customer has, whatever the data file holds. */
export const BUILTIN_ATTRIBUTES: Readonly<Record<string, ValueType>> = {
  customer_id: "string",
  name: "string",
  account_manager: "string",
};
