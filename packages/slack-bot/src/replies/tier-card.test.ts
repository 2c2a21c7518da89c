import type { TierAnswer } from "@strata/core";
import { describe, expect, it } from "vitest";
import { expectHostileNameEscaped, HOSTILE_NAME } from "../testing/read-reply.ts";
import { tierCard } from "./tier-card.ts";

type Dimension = TierAnswer["dimensions"][string];

const dimension = (id: string, tierLabel: string): Dimension => ({
  dimension: id,
  label: `Dimension ${id}`,
  tier: tierLabel.toLowerCase(),
  tierLabel,
  action: null,
  because: [`monetary 1,200 >= 1,000 ✓`],
  nextUp: null,
  condition: null,
  since: "2026-01-05",
});

/** A customer's answer with `dimensions`, as core gives it. */
function tierAnswer(
  customer: Partial<TierAnswer["customer"]> = {},
  dimensions: Dimension[] = [dimension("value", "VIP")],
): TierAnswer {
  return {
    customer: { customer_id: "C00001", name: "ACME", account_manager: null, ...customer },
    asOf: "2026-03-18",
    metrics: {
      recency_days: 12,
      frequency: 4,
      monetary: 1200,
      profit: null,
      avg_order_value: 300,
      product_types: 2,
      tenure_days: 400,
      satisfaction: null,
    },
    attributes: {},
    dimensions: Object.fromEntries(dimensions.map((d) => [d.dimension, d])),
    history: [],
  };
}

describe("the tier card", () => {
  it("cannot notify anyone through a customer's name or id", () => {
    const card = tierCard(tierAnswer({ name: HOSTILE_NAME, customer_id: HOSTILE_NAME }));
    expectHostileNameEscaped(card);
    expect(card.text).toBe(
      "&lt;!channel&gt; &amp; &lt;@U123&gt; (&lt;!channel&gt; &amp; &lt;@U123&gt;): Dimension value: VIP",
    );
  });
});
