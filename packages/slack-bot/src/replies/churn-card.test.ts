import type { ChurnReport } from "@strata/core";
import { describe, expect, it } from "vitest";
import { expectHostileNameEscaped, HOSTILE_NAME, shownText } from "../testing/read-reply.ts";
import { churnCard } from "./churn-card.ts";

const report = (customers: ChurnReport["customers"]): ChurnReport => ({
  period: { from: "2026-03-16", to: "2026-03-18" },
  previousPeriod: { from: "2026-03-09", to: "2026-03-15" },
  count: customers.length,
  previousCount: 4,
  customers,
  periodName: "this week",
  asOf: "2026-03-18",
});

describe("the churn card", () => {
  it("cannot notify anyone through a customer's name or id", () => {
    const card = churnCard(
      report([
        {
          customer_id: HOSTILE_NAME,
          name: HOSTILE_NAME,
          account_manager: null,
          dimension: "lifecycle",
          from_tier: "active",
          churned_on: "2026-03-17",
          value_lost: 1234.5,
        },
      ]),
    );
    expectHostileNameEscaped(card);
    expect(shownText(card)).toContain(
      "1. *&lt;!channel&gt; &amp; &lt;@U123&gt;* (&lt;!channel&gt; &amp; &lt;@U123&gt;) · 1,234.50 · was active · churned 2026-03-17 · no account manager",
    );
    expect(card.text).toBe("1 customer churned 2026-03-16 – 2026-03-18 (previous period 4)");
  });
});
