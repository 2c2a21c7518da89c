import type { TierAnswer } from "@strata/core";
import { describe, expect, it } from "vitest";
import { expectHostileNameEscaped, HOSTILE_NAME, shownText } from "../testing/read-reply.ts";
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

describe("the tier card within Slack's limits", () => {
  it("keeps 60 dimensions within 50 blocks, naming those it leaves out with their tiers", () => {
    const many = Array.from({ length: 60 }, (_, i) => dimension(`d${i + 1}`, `Tier ${i + 1}`));
    const answer = tierAnswer({}, many);
    answer.history = [{ dimension: "d1", tier: "tier 1", from: "2026-01-05", to: null }];
    const card = tierCard(answer);
    expect(card.blocks).toHaveLength(50);
    const text = shownText(card);
    // 4 blocks above the dimensions, 2 of history below, one saying what is left out.
    expect(text).toContain("*Dimension d43: Tier 43*");
    expect(text).not.toContain("*Dimension d44:");
    expect(text).toContain(
      `and 17 more dimensions: ${Array.from({ length: 17 }, (_, i) => `Dimension d${i + 44}: Tier ${i + 44}`).join(" · ")}`,
    );
    expect(text).toContain("*History:* 2026-01-05 d1 → tier 1");
  });

  it("keeps each key figure within 2,000 characters", () => {
    const answer = tierAnswer();
    answer.metrics.rfm_segment = "S".repeat(2500);
    const figures = (tierCard(answer).blocks[2] as { fields: Array<{ text: string }> }).fields;
    expect(figures.map((f) => f.text.length)).toEqual([
      "*Last order*\n12 days ago".length,
      "*Orders in the window*\n4".length,
      "*Spend in the window*\n1,200.00".length,
      2000,
    ]);
  });
});
